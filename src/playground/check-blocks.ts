// Checks Block Kit blocks against Slack's limits, reporting problems the way Slack's `invalid_blocks` does.
import { SLACK_LIMITS as L } from "../slack/blocks/slack-limits.ts";
import { findUnsafeMrkdwn } from "./find-unsafe-mrkdwn.ts";

/** The error a problem makes Slack (or the stand-in) answer with. */
export type PayloadError =
  | "invalid_blocks"
  | "unsafe_text"
  | "no_text"
  | "msg_too_long"
  | "invalid_arguments";

/** One thing wrong with a payload, located by a JSON pointer as Slack's `errors` strings are. */
export interface PayloadProblem {
  error: PayloadError;
  message: string;
  pointer: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Collects problems while walking a payload. */
export class ProblemList {
  readonly items: PayloadProblem[] = [];

  add(error: PayloadError, message: string, pointer: string): void {
    this.items.push({ error, message, pointer });
  }

  /** A required string no longer than `max`; mrkdwn strings are also scanned for unsafe control syntax. */
  text(value: unknown, pointer: string, max: number, kind: "plain_text" | "mrkdwn" | "raw" = "raw"): void {
    if (typeof value !== "string") {
      this.add("invalid_blocks", "must be a string", pointer);
      return;
    }
    if (value.length === 0) this.add("invalid_blocks", "must be more than 0 characters", pointer);
    if (value.length > max) this.add("invalid_blocks", `must be less than ${max + 1} characters`, pointer);
    if (kind === "mrkdwn") this.mrkdwn(value, pointer);
  }

  mrkdwn(value: string, pointer: string): void {
    for (const span of findUnsafeMrkdwn(value)) {
      this.add("unsafe_text", `${span.problem} at offset ${span.offset}`, pointer);
    }
  }

  /** A text object: `{type: "plain_text"|"mrkdwn", text}`; `plainOnly` where Slack accepts only plain_text. */
  textObject(value: unknown, pointer: string, max: number, plainOnly = false): void {
    if (!isObject(value)) {
      this.add("invalid_blocks", "must be a text object", pointer);
      return;
    }
    if (value.type !== "plain_text" && (plainOnly || value.type !== "mrkdwn")) {
      this.add(
        "invalid_blocks",
        `must be ${plainOnly ? "plain_text" : "plain_text or mrkdwn"}`,
        `${pointer}/type`,
      );
    }
    this.text(value.text, `${pointer}/text`, max, value.type === "mrkdwn" ? "mrkdwn" : "plain_text");
  }

  optionalId(value: unknown, pointer: string): void {
    if (value !== undefined) this.text(value, pointer, L.id);
  }

  url(value: unknown, pointer: string, max: number): void {
    this.text(value, pointer, max);
    if (typeof value === "string" && !/^https?:\/\/[^\s]+$/.test(value)) {
      this.add("invalid_blocks", "must be a valid http(s) URL", pointer);
    }
  }

  count(value: unknown, pointer: string, min: number, max: number): unknown[] {
    if (!Array.isArray(value)) {
      this.add("invalid_blocks", "must be an array", pointer);
      return [];
    }
    if (value.length < min) this.add("invalid_blocks", `must provide at least ${min} items`, pointer);
    if (value.length > max) this.add("invalid_blocks", `must provide no more than ${max} items`, pointer);
    return value;
  }
}

/** Checks a `blocks` array: at most `maxBlocks` blocks, each of a known type within its limits. */
export function checkBlocks(
  problems: ProblemList,
  blocks: unknown,
  pointer: string,
  maxBlocks: number,
): void {
  const list = problems.count(blocks, pointer, 0, maxBlocks);
  const blockIds = new Set<string>();
  for (const [index, block] of list.entries()) {
    const at = `${pointer}/${index}`;
    if (!isObject(block)) {
      problems.add("invalid_blocks", "must be a block object", at);
      continue;
    }
    problems.optionalId(block.block_id, `${at}/block_id`);
    if (typeof block.block_id === "string") {
      if (blockIds.has(block.block_id))
        problems.add("invalid_blocks", "duplicate block_id", `${at}/block_id`);
      blockIds.add(block.block_id);
    }
    checkBlock(problems, block, at);
  }
}

function checkBlock(problems: ProblemList, block: Json, at: string): void {
  switch (block.type) {
    case "section":
      if (block.text === undefined && block.fields === undefined) {
        problems.add("invalid_blocks", "must provide text or fields", at);
      }
      if (block.text !== undefined) problems.textObject(block.text, `${at}/text`, L.sectionText);
      if (block.fields !== undefined) {
        problems.count(block.fields, `${at}/fields`, 1, L.sectionFields).forEach((field, i) => {
          problems.textObject(field, `${at}/fields/${i}`, L.sectionFieldText);
        });
      }
      if (block.accessory !== undefined) checkElement(problems, block.accessory, `${at}/accessory`);
      return;
    case "header":
      problems.textObject(block.text, `${at}/text`, L.headerText, true);
      return;
    case "context":
      problems.count(block.elements, `${at}/elements`, 1, L.contextElements).forEach((element, i) => {
        const elementAt = `${at}/elements/${i}`;
        if (isObject(element) && element.type === "image") checkElement(problems, element, elementAt);
        else problems.textObject(element, elementAt, L.sectionText);
      });
      return;
    case "actions": {
      const actionIds = new Set<string>();
      problems.count(block.elements, `${at}/elements`, 1, L.actionsElements).forEach((element, i) => {
        checkElement(problems, element, `${at}/elements/${i}`);
        const id = isObject(element) ? element.action_id : undefined;
        if (typeof id === "string") {
          if (actionIds.has(id)) problems.add("invalid_blocks", "duplicate action_id", `${at}/elements/${i}`);
          actionIds.add(id);
        }
      });
      return;
    }
    case "image":
      problems.url(block.image_url, `${at}/image_url`, L.imageUrl);
      problems.text(block.alt_text, `${at}/alt_text`, L.imageAltText);
      if (block.title !== undefined) problems.textObject(block.title, `${at}/title`, L.imageTitle, true);
      return;
    case "markdown":
      problems.text(block.text, `${at}/text`, L.markdownText, "mrkdwn");
      return;
    case "divider":
    case "rich_text":
    case "input":
    case "file":
    case "video":
      return;
    default:
      problems.add("invalid_blocks", `unsupported block type ${JSON.stringify(block.type)}`, `${at}/type`);
  }
}

function checkElement(problems: ProblemList, element: unknown, at: string): void {
  if (!isObject(element)) {
    problems.add("invalid_blocks", "must be an element object", at);
    return;
  }
  problems.optionalId(element.action_id, `${at}/action_id`);
  switch (element.type) {
    case "button":
      problems.textObject(element.text, `${at}/text`, L.buttonText, true);
      if (element.value !== undefined) problems.text(element.value, `${at}/value`, L.buttonValue);
      if (element.url !== undefined) problems.url(element.url, `${at}/url`, L.buttonUrl);
      if (element.style !== undefined && element.style !== "primary" && element.style !== "danger") {
        problems.add("invalid_blocks", "must be primary or danger", `${at}/style`);
      }
      return;
    case "image":
      problems.url(element.image_url, `${at}/image_url`, L.imageUrl);
      problems.text(element.alt_text, `${at}/alt_text`, L.imageAltText);
      return;
    case "overflow":
      problems.count(element.options, `${at}/options`, 1, L.overflowOptions).forEach((option, i) => {
        checkOption(problems, option, `${at}/options/${i}`);
      });
      return;
    case "static_select":
    case "multi_static_select":
      problems.count(element.options, `${at}/options`, 1, L.selectOptions).forEach((option, i) => {
        checkOption(problems, option, `${at}/options/${i}`);
      });
      return;
    case "users_select":
    case "conversations_select":
    case "channels_select":
    case "datepicker":
    case "checkboxes":
    case "radio_buttons":
    case "plain_text_input":
      return;
    default:
      problems.add(
        "invalid_blocks",
        `unsupported element type ${JSON.stringify(element.type)}`,
        `${at}/type`,
      );
  }
}

function checkOption(problems: ProblemList, option: unknown, at: string): void {
  if (!isObject(option)) {
    problems.add("invalid_blocks", "must be an option object", at);
    return;
  }
  problems.textObject(option.text, `${at}/text`, L.optionText);
  problems.text(option.value, `${at}/value`, L.optionValue);
}
