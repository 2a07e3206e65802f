// Finds which paper a paperboy message shows, from its metadata, its buttons or its paper links (for 🔖 reactions).
import { normalizeArxivId, parsePaperRef } from "../papers/arxiv-id.ts";
import { PAPER_ACTION_IDS } from "../slack/blocks/action-ids.ts";

/** The parts of a Slack message (as events and `conversations.history` give it) that can name a paper. */
export interface MessageLike {
  text?: string;
  blocks?: unknown[];
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

const PAPER_BUTTONS = new Set<string>(Object.values(PAPER_ACTION_IDS));
// Links paperboy's own cards carry; only the id is taken from them, the URL is never fetched.
const PAPER_LINK =
  /https?:\/\/(?:www\.)?(?:arxiv\.org\/(?:abs|pdf|html)|huggingface\.co\/papers)\/[^\s|<>]+/g;

/**
 * Every distinct paper id in a message, most reliable source first: message metadata
 * (`event_payload.paper_id`), then paper buttons (their `value` is the id), then arXiv / Hugging Face
 * paper links in the blocks or text. Use it on paperboy's own messages only.
 */
export function paperIdsFromMessage(message: MessageLike): string[] {
  const ids = new Set<string>();
  const payload = message.metadata?.event_payload;
  for (const key of ["paper_id", "paperId"]) {
    const value = payload?.[key];
    const id = typeof value === "string" ? normalizeArxivId(value) : null;
    if (id) ids.add(id);
  }
  if (ids.size > 0) return [...ids];
  const links: string[] = [];
  visit(message.blocks, (node) => {
    const actionId = node.action_id;
    if (node.type === "button" && typeof actionId === "string" && PAPER_BUTTONS.has(actionId)) {
      const id = typeof node.value === "string" ? normalizeArxivId(node.value) : null;
      if (id) ids.add(id);
    }
    if (typeof node.text === "string") links.push(node.text);
  });
  if (ids.size > 0) return [...ids];
  for (const text of [...links, message.text ?? ""]) {
    for (const match of text.matchAll(PAPER_LINK)) {
      const id = parsePaperRef(match[0].replace(/[.,;:!?)\]]+$/, ""));
      if (id) ids.add(id);
    }
  }
  return [...ids];
}

/**
 * The paper a message is about, or null when it names none or several (a digest: which one was meant is
 * unknowable from a reaction).
 */
export function paperIdFromMessage(message: MessageLike): string | null {
  const ids = paperIdsFromMessage(message);
  return ids.length === 1 ? (ids[0] ?? null) : null;
}

// Walks blocks and their nested elements, accessories and text objects.
function visit(value: unknown, onNode: (node: Record<string, unknown>) => void, depth = 0): void {
  if (depth > 12 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const item of value) visit(item, onNode, depth + 1);
    return;
  }
  const node = value as Record<string, unknown>;
  onNode(node);
  for (const child of Object.values(node)) if (typeof child === "object") visit(child, onNode, depth + 1);
}
