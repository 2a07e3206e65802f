// The Block Kit renderers: pure functions from paperboy's data to Slack messages, within limits and escaped.
export { PAPER_ACTION_IDS, type PaperAction, SEARCH_MORE_ACTION_ID } from "./action-ids.ts";
export {
  type FitOptions,
  fitMessage,
  fitToSlackLimits,
  truncateMrkdwn,
  truncatePlainText,
} from "./fit-to-slack-limits.ts";
export {
  type CardTldr,
  type PaperCardOptions,
  paperFallbackText,
  renderPaperCard,
  renderPaperMessage,
  type SlackMessage,
} from "./paper-card.ts";
export {
  encodeMoreResultsValue,
  PAPERS_PER_PAGE,
  type PaperListHit,
  type PaperListOptions,
  parseMoreResultsValue,
  renderPaperListMessage,
} from "./paper-list-message.ts";
export { SLACK_LIMITS } from "./slack-limits.ts";
export { BULLET_MAX, renderSummaryBullets } from "./summary-bullets.ts";
export { cleanText, escapeText, linkLabel, mrkdwnLink, safeHttpUrl } from "./untrusted-text.ts";
export { renderNotice, renderUsage } from "./usage.ts";
