// Helpers for the end-to-end tests: wait for what the bot sends the Slack stand-in, and read it back as text.
import { expect } from "vitest";
import type { SlackStandIn } from "../../src/playground/slack-stand-in.ts";
import type { ResponseRecord, StoredMessage } from "../../src/playground/stand-in-types.ts";
import { defaultResponder, type Responder } from "./openai-stand-in.ts";

/** Both transports the bot speaks; e2e suites run once per transport with `describe.each(TRANSPORTS)`. */
export const TRANSPORTS = ["http", "socket"] as const;

/** Waits until the response URL `id` got at least `count` POSTs, and returns them (oldest first). */
export function waitForResponses(
  standIn: SlackStandIn,
  id: string,
  count = 1,
  timeoutMs = 5_000,
): Promise<ResponseRecord[]> {
  return standIn.waitFor(
    () => {
      const responses = standIn.responses(id);
      return responses.length >= count ? responses : undefined;
    },
    timeoutMs,
    `${count} response(s) to ${id}`,
  );
}

/** Waits for the first POST to the response URL `id` and returns its body. */
export async function firstResponse(
  standIn: SlackStandIn,
  id: string,
  timeoutMs = 5_000,
): Promise<Record<string, unknown>> {
  const [first] = await waitForResponses(standIn, id, 1, timeoutMs);
  if (!first) throw new Error(`no response to ${id}`);
  return first.body;
}

/** Sends `/papers <text>` in `channel` (as `user`), checks Slack got a 200, and returns the bot's first answer. */
export async function papersCommand(
  standIn: SlackStandIn,
  text: string,
  where: { channel: string; user?: string },
): Promise<Record<string, unknown>> {
  const result = await standIn.sendSlashCommand({ text, ...where });
  expect(result.status).toBe(200);
  return firstResponse(standIn, result.responseUrlId);
}

/** Waits until `channel` has at least `count` top-level messages and returns them. */
export function waitForMessages(
  standIn: SlackStandIn,
  channel: string,
  count = 1,
  timeoutMs = 5_000,
): Promise<StoredMessage[]> {
  return standIn.waitFor(
    () => {
      const messages = standIn.messages(channel);
      return messages.length >= count ? messages : undefined;
    },
    timeoutMs,
    `${count} message(s) in ${channel}`,
  );
}

/** Every `text` string in a message body or block list, joined with newlines: what a reader would see. */
export function visibleText(value: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) {
        if (key === "text" && typeof child === "string") parts.push(child);
        else walk(child);
      }
    }
  };
  walk(value);
  return parts.join("\n");
}

/** The buttons in a block list (or a message body with `blocks`), as `{action_id, value, text}`. */
export function buttonsIn(value: unknown): Array<{ action_id: string; value?: string; text: string }> {
  const blocks = Array.isArray(value) ? value : ((value as { blocks?: unknown[] })?.blocks ?? []);
  const found: Array<{ action_id: string; value?: string; text: string }> = [];
  for (const block of blocks as Array<{ elements?: unknown[]; accessory?: unknown }>) {
    for (const element of [...(block.elements ?? []), block.accessory]) {
      const button = element as {
        type?: string;
        action_id?: string;
        value?: string;
        text?: { text?: string };
      };
      if (button?.type !== "button" || !button.action_id) continue;
      found.push({
        action_id: button.action_id,
        text: button.text?.text ?? "",
        ...(button.value !== undefined ? { value: button.value } : {}),
      });
    }
  }
  return found;
}

/** The arXiv ids on a page of results, in order (each card's Discuss button carries its paper id). */
export function paperIdsIn(value: unknown): string[] {
  return buttonsIn(value)
    .filter((button) => button.action_id === "paper_discuss")
    .map((button) => button.value ?? "");
}

/** Gives the bot a moment to do anything it was (wrongly) going to do, for "nothing happened" assertions. */
export function settle(ms = 200): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The fictional paper of test/fixtures/fulltext (its Hugging Face Markdown page is served by tests). */
export const SPECTRAL_DECAY = {
  id: "2405.01234",
  title: "Spectral Decay: Regularizing Attention by Its Singular Values",
  abstract:
    "Attention maps in vision transformers tend to collapse onto a few dominant directions, which hurts " +
    "generalization on small datasets. We propose spectral decay, a regularizer that penalizes the largest " +
    "singular values of each attention matrix. Spectral decay adds less than 3% training time.",
  authors: ["Ada Moreau", "Jonas Lindqvist"],
  categories: ["cs.LG"],
  source: "file" as const,
};

/** What the OpenAI stand-in answers to a thread question (see `paperboyResponder`). */
export const LLM_THREAD_ANSWER = "The paper says the penalty only targets the largest singular values.";
/** The first starter question the OpenAI stand-in suggests. */
export const LLM_STARTER_QUESTION =
  "Is the collapse of attention maps really the cause of poor generalization?";

/**
 * Answers each of paperboy's prompts in the shape it asks for: starter questions as JSON, a thread question
 * as plain text, and a summary (anything else) as the summary JSON.
 */
export const paperboyResponder: Responder = (request) => {
  const system = request.messages.find((message) => message.role === "system")?.content ?? "";
  if (system.includes("start discussing")) {
    return JSON.stringify({
      questions: [
        LLM_STARTER_QUESTION,
        "Which assumptions does the method make about the data?",
        "Are the reported gains convincing on datasets beyond the benchmarks?",
      ],
    });
  }
  if (system.includes("answer questions about one research paper")) return LLM_THREAD_ANSWER;
  return defaultResponder(request);
};

/** Polls an async `check` every 20 ms until it returns something truthy; throws after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 5_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The mrkdwn a reader sees (the top-level `text` and every mrkdwn text object): where `<…>` is control syntax. */
export function mrkdwnText(body: unknown): string {
  const parts: string[] = [];
  const top = (body as { text?: unknown })?.text;
  if (typeof top === "string") parts.push(top);
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node && typeof node === "object") {
      const object = node as { type?: unknown; text?: unknown };
      if (object.type === "mrkdwn" && typeof object.text === "string") parts.push(object.text);
      for (const child of Object.values(node)) if (typeof child === "object") walk(child);
    }
  };
  walk((body as { blocks?: unknown })?.blocks ?? body);
  return parts.join("\n");
}
