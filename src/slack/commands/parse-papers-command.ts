// Turns the text after `/papers` into a typed request, rejecting input no feature should see.
import { parsePaperRef } from "../../papers/arxiv-id.ts";
import { type ExportRequest, parseExportArgs } from "./parse-export.ts";
import { type FollowRequest, parseFollowCommand } from "./parse-follow-command.ts";

/** Longest query worth searching; Slack allows far more, the index gains nothing past this. */
export const MAX_QUERY_LENGTH = 500;

export type PapersRequest =
  | { kind: "help" }
  | { kind: "search"; query: string }
  | { kind: "paper"; id: string }
  | { kind: "discuss"; id: string }
  | { kind: "similar"; id: string }
  | { kind: "settings" }
  | { kind: "schedule"; args: string }
  | { kind: "topics"; action: "add" | "remove" | "set" | "clear" | "list"; words: string[] }
  | { kind: "exclude"; action: "add" | "remove" | "set" | "clear" | "list"; words: string[] }
  | { kind: "digest"; action: "on" | "off" | "preview" | "now" }
  | { kind: "digest"; action: "fill"; fill: "popular" | "none" }
  | { kind: "jc"; args: string }
  | { kind: "weekly"; args: string }
  | { kind: "like"; id: string }
  | { kind: "unlike"; id: string }
  | { kind: "reset-learning" }
  | ExportRequest
  | { kind: "digest"; action: "repeats"; repeats: "never" | "new-versions" }
  | FollowRequest
  | { kind: "invalid"; reason: string };

const LIST_ACTIONS = ["add", "remove", "set", "clear", "list"] as const;
const DIGEST_ACTIONS = ["on", "off", "preview", "now"] as const;

/** Parses `/papers` text. Never throws; bad input becomes `{ kind: "invalid", reason }` with a message for the user. */
export function parsePapersCommand(rawText: string): PapersRequest {
  const text = rawText.trim();
  if (text.length === 0) return { kind: "help" };
  if (text.length > MAX_QUERY_LENGTH) {
    return {
      kind: "invalid",
      reason: `That is ${text.length.toLocaleString("en-US")} characters; keep a search under ${MAX_QUERY_LENGTH}.`,
    };
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text)) {
    return {
      kind: "invalid",
      reason: "That text contains control characters; type the words you are looking for.",
    };
  }
  // The journal club names people (`jc presenter <@U…>`): its own parser checks its arguments.
  if (/^jc(\s|$)/i.test(text)) return { kind: "jc", args: text.slice(2).trim() };
  // Slack sends mentions and broadcasts as <!here>, <@U…>, <#C…>; they are never a search.
  if (/<[!@#]/.test(text)) {
    return {
      kind: "invalid",
      reason: "Mentions and @channel/@here can't be searched; type words, an arXiv id or a link.",
    };
  }

  const [head = "", ...rest] = text.split(/\s+/);
  const word = head.toLowerCase();
  const args = rest.join(" ");

  if (word === "help" || word === "?") return { kind: "help" };
  if (word === "settings" && !args) return { kind: "settings" };
  if (word === "settings" && /^reset\s+learning$/i.test(args)) return { kind: "reset-learning" };
  // Commands about one paper: `/papers discuss 2302.06675` (or a pasted arXiv / Hugging Face link).
  if (word === "like" || word === "unlike" || word === "discuss" || word === "similar") {
    const id = parsePaperRef(args);
    return id
      ? { kind: word, id }
      : {
          kind: "invalid",
          reason: `Say which paper: \`/papers ${word} 2302.06675\` or \`/papers ${word} <arXiv link>\`.`,
        };
  }
  if (word === "schedule") return { kind: "schedule", args };
  if (word === "weekly") return { kind: "weekly", args };
  if (word === "export") return parseExportArgs(rest);
  if (word === "follow" || word === "unfollow") return parseFollowCommand(word, args);
  if (word === "topics" || word === "exclude") {
    const [actionWord = "list", ...words] = rest;
    const action = LIST_ACTIONS.find((a) => a === actionWord.toLowerCase());
    if (!action) {
      return {
        kind: "invalid",
        reason: `Use \`/papers ${word} add|remove|set|clear|list …\`, e.g. \`/papers ${word} add diffusion\`.`,
      };
    }
    return { kind: word, action, words: splitTopicList(words.join(" ")) };
  }
  if (word === "digest") {
    const fill = /^fill\s+(popular|none)$/i.exec(args)?.[1]?.toLowerCase();
    if (fill === "popular" || fill === "none") return { kind: "digest", action: "fill", fill };
    const repeats = /^repeats\s+(never|new-versions)$/i.exec(args)?.[1]?.toLowerCase();
    if (repeats === "never" || repeats === "new-versions")
      return { kind: "digest", action: "repeats", repeats };
    if (/^repeats\b/i.test(args)) {
      return {
        kind: "invalid",
        reason:
          "Use `/papers digest repeats never` (a paper shown here is never shown again) or `/papers digest repeats new-versions` (it comes back when arXiv has a newer version).",
      };
    }
    if (/^fill\b/i.test(args)) {
      return {
        kind: "invalid",
        reason:
          "Use `/papers digest fill popular` (top the digest up with the day's most upvoted papers) or `/papers digest fill none` (post only papers matching the topics).",
      };
    }
    const action = DIGEST_ACTIONS.find((a) => a === args.toLowerCase());
    return action
      ? { kind: "digest", action }
      : {
          kind: "invalid",
          reason:
            "Use `/papers digest on|off|preview|now|fill popular|fill none`. Papers already shown: `/papers digest repeats never|new-versions`.",
        };
  }

  const id = parsePaperRef(text);
  if (id) return { kind: "paper", id };
  if (!/[\p{L}\p{N}]/u.test(text)) {
    return {
      kind: "invalid",
      reason: "There is nothing to search for in that; try a few words, e.g. `/papers diffusion models`.",
    };
  }
  return { kind: "search", query: text };
}

/**
 * Topics (or excluded words) as people type them: commas separate topics (`diffusion, reinforcement
 * learning`); quotes keep a topic together (`diffusion "reinforcement learning"`: the text between quoted
 * parts is a topic too); otherwise the whole text is one topic (`reinforcement learning`).
 */
export function splitTopicList(text: string): string[] {
  const normalized = text.replace(/[“”„‟″«»]/g, '"');
  const parts: string[] = [];
  if (normalized.includes(",")) {
    parts.push(...normalized.split(","));
  } else {
    // Quoted parts, and the runs of text between them; a quote left open just ends the text.
    for (const match of normalized.matchAll(/"([^"]*)"?|([^"]+)/g)) parts.push(match[1] ?? match[2] ?? "");
  }
  return parts
    .map((part) => part.replace(/"/g, " ").replace(/\s+/g, " ").trim())
    .filter((part) => part.length > 0);
}
