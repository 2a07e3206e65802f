// Untrusted text going into a prompt: it must not be able to close the tag that marks it as data.

// The tags prompts/discuss.md and prompts/questions.md wrap data in.
const DELIMITER = /<(\/?\s*(?:paper|full_text|thread|question|summary)\b)/gi;

/**
 * Makes text safe to put between the prompt's data tags: a `</paper>` (or any of our tags) inside it
 * becomes `‹/paper>`, so a hostile abstract or message cannot end the data block and pose as instructions.
 */
export function asData(text: string): string {
  return text.replace(DELIMITER, "‹$1");
}
