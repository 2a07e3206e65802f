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

const DIGEST_HELP = [
  "*This channel's daily digest*",
  "• `/papers schedule 09:00 Europe/Berlin weekdays` — when it is posted",
  "• `/papers topics add reinforcement learning` — adds one topic; separate several with commas (`diffusion, reinforcement learning`). A paper matching any topic is in; more topics and title matches rank higher",
  "• `/papers exclude add medical` — hides papers using the word, its forms (_medically_) or a compound ending in it (_biomedical_, _medical imaging_)",
  "• `/papers digest fill popular` · `fill none` — top up a short digest with the day's most upvoted papers, or post only matches",
  "• `/papers digest on` · `off` · `preview` · `now` — turn it on or off, preview it, post it now",
  "• `/papers settings` — show this channel's settings",
].join("\n");

/** Usage for `/papers help`, an empty or an unknown command. */
export function renderUsage(): SlackMessage {
  return fitMessage({
    text: "paperboy: /papers QUERY searches papers, /papers ID shows one, /papers help shows this.",
    blocks: [
      { type: "header", text: { type: "plain_text", text: "paperboy — papers in Slack" } },
      { type: "section", text: { type: "mrkdwn", text: SEARCH_HELP } },
      { type: "section", text: { type: "mrkdwn", text: DIGEST_HELP } },
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
