// The plain text blocks every renderer uses: a mrkdwn section, a mrkdwn context line and a plain-text header.
import type { ContextBlock, HeaderBlock, SectionBlock } from "@slack/types";

/** A section of mrkdwn that is already escaped (see untrusted-text.ts). */
export function section(text: string): SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text } };
}

/** A small grey line of mrkdwn that is already escaped. */
export function context(text: string): ContextBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text }] };
}

/** A header: plain text, which Slack shows as it is (no escaping needed). */
export function header(text: string): HeaderBlock {
  return { type: "header", text: { type: "plain_text", text } };
}
