// The `/papers help` answer and the short notices (errors, confirmations) every surface sends.
import { fitMessage } from "./fit-to-slack-limits.ts";
import type { SlackMessage } from "./paper-card.ts";
import { escapeText } from "./untrusted-text.ts";

// Fixed mrkdwn written by us: placeholders are shown as examples, never as raw `<query>` (which is control syntax).
const SEARCH_HELP = [
  "*Find papers*",
  "• `/papers diffusion transformers` — the best five matches, with *Share to channel*, *Summarize* and *Discuss*",
  "• `/papers 2302.06675` or an arXiv / Hugging Face link — that paper's card",
  "• `/papers similar 2302.06675` — papers like that one (also *Similar papers* in each card's ⋯ menu)",
  "• `/papers discuss 2302.06675` — post the paper here to discuss it; mention @paperboy in its thread to ask about it",
].join("\n");

const MEMORY_HELP = [
  "*The channel's memory*",
  "• A paper discussed here says so on its card — _Discussed here on 27 Nov · 12 replies_ — with a link to the thread",
  "• `/papers export` · `/papers export channel ris` — your reading list (sent to you) or the papers discussed in this channel, as a BibTeX, RIS or CSL-JSON file",
].join("\n");

const DIGEST_HELP = [
  "*This channel's daily digest*",
  "• `/papers schedule 09:00 Europe/Berlin weekdays` — when it is posted",
  "• `/papers topics add reinforcement learning` — adds one topic; separate several with commas (`diffusion, reinforcement learning`). A paper matching any topic is in; more topics and title matches rank higher",
  "• `/papers exclude add medical` — hides papers using the word, its forms (_medically_) or a compound ending in it (_biomedical_, _medical imaging_)",
  "• `/papers digest fill popular` · `fill none` — top up a short digest with the day's most upvoted papers, or post only matches",
  '• `/papers follow "Jane Doe"` · `unfollow "Jane Doe"` · `follow` — her new papers always come first in the digest, marked _followed_ ("J. Doe", "Doe, Jane" and accents match); `follow` alone lists who is followed',
  "• `/papers digest repeats never` · `repeats new-versions` — a paper shown here never comes back (from another source or as v2), or comes back once per newer arXiv version",
  "• `/papers digest on` · `off` · `preview` · `now` — turn it on or off, preview it, post it now",
  "• `/papers settings` — show this channel's settings and what it taught paperboy",
  "• *More like this* / *Less like this* in a paper's ⋯ menu, `/papers like 2302.06675` · `unlike 2302.06675` — teach this channel's digest (saves, *Discuss*, *Share* and thread replies count too); `/papers settings reset learning` forgets it",
].join("\n");

const JOURNAL_CLUB_HELP = [
  "*Journal club*",
  "• `/papers jc nominate 2302.06675` — put a paper forward; members vote with the button on its card (one vote each, click again to take it back)",
  "• `/papers jc schedule thu 16:00` — meet weekly (this channel's time zone, or add one); the day before, the paper with the most votes is announced with *I'll present*; reminders a day and an hour before",
  "• `/papers jc presenter @someone` — hand the presentation over · `/papers jc` — the queue, the next meeting and past sessions",
].join("\n");

const WEEKLY_HELP = [
  "*This channel's weekly roundup*",
  "• `/papers weekly on fri 16:00` — every week at that time (the channel's time zone, or add one: `Europe/Berlin`), the papers saved, discussed, reacted to and liked most here, with their threads",
  "• `/papers weekly quiet note` · `quiet skip` — a week with no activity posts a one-line note, or nothing",
  "• `/papers weekly` · `preview` · `off` — show the setting, preview this week so far, stop it",
].join("\n");

/** Usage for `/papers help`, an empty or an unknown command. */
export function renderUsage(): SlackMessage {
  return fitMessage({
    text: "paperboy: /papers QUERY searches papers, /papers ID shows one, /papers help shows this.",
    blocks: [
      { type: "header", text: { type: "plain_text", text: "paperboy — papers in Slack" } },
      { type: "section", text: { type: "mrkdwn", text: SEARCH_HELP } },
      { type: "section", text: { type: "mrkdwn", text: MEMORY_HELP } },
      { type: "section", text: { type: "mrkdwn", text: DIGEST_HELP } },
      { type: "section", text: { type: "mrkdwn", text: JOURNAL_CLUB_HELP } },
      { type: "section", text: { type: "mrkdwn", text: WEEKLY_HELP } },
      {
        type: "context",
        elements: [
          { type: "mrkdwn", text: "Paste an arXiv or Hugging Face paper link and paperboy unfurls it." },
        ],
      },
    ],
  });
}

/**
 * A one-section message for errors and confirmations. `message` is treated as untrusted (it may quote user
 * input), so it is escaped here; write formatting as `*bold*`/`` `code` `` only in paperboy's own strings.
 */
export function renderNotice(message: string): SlackMessage {
  const text = escapeText(message) || "Done.";
  return fitMessage({ text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] });
}
