// Says what taking or handing over a presentation did, and redraws the announcement to name the presenter.
import type { WebClient } from "@slack/web-api";
import type { PresenterOutcome } from "../../journal-club/journal-club.ts";
import type { JcSession } from "../../journal-club/journal-club-state.ts";
import { fitMessage } from "../blocks/fit-to-slack-limits.ts";
import type { SlackMessage } from "../blocks/paper-card.ts";
import { escapeText } from "../blocks/untrusted-text.ts";
import { renderNotice } from "../blocks/usage.ts";
import { renderAnnouncementWithPresenter } from "./render-jc-posts.ts";

interface Where {
  client: WebClient;
  channel: string;
  features: { logger: { warn(details: object, message: string): void } };
}

/**
 * The reply for a presenter outcome. When the presenter changed, the announcement is redrawn first (the
 * presenter named, *I'll present* gone); a failed redraw is logged, the change stands.
 */
export async function describePresenter(
  outcome: PresenterOutcome,
  where: Where,
  mention: (user: string) => string,
): Promise<SlackMessage> {
  switch (outcome.kind) {
    case "no_session":
      return renderNotice(
        "No meeting has its paper announced yet: the paper is announced the day before the meeting. See `/papers jc`.",
      );
    case "over":
      return renderNotice("That meeting has taken place; see the next one with `/papers jc`.");
    case "taken":
      await redrawAnnouncement(outcome.session, where);
      return notice(
        `You present ${quoted(outcome.session)}. Thank you! Hand it over with \`/papers jc presenter @someone\`.`,
      );
    case "assigned":
      await redrawAnnouncement(outcome.session, where);
      return notice(
        `${mention(outcome.session.presenter ?? "")} now presents ${quoted(outcome.session)}${outcome.from ? ` (instead of ${mention(outcome.from)})` : ""}.`,
      );
    case "already_you":
      return notice(`You already present ${quoted(outcome.session)}.`);
    case "taken_by":
      return notice(
        `${mention(outcome.presenter)} already presents ${quoted(outcome.session)}: the first to click presents. They can hand it over with \`/papers jc presenter @someone\`.`,
      );
    case "not_presenter":
      return notice(
        `Only the presenter, ${mention(outcome.presenter)}, can hand the presentation to someone else.`,
      );
    case "nobody_presents":
      return notice(
        "Nobody presents yet, so nobody can hand it over: the person who presents clicks *I'll present* on the announcement (or types `/papers jc presenter me`).",
      );
  }
}

/** A one-section reply from mrkdwn that is already safe: titles escaped, mentions from checked user ids. */
function notice(mrkdwn: string): SlackMessage {
  return fitMessage({ text: mrkdwn, blocks: [{ type: "section", text: { type: "mrkdwn", text: mrkdwn } }] });
}

/** “Title”, escaped. */
function quoted(session: JcSession): string {
  return `“${escapeText(session.title, { singleLine: true, maxLength: 200 })}”`;
}

async function redrawAnnouncement(session: JcSession, where: Where): Promise<void> {
  if (!session.announcementTs) return;
  // An announcement that pointed at the paper's earlier thread keeps pointing there.
  const earlier =
    session.threadTs && session.threadTs !== session.announcementTs ? session.threadTs : undefined;
  const existingThreadUrl = earlier
    ? await where.client.chat
        .getPermalink({ channel: where.channel, message_ts: earlier })
        .then((answer) => answer.permalink)
        .catch(() => undefined)
    : undefined;
  const message = renderAnnouncementWithPresenter({
    meeting: { date: session.meetingDate, at: new Date(session.meetingAt) },
    timezone: session.timezone,
    session,
    ...(existingThreadUrl ? { existingThreadUrl } : {}),
  });
  try {
    await where.client.chat.update({
      channel: where.channel,
      ts: session.announcementTs,
      text: message.text,
      blocks: message.blocks,
    });
  } catch (error) {
    where.features.logger.warn(
      { err: error, channel: where.channel },
      "could not redraw the journal club announcement",
    );
  }
}
