// The largest request body paperboy reads from Slack: the HTTP server refuses more before reading, Bolt cuts off the rest.

// Far above anything Slack sends (a block_actions payload carrying a full 50-block message is well under 200 KB);
// a bigger body is refused before a byte of it is read or parsed.
export const MAX_SLACK_BODY_BYTES = 1024 * 1024;
