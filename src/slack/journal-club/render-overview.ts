// `/papers jc`: the queue with its votes, the next meeting, and past sessions, as one ephemeral message.
import type { KnownBlock } from "@slack/types";
import { longDate } from "../../digest/zoned-time.ts";
import type { JcOverview } from "../../journal-club/journal-club.ts";
import { fitMessage } from "../blocks/fit-to-slack-limits.ts";
import type { SlackMessage } from "../blocks/paper-card.ts";
import { meetingTime, mention, TIE_RULE, titleOf, votes } from "./jc-text.ts";

const SHOWN_QUEUE = 15;
const SHOWN_PAST = 8;

export function renderOverview(overview: JcOverview): SlackMessage {
  const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: "Journal club" } },
    section(nextMeetingText(overview)),
    section(queueText(overview)),
    section(pastText(overview)),
  ];
  return fitMessage({ text: "Journal club: the queue, the next meeting and past sessions", blocks });
}

function nextMeetingText({ schedule, next, upcoming, queue }: JcOverview): string {
  if (!schedule || !next) {
    return "*Next meeting:* none scheduled. Set one with `/papers jc schedule thu 16:00` (weekly, in this channel's time zone).";
  }
  const when = meetingTime(next, schedule.timezone);
  if (upcoming && upcoming.meetingDate === next.date) {
    const presenter = upcoming.presenter
      ? `presented by ${mention(upcoming.presenter)}`
      : "no presenter yet: click *I'll present* on the announcement";
    return `*Next meeting:* ${when}\n${titleOf(upcoming)} — ${presenter}.`;
  }
  const top = queue[0];
  const pick = top
    ? `If the votes stay as they are, ${titleOf(top)} will be read (${votes(top.votes)}).`
    : "Nothing is nominated yet: nominate a paper with `/papers jc nominate 2302.06675`, or there is no paper to read.";
  return `*Next meeting:* ${when}\nThe paper is announced the day before. ${pick}`;
}

function queueText({ queue }: JcOverview): string {
  if (queue.length === 0) {
    return "*Queue:* no nominations. Nominate with `/papers jc nominate 2302.06675` (an arXiv id or link); members vote on its card.";
  }
  const lines = queue
    .slice(0, SHOWN_QUEUE)
    .map(
      (item, i) =>
        `${i + 1}. ${titleOf(item, 120)} — ${votes(item.votes)} · nominated by ${mention(item.by)}`,
    );
  if (queue.length > SHOWN_QUEUE) lines.push(`…and ${queue.length - SHOWN_QUEUE} more`);
  const tied = queue.length > 1 && queue[0]?.votes === queue[1]?.votes;
  const note = tied ? `\n_A tie at the top: ${TIE_RULE}._` : `\n_Most votes first; ${TIE_RULE}._`;
  return `*Queue:*\n${lines.join("\n")}${note}`;
}

function pastText({ past }: JcOverview): string {
  if (past.length === 0) return "*Past sessions:* none yet.";
  const lines = past.slice(0, SHOWN_PAST).map((session) => {
    const who = session.presenter ? `presented by ${mention(session.presenter)}` : "no presenter";
    return `• ${longDate(session.meetingDate)} — ${titleOf(session, 120)} (${who})`;
  });
  return `*Past sessions:*\n${lines.join("\n")}`;
}
