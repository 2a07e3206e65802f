// The one place untrusted text is made safe for Slack mrkdwn and `text` fields.
// Slack's rule: escape only &, < and > (https://api.slack.com/reference/surfaces/formatting#escaping),
// so no title, abstract, query or LLM answer can ping <!channel> or forge a <url|label> link.

/** Escapes `&`, `<`, `>` so untrusted text shows literally; nothing else is changed. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
