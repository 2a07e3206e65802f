// The catalogue of coded errors: each code has a message a user can act on; one sink renders them.

/** Every error code paperboy throws on purpose, with what a user is told. */
export const ERROR_MESSAGES = {
  bad_query: "That search could not be understood. Try a few words, an arXiv id or a paper link.",
  bad_paper_ref:
    "That is not an arXiv id or paper link. Try `2302.06675` or `https://arxiv.org/abs/2302.06675`.",
  paper_not_found: "No paper with that id was found in the index, on Hugging Face or on arXiv.",
  bad_input: "That input was not accepted.",
  bad_config: "The configuration is invalid.",
  source_unreachable: "A paper source could not be reached.",
  source_rate_limited: "A paper source is rate-limiting requests; try again in a minute.",
  source_bad_response: "A paper source answered with something that is not a valid response.",
  source_timeout: "A paper source did not answer in time.",
  llm_unavailable: "The summary service is unavailable; a fallback summary is shown instead.",
  rate_limited: "You are doing that a lot; wait a minute and try again.",
  busy: "Someone else is changing that at this moment; nothing was changed. Try again in a few seconds.",
  slack_api: "Slack did not accept a request from paperboy; try again shortly.",
  storage: "paperboy could not read or write its storage.",
  port_in_use: "paperboy cannot listen: the port is already in use.",
  internal: "Something went wrong inside paperboy; it has been logged.",
  playground: "The local Slack playground could not do that.",
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** An error with a code from the catalogue; `detail` is shown to users, `cause` only logged. */
export class PaperboyError extends Error {
  readonly code: ErrorCode;
  readonly detail?: string;

  constructor(code: ErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${ERROR_MESSAGES[code]} ${detail}` : ERROR_MESSAGES[code], options);
    this.name = "PaperboyError";
    this.code = code;
    if (detail !== undefined) this.detail = detail;
  }
}

export function isPaperboyError(error: unknown, code?: ErrorCode): error is PaperboyError {
  return error instanceof PaperboyError && (code === undefined || error.code === code);
}

/** The message a user may see for any thrown value: coded errors say what to do, others say nothing internal. */
export function userMessage(error: unknown): string {
  return error instanceof PaperboyError ? error.message : ERROR_MESSAGES.internal;
}
