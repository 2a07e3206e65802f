// Slack's published Block Kit and message limits, in one table shared by the renderers and the stand-in's validator.
// Source: https://docs.slack.dev/reference/block-kit/blocks and ../shared/notes/slack-wire.md ("Block Kit limits").

/** Character and item limits Slack enforces on messages, blocks and elements (lengths in UTF-16 code units). */
export const SLACK_LIMITS = {
  /** Blocks in one message (`chat.postMessage`, `response_url`, an unfurl). */
  messageBlocks: 50,
  /** Blocks in a modal or the App Home tab. */
  viewBlocks: 100,
  /** A section block's `text`. */
  sectionText: 3_000,
  /** Items in a section block's `fields`, and the length of each. */
  sectionFields: 10,
  sectionFieldText: 2_000,
  /** A header block's `plain_text`. */
  headerText: 150,
  /** Elements in a context block. */
  contextElements: 10,
  /** Elements in an actions block. */
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2_000,
  buttonUrl: 3_000,
  /** `action_id` and `block_id`. */
  id: 255,
  imageUrl: 3_000,
  imageAltText: 2_000,
  imageTitle: 2_000,
  /** A `markdown` block (standard Markdown, messages only). */
  markdownText: 12_000,
  /** Top-level `text`: Slack truncates beyond this (with a `message_truncated` warning). */
  messageText: 40_000,
  overflowOptions: 5,
  optionText: 75,
  optionValue: 75,
  selectOptions: 100,
} as const;
