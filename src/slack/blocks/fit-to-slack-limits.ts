// Keeps every rendered message inside Slack's limits by construction: truncation that never breaks mrkdwn.
import type { KnownBlock } from "@slack/types";
import { SLACK_LIMITS as L } from "./slack-limits.ts";

const ELLIPSIS = "…";

/**
 * Shortens plain text to at most `max` UTF-16 code units, ending in "…" when cut; never splits a surrogate pair.
 */
export function truncatePlainText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - ELLIPSIS.length);
  if (isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
  return `${text.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

/**
 * Shortens already-escaped mrkdwn to at most `max` code units, ending in "…" when cut. Never cuts inside a
 * `<…>` control sequence (a link or mention is dropped whole rather than left open, which would turn the rest
 * into raw `<`) nor inside an `&amp;`-style entity (which would leave a raw `&`).
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - ELLIPSIS.length);
  const open = text.lastIndexOf("<", cut - 1);
  if (open !== -1) {
    const close = text.indexOf(">", open);
    if (close === -1 || close >= cut) cut = open;
  }
  const amp = text.lastIndexOf("&", cut - 1);
  if (amp !== -1 && amp > cut - 5) {
    const semicolon = text.indexOf(";", amp);
    if (semicolon === -1 || semicolon >= cut) cut = amp;
  }
  if (isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
  return `${text.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

/** Which surface the blocks are for: messages allow 50 blocks, the App Home tab and modals 100. */
export interface FitOptions {
  surface?: "message" | "view";
}

/**
 * Returns a copy of `blocks` that is within Slack's limits: at most 50 (or 100) blocks, section text 3,000,
 * fields ≤10 × 2,000, header 150, context ≤10 elements, button text 75 / value 2,000, ids 255, image URLs
 * 3,000 (an image with a longer URL is dropped). Every renderer passes its output through this last.
 */
export function fitToSlackLimits(blocks: KnownBlock[], options: FitOptions = {}): KnownBlock[] {
  const max = options.surface === "view" ? L.viewBlocks : L.messageBlocks;
  const fitted: KnownBlock[] = [];
  for (const block of blocks.slice(0, max)) {
    const copy = fitBlock(copyJson(block) as Json);
    if (copy) fitted.push(copy as unknown as KnownBlock);
  }
  return fitted;
}

/** Fits a message's top-level fallback `text` (mrkdwn, 40,000) and its blocks. */
export function fitMessage<M extends { text: string; blocks: KnownBlock[] }>(message: M): M {
  return {
    ...message,
    text: truncateMrkdwn(message.text, L.messageText),
    blocks: fitToSlackLimits(message.blocks),
  };
}

type Json = Record<string, unknown>;

function fitBlock(block: Json): Json | undefined {
  fitId(block, "block_id");
  switch (block.type) {
    case "header":
      fitTextObject(block.text, L.headerText);
      break;
    case "section":
      fitTextObject(block.text, L.sectionText);
      if (Array.isArray(block.fields)) {
        const fields = block.fields.slice(0, L.sectionFields);
        for (const field of fields) fitTextObject(field, L.sectionFieldText);
        block.fields = fields;
      }
      if (isJson(block.accessory) && !fitElement(block.accessory)) delete block.accessory;
      break;
    case "context":
      if (Array.isArray(block.elements)) {
        block.elements = block.elements.slice(0, L.contextElements).filter((element) => {
          if (isJson(element) && element.type === "image") return fitElement(element);
          fitTextObject(element, L.sectionText);
          return true;
        });
      }
      break;
    case "actions":
      if (Array.isArray(block.elements)) {
        block.elements = block.elements
          .slice(0, L.actionsElements)
          .filter((e) => !isJson(e) || fitElement(e));
      }
      break;
    case "image":
      if (!fitElement(block)) return undefined;
      break;
  }
  return block;
}

/** Fits an element in place; false when it cannot be kept (an image whose URL is too long). */
function fitElement(element: Json): boolean {
  fitId(element, "action_id");
  if (element.type === "button") {
    fitTextObject(element.text, L.buttonText);
    if (typeof element.value === "string") element.value = truncatePlainText(element.value, L.buttonValue);
    if (typeof element.url === "string" && element.url.length > L.buttonUrl) delete element.url;
  }
  if (typeof element.image_url === "string") {
    if (element.image_url.length > L.imageUrl) return false;
    if (typeof element.alt_text === "string")
      element.alt_text = truncatePlainText(element.alt_text, L.imageAltText);
    if (isJson(element.title)) fitTextObject(element.title, L.imageTitle);
  }
  return true;
}

function fitTextObject(value: unknown, max: number): void {
  if (!isJson(value) || typeof value.text !== "string") return;
  value.text = value.type === "mrkdwn" ? truncateMrkdwn(value.text, max) : truncatePlainText(value.text, max);
}

function fitId(value: Json, key: string): void {
  const id = value[key];
  if (typeof id === "string" && id.length > L.id) value[key] = id.slice(0, L.id);
}

/** A deep copy of plain JSON data (blocks are): several times faster than structuredClone for small trees. */
function copyJson(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson);
  const source = value as Json;
  const copy: Json = {};
  // for…in allocates no [key, value] pairs (Object.entries did, for every object of every block).
  for (const key in source) copy[key] = copyJson(source[key]);
  return copy;
}

function isJson(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
