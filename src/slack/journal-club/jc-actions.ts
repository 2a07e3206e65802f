// The journal club's buttons: *Vote* on a nomination card (redraws the counts) and *I'll present*.
import type { WebClient } from "@slack/web-api";
import type { CardUpdate } from "../../journal-club/journal-club.ts";
import { voteCounts } from "../../journal-club/journal-club-state.ts";
import { parsePaperRef } from "../../papers/arxiv-id.ts";
import { createKeyedQueue } from "../../state/keyed-queue.ts";
import type { SlackMessage } from "../blocks/paper-card.ts";
import { renderNotice } from "../blocks/usage.ts";
import type { SlackFeatures } from "../slack-features.ts";
import { describePresenter } from "./jc-presenter.ts";
import { mention } from "./jc-text.ts";
import { renderNominationCard } from "./nomination-card.ts";

interface ClickContext {
  features: SlackFeatures;
  client: WebClient;
  asker: { user: string; channel: string };
  value: string;
}

type ClickReply = { message: SlackMessage } | undefined;

const UNAVAILABLE = { message: renderNotice("The journal club is not available on this paperboy.") };

// One redraw of a card at a time in this process, each from the store as it is then: the last redraw shows
// the latest count even when two votes' updates would otherwise cross on the way to Slack.
const redraws = createKeyedQueue();

/** *Vote*: casts, moves or takes back the clicker's vote, redraws the cards whose counts changed. */
export async function voteClick({ features, client, asker, value }: ClickContext): Promise<ClickReply> {
  const club = features.journalClub?.club;
  if (!club) return UNAVAILABLE;
  const paperId = parsePaperRef(value);
  if (!paperId) return { message: renderNotice("That button is out of date; see `/papers jc`.") };
  const { outcome, cards } = await club.vote(asker.channel, asker.user, paperId);
  await Promise.all(cards.map((card) => redraw(features, client, asker.channel, card)));
  const title = (id: string) => cards.find((card) => card.nomination.paperId === id)?.nomination.title ?? id;
  switch (outcome.kind) {
    case "added":
      return {
        message: renderNotice(
          `You voted for “${title(outcome.paperId)}”. Click *Vote* again to take it back.`,
        ),
      };
    case "moved":
      return {
        message: renderNotice(
          `Your vote moved from “${title(outcome.from)}” to “${title(outcome.paperId)}” (one vote each).`,
        ),
      };
    case "removed":
      return { message: renderNotice(`You took back your vote for “${title(outcome.paperId)}”.`) };
    case "not_open":
      return {
        message: renderNotice(
          "That nomination is closed: it was already chosen for a meeting. See the queue with `/papers jc`.",
        ),
      };
    case "full":
      return { message: renderNotice("This channel's journal club has too many voters to count another.") };
  }
}

async function redraw(features: SlackFeatures, client: WebClient, channel: string, card: CardUpdate) {
  const { ts, paperId } = card.nomination;
  if (!ts) return;
  await redraws(`${channel}:${ts}`, async () => {
    const state = await features.journalClub?.club.clubs.read(channel);
    const nomination = state?.nominations.find((candidate) => candidate.paperId === paperId);
    const count = state && nomination ? (voteCounts(state).get(paperId) ?? 0) : card.votes;
    const message = renderNominationCard(nomination ?? card.nomination, count);
    await client.chat
      .update({ channel, ts, text: message.text, blocks: message.blocks })
      .catch((error: unknown) =>
        features.logger.warn({ err: error, channel, ts }, "could not redraw a nomination card"),
      );
  });
}

/** *I'll present*: the first to click presents the meeting the announcement is for. */
export async function presentClick({ features, client, asker, value }: ClickContext): Promise<ClickReply> {
  const club = features.journalClub?.club;
  if (!club) return UNAVAILABLE;
  const meetingDate = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
  const outcome = await club.claimPresenter(asker.channel, asker.user, meetingDate);
  return { message: await describePresenter(outcome, { client, channel: asker.channel, features }, mention) };
}
