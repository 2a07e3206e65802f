// Which button a simulated click hits: finds it in the stored messages the way a person would see it.
import type { MessageStore } from "./message-store.ts";
import type { ClickedButton } from "./slack-payloads.ts";
import type { EphemeralMessage, StoredMessage } from "./stand-in-types.ts";
import { toWire } from "./web-api-methods.ts";

/** What a click names: the part of the app driver's block action input that picks the button and message. */
export interface ClickInput {
  actionId: string;
  value?: string;
  message?: StoredMessage | EphemeralMessage | { ts: string; ephemeral?: boolean };
}

/** The button clicked, the message it is on, and what the block_actions payload says about that message. */
export interface ClickTarget {
  button: ClickedButton;
  ts: string;
  ephemeral: boolean;
  threadTs: string | undefined;
  /** The message as Slack includes it in the payload; absent for ephemeral messages. */
  message: Record<string, unknown> | undefined;
}

/**
 * Finds the clicked button and its message: the given message, else the newest message or ephemeral in the
 * channel with such a button; when there is none, a made-up message, so tests can click without rendering.
 */
export function findClickTarget(
  store: MessageStore,
  input: ClickInput,
  user: string,
  channel: string,
): ClickTarget {
  let ephemeral: EphemeralMessage | undefined;
  let stored: StoredMessage | undefined;
  if (input.message) {
    const ts = input.message.ts;
    const isEphemeral =
      "via" in input.message || ("ephemeral" in input.message && input.message.ephemeral === true);
    if (isEphemeral) ephemeral = store.findEphemeral(ts);
    else stored = store.find(channel, ts);
  } else {
    const hasButton = (blocks: unknown[] | undefined) =>
      findButton(blocks, input.actionId, input.value) !== undefined;
    ephemeral = store.ephemerals(channel, user).findLast((message) => hasButton(message.blocks));
    const candidates = store.topLevel(channel).flatMap((message) => store.thread(channel, message.ts));
    stored = candidates.filter((message) => hasButton(message.blocks)).at(-1);
    if (ephemeral && stored) {
      if (Number(ephemeral.ts) > Number(stored.ts)) stored = undefined;
      else ephemeral = undefined;
    }
  }
  const source = ephemeral ?? stored;
  const button = findButton(source?.blocks, input.actionId, input.value) ?? {
    action_id: input.actionId,
    block_id: "stand_in_block",
    text: { type: "plain_text" as const, text: input.actionId },
    ...(input.value !== undefined ? { value: input.value } : {}),
  };
  if (input.value !== undefined && button.type !== "overflow") button.value = input.value;
  return {
    button,
    ts: source?.ts ?? input.message?.ts ?? store.nextTs(),
    ephemeral: Boolean(ephemeral) || (input.message !== undefined && "via" in input.message),
    threadTs: source?.thread_ts,
    message: stored ? toWire(stored) : undefined,
  };
}

/**
 * The button with `actionId` (and `value`, when given) in a list of blocks, as `actions[]` reports it; or
 * the overflow menu with `actionId` that has an option whose value is `value`, with that option chosen.
 */
export function findButton(
  blocks: unknown[] | undefined,
  actionId: string,
  value?: string,
): ClickedButton | undefined {
  for (const [index, block] of (blocks ?? []).entries()) {
    const fields = block as { block_id?: string; elements?: unknown[]; accessory?: unknown };
    const elements = [...(fields.elements ?? []), ...(fields.accessory ? [fields.accessory] : [])];
    for (const element of elements) {
      const button = element as {
        type?: string;
        action_id?: string;
        value?: string;
        text?: ClickedButton["text"];
        options?: NonNullable<ClickedButton["selected_option"]>[];
      };
      // An overflow menu: `value` picks the option chosen (as Slack reports it, without a value of its own).
      if (button.type === "overflow" && button.action_id === actionId) {
        const option = button.options?.find((o) => value === undefined || o.value === value);
        if (!option) continue;
        return {
          type: "overflow",
          action_id: actionId,
          block_id: fields.block_id ?? `block_${index}`,
          selected_option: { text: option.text, value: option.value },
        };
      }
      if (button.type !== "button" || button.action_id !== actionId) continue;
      if (value !== undefined && button.value !== value) continue;
      return {
        action_id: actionId,
        block_id: fields.block_id ?? `block_${index}`,
        text: button.text ?? { type: "plain_text", text: actionId },
        ...(button.value !== undefined ? { value: button.value } : {}),
      };
    }
  }
  return undefined;
}
