// `/papers jc …`: nominate, schedule, hand over the presentation, or show the club; answers as an ephemeral.
import type { WebClient } from "@slack/web-api";
import type { Weekday } from "../../config/channel-config.ts";
import type { JournalClub } from "../../journal-club/journal-club.ts";
import { parsePaperRef } from "../../papers/arxiv-id.ts";
import type { SlackMessage } from "../blocks/paper-card.ts";
import { renderNotice } from "../blocks/usage.ts";
import type { CommandContext } from "../commands/command-context.ts";
import { parseScheduleArgs } from "../digest/settings-command.ts";
import { findUserByHandle } from "./find-user.ts";
import { describePresenter } from "./jc-presenter.ts";
import { meetingTime, mention } from "./jc-text.ts";
import { renderNominationCard } from "./nomination-card.ts";
import { renderOverview } from "./render-overview.ts";

export const JC_USAGE =
  "Use `/papers jc` (the queue, the next meeting, past sessions), `/papers jc nominate 2302.06675` (an arXiv id or link), `/papers jc schedule thu 16:00` (weekly, in this channel's time zone; add a zone like `Europe/Berlin` to choose another), `/papers jc schedule off`, or `/papers jc presenter @someone`.";

const SCHEDULE_USAGE =
  "Say one day and a time: `/papers jc schedule thu 16:00` (optionally a time zone, e.g. `/papers jc schedule thu 16:00 Europe/Berlin`), or `/papers jc schedule off`.";

/** Answers `/papers jc <args>`. Bad input gets the fix and changes nothing. */
export async function answerJournalClub(args: string, context: CommandContext): Promise<SlackMessage> {
  const club = context.features.journalClub?.club;
  if (!club) return renderNotice("The journal club is not available on this paperboy.");
  const [head = "", ...rest] = args.trim().split(/\s+/);
  const word = head.toLowerCase();
  const tail = rest.join(" ");
  if (word === "" || word === "queue" || word === "show") {
    return renderOverview(await club.overview(context.channel));
  }
  if (word === "nominate") return nominate(club, tail, context);
  if (word === "schedule") return schedule(club, tail, context.channel);
  if (word === "presenter") return presenter(club, tail, context);
  return renderNotice(JC_USAGE);
}

async function nominate(club: JournalClub, ref: string, context: CommandContext): Promise<SlackMessage> {
  const id = parsePaperRef(ref);
  if (!id) {
    return renderNotice(
      "Say which paper: `/papers jc nominate 2302.06675` or `/papers jc nominate <arXiv or Hugging Face link>`.",
    );
  }
  const { features, channel, user } = context;
  const found = await features.search.lookup(id);
  if (!found.paper)
    return renderNotice(`No paper ${id} was found in the index, on Hugging Face or on arXiv.`);
  const cached = await features.summarizer.cached(found.paper);
  const outcome = await club.nominate(channel, user, {
    id: found.paper.id,
    title: found.paper.title,
    authors: found.paper.authors,
    ...(cached ? { tldr: { text: cached.tldr, label: cached.label } } : {}),
  });
  if (outcome.kind === "full") {
    return renderNotice(
      "The queue is full (20 nominations). Vote for one of them, or nominate again after the next meeting.",
    );
  }
  if (outcome.kind === "already") {
    return renderNotice(
      `“${outcome.nomination.title}” is already nominated (${outcome.votes} vote${outcome.votes === 1 ? "" : "s"}); vote for it on its card.`,
    );
  }
  await postCard(context.client, club, channel, outcome.nomination);
  return renderNotice(`Nominated “${found.paper.title}”. Members vote with the button on its card.`);
}

async function postCard(
  client: WebClient,
  club: JournalClub,
  channel: string,
  nomination: Parameters<typeof renderNominationCard>[0],
): Promise<void> {
  const card = renderNominationCard(nomination, 0);
  try {
    const posted = await client.chat.postMessage({ channel, text: card.text, blocks: card.blocks });
    if (posted.ts) await club.recordCard(channel, nomination.paperId, posted.ts);
  } catch (error) {
    // A nomination nobody can see or vote on is no nomination: take it back, then report the failure.
    await club.withdraw(channel, nomination.paperId).catch(() => {});
    throw error;
  }
}

async function schedule(club: JournalClub, args: string, channel: string): Promise<SlackMessage> {
  if (/^(off|stop|cancel)$/i.test(args.trim())) {
    return renderNotice(
      (await club.unschedule(channel))
        ? "The journal club's meetings are off. Nominations and votes are kept; set a time again with `/papers jc schedule thu 16:00`."
        : "No journal club meeting was scheduled in this channel.",
    );
  }
  if (!args.trim()) return renderNotice(SCHEDULE_USAGE);
  const parsed = parseScheduleArgs(args);
  if ("error" in parsed) return renderNotice(`${parsed.error}\n${SCHEDULE_USAGE}`);
  const { time, days, timezone, enabled } = parsed.patch;
  const day = Array.isArray(days) && days.length === 1 ? (days[0] as Weekday) : undefined;
  if (!time || !day || enabled !== undefined) return renderNotice(SCHEDULE_USAGE);
  const saved = await club.schedule(channel, { day, time, ...(timezone ? { timezone } : {}) });
  return renderNotice(
    `The journal club meets every week; the next meeting is ${meetingTime(saved.next, saved.schedule.timezone)}. The day before, the paper with the most votes is announced (equal votes: the earliest nomination wins), and reminders go out a day and an hour before.`,
  );
}

async function presenter(club: JournalClub, args: string, context: CommandContext): Promise<SlackMessage> {
  let target = parsePerson(args, context.user);
  const handle = /^@([\w.-]{1,80})$/.exec(args.trim())?.[1];
  if (!target && handle) {
    target = await findUserByHandle(context.client, handle);
    if (!target) {
      return renderNotice(
        `Nobody in this workspace is called @${handle}; pick the person from Slack's @-list.`,
      );
    }
  }
  if (!target) {
    return renderNotice(
      "Say who presents: `/papers jc presenter @someone` (pick them from Slack's @-list), or `/papers jc presenter me`.",
    );
  }
  const outcome = await club.assignPresenter(context.channel, context.user, target);
  return describePresenter(outcome, context, mention);
}

/** A person as Slack sends a picked mention (`<@U123|ada>`), a bare user id, or `me`. */
export function parsePerson(text: string, self: string): string | undefined {
  const trimmed = text.trim();
  if (/^me$/i.test(trimmed)) return self;
  const match =
    /^<@([UW][A-Z0-9]{1,20})(?:\|[^>]*)?>$/.exec(trimmed) ?? /^@?([UW][A-Z0-9]{1,20})$/.exec(trimmed);
  return match?.[1];
}
