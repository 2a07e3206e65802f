// The pure validator behind the stand-in: Slack's limits plus paperboy's safety rules for every outgoing payload.
import { SLACK_LIMITS as L } from "../slack/blocks/slack-limits.ts";
import { checkBlocks, type PayloadProblem, ProblemList } from "./check-blocks.ts";

export type { PayloadError, PayloadProblem } from "./check-blocks.ts";

/** The outgoing surfaces the validator knows; `response_url` is a body POSTed to a response URL. */
export type ValidatedMethod =
  | "chat.postMessage"
  | "chat.postEphemeral"
  | "chat.update"
  | "chat.scheduleMessage"
  | "chat.unfurl"
  | "views.publish"
  | "response_url";

const MESSAGE_METHODS = new Set([
  "chat.postMessage",
  "chat.postEphemeral",
  "chat.update",
  "chat.scheduleMessage",
]);
// C0 controls other than tab, newline and carriage return, and DEL: no renderer should ever emit them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Checks a payload (as parsed from the wire: nested fields already JSON-decoded) for `method`. Returns every
 * problem, with the error the stand-in answers with. Unknown methods carry no message content: `[]`.
 */
export function checkSlackPayload(method: string, body: object): PayloadProblem[] {
  const payload = body as Record<string, unknown>;
  const problems = new ProblemList();
  if (MESSAGE_METHODS.has(method) || method === "response_url") checkMessage(problems, method, payload);
  else if (method === "chat.unfurl") checkUnfurls(problems, payload.unfurls);
  else if (method === "views.publish") checkView(problems, payload.view);
  else return [];
  checkStrings(problems, payload, "");
  return problems.items;
}

/**
 * Validates an outgoing payload against Slack's limits and paperboy's safety rules; `[]` means it is fine.
 * Each string reads like Slack's `invalid_blocks` errors: `must be less than 3001 characters
 * [json-pointer:/blocks/0/text/text]`; safety problems (raw `<!channel>`, unescaped `<`, `>`, `&`) read
 * `broadcast mention <!channel> at offset 3 [json-pointer:/text]`.
 */
export function validateSlackPayload(method: string, payload: object): string[] {
  return checkSlackPayload(method, payload).map(formatProblem);
}

/** Renders a problem as one of Slack's `errors` strings. */
export function formatProblem(problem: PayloadProblem): string {
  return `${problem.message} [json-pointer:${problem.pointer || "/"}]`;
}

function checkMessage(problems: ProblemList, method: string, payload: Record<string, unknown>): void {
  const deleting = method === "response_url" && payload.delete_original === true;
  const { text } = payload;
  if (typeof text === "string" && text.trim() !== "") {
    if (text.length > L.messageText) {
      problems.add("msg_too_long", `must be less than ${L.messageText + 1} characters`, "/text");
    }
    problems.mrkdwn(text, "/text");
  } else if (!deleting) {
    // Slack only warns, but a message without `text` has no notification or screen-reader fallback.
    problems.add("no_text", "a message needs a plain text fallback in text", "/text");
  }
  if (payload.blocks !== undefined) checkBlocks(problems, payload.blocks, "/blocks", L.messageBlocks);
  if (payload.attachments !== undefined) checkAttachments(problems, payload.attachments, "/attachments");
  if ([true, "true", 1, "1"].includes(payload.link_names as string)) {
    problems.add("unsafe_text", "link_names turns @channel in text into a broadcast", "/link_names");
  }
  if (payload.parse === "full")
    problems.add("unsafe_text", "parse=full re-parses text for mentions", "/parse");
  if (method === "chat.postEphemeral" && typeof payload.user !== "string") {
    problems.add("invalid_arguments", "user is required", "/user");
  }
}

function checkAttachments(problems: ProblemList, attachments: unknown, pointer: string): void {
  problems.count(attachments, pointer, 0, 100).forEach((attachment, i) => {
    if (typeof attachment !== "object" || attachment === null) return;
    const fields = attachment as Record<string, unknown>;
    for (const key of ["text", "pretext", "fallback", "footer", "title"]) {
      const value = fields[key];
      if (typeof value === "string") problems.mrkdwn(value, `${pointer}/${i}/${key}`);
    }
    if (fields.blocks !== undefined)
      checkBlocks(problems, fields.blocks, `${pointer}/${i}/blocks`, L.messageBlocks);
  });
}

function checkUnfurls(problems: ProblemList, unfurls: unknown): void {
  if (typeof unfurls !== "object" || unfurls === null || Array.isArray(unfurls)) {
    problems.add("invalid_arguments", "unfurls must be an object mapping URLs to unfurls", "/unfurls");
    return;
  }
  for (const [url, unfurl] of Object.entries(unfurls)) {
    const at = `/unfurls/${url.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (typeof unfurl !== "object" || unfurl === null) {
      problems.add("invalid_arguments", "must be an unfurl object", at);
      continue;
    }
    const fields = unfurl as Record<string, unknown>;
    if (fields.blocks !== undefined) checkBlocks(problems, fields.blocks, `${at}/blocks`, L.messageBlocks);
    for (const key of ["text", "pretext", "fallback", "title"]) {
      const value = fields[key];
      if (typeof value === "string") problems.mrkdwn(value, `${at}/${key}`);
    }
  }
}

function checkView(problems: ProblemList, view: unknown): void {
  if (typeof view !== "object" || view === null) {
    problems.add("invalid_arguments", "view must be an object", "/view");
    return;
  }
  const fields = view as Record<string, unknown>;
  if (fields.type !== "home" && fields.type !== "modal") {
    problems.add("invalid_arguments", "view type must be home or modal", "/view/type");
  }
  checkBlocks(problems, fields.blocks, "/view/blocks", L.viewBlocks);
}

// Every string anywhere in the payload: control characters and lone surrogates garble or break rendering.
function checkStrings(problems: ProblemList, value: unknown, pointer: string): void {
  if (typeof value === "string") {
    if (CONTROL_CHAR.test(value)) problems.add("invalid_blocks", "contains a control character", pointer);
    if (LONE_SURROGATE.test(value))
      problems.add("invalid_blocks", "contains a lone UTF-16 surrogate", pointer);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      checkStrings(problems, item, `${pointer}/${i}`);
    });
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) checkStrings(problems, item, `${pointer}/${key}`);
  }
}
