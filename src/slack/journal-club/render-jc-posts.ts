// The journal club's scheduled messages: the announcement (with *I'll present*) and the two reminders.
import type { ActionsBlock, KnownBlock } from "@slack/types";
import type {
  JcAnnouncementPost,
  JcPost,
  JcReminderPost,
} from "../../journal-club/journal-club-publisher.ts";
import type { JcSession } from "../../journal-club/journal-club-state.ts";
import { JC_PRESENT_ACTION_ID } from "../blocks/action-ids.ts";
import { fitMessage } from "../blocks/fit-to-slack-limits.ts";
import { renderPaperCard } from "../blocks/paper-card.ts";
import { escapeText, mrkdwnLink } from "../blocks/untrusted-text.ts";
import { asPaper, meetingTime, mention, TIE_RULE, titleOf, votes } from "./jc-text.ts";

/** Marks journal club messages, so a run interrupted mid-post finds its message in the channel's history. */
export const JC_EVENT_TYPE = "paperboy_journal_club";

export interface JcMessage {
  text: string;
  blocks: KnownBlock[];
  metadata: { event_type: string; event_payload: Record<string, unknown> };
}

export function renderJcPost(post: JcPost): JcMessage {
  const message = post.kind === "announce" ? renderAnnouncement(post) : renderReminder(post);
  return {
    ...fitMessage(message),
    metadata: { event_type: JC_EVENT_TYPE, event_payload: { occurrence: post.occurrence } },
  };
}

function renderAnnouncement(post: JcAnnouncementPost): { text: string; blocks: KnownBlock[] } {
  const when = meetingTime(post.meeting, post.timezone);
  const { session } = post;
  if (!session) {
    const text = `No paper for the journal club on ${when}: nothing was nominated. Nominate one with \`/papers jc nominate 2302.06675\` (an arXiv id or link) and vote for it for the next meeting.`;
    return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: `:books: ${text}` } }] };
  }
  const chosen =
    session.tiedWith.length > 0
      ? `Chosen with ${votes(session.votes)}, tied with ${session.tiedWith
          .slice(0, 5)
          .map((title) => titleOf({ title }, 80))
          .join(", ")}: ${TIE_RULE}, so this one goes first and the others stay in the queue.`
      : `Chosen with ${votes(session.votes)}.`;
  return {
    text: `Journal club on ${when}: ${titleOf(session)}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `:books: *Journal club on ${when}* — we read:` } },
      ...renderPaperCard(asPaper(session)),
      { type: "context", elements: [{ type: "mrkdwn", text: chosen }] },
      presenterLine(session),
      ...(session.presenter ? [] : [presentButton(session)]),
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: post.existingThreadUrl
              ? `Discussed here before: carry on in ${mrkdwnLink(post.existingThreadUrl, "its thread")}.`
              : "Discuss the paper in this message's thread; mention @paperboy there to ask about it.",
          },
        ],
      },
    ],
  };
}

function renderReminder(post: JcReminderPost): { text: string; blocks: KnownBlock[] } {
  const when = meetingTime(post.meeting, post.timezone);
  const { session, summary } = post;
  const lead = post.event === "remind_hour" ? "in an hour" : "tomorrow";
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: { type: "mrkdwn", text: `:alarm_clock: *Journal club ${lead}* — ${when}` },
    },
    ...renderPaperCard(asPaper(session), { tldr: { text: summary.tldr, label: summary.label } }),
    presenterLine(session),
  ];
  if (!session.presenter) blocks.push(presentButton(session));
  if (post.questions.length > 0) {
    const questions = post.questions
      .slice(0, 5)
      .map((question, i) => `${i + 1}. ${escapeText(question, { singleLine: true, maxLength: 400 })}`);
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: `*Questions to start with*\n${questions.join("\n")}` },
    });
  }
  const thread = post.threadUrl
    ? `Discuss it in ${mrkdwnLink(post.threadUrl, "the paper's thread")}.`
    : "Discuss it in the announcement's thread.";
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: thread }] });
  return { text: `Journal club ${lead}: ${titleOf(session)}`, blocks };
}

function presenterLine(session: JcSession): KnownBlock {
  const text = session.presenter
    ? `*Presenter:* ${mention(session.presenter)}`
    : "*Presenter:* nobody yet — click *I'll present* to take it (the first click wins).";
  return { type: "section", text: { type: "mrkdwn", text } };
}

function presentButton(session: JcSession): ActionsBlock {
  return {
    type: "actions",
    elements: [
      {
        type: "button",
        action_id: JC_PRESENT_ACTION_ID,
        text: { type: "plain_text", text: "I'll present" },
        value: session.meetingDate,
        style: "primary",
      },
    ],
  };
}

/** The announcement redrawn after someone took it (or was handed it): the presenter named, the button gone. */
export function renderAnnouncementWithPresenter(
  post: Omit<JcAnnouncementPost, "kind" | "occurrence">,
): JcMessage {
  return renderJcPost({ ...post, kind: "announce", occurrence: `${post.meeting.date}.announce` });
}
