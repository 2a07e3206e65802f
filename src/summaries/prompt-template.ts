// Loads prompts/*.md into chat messages and fills their {{named}} placeholders: the one prompt renderer.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PaperboyError } from "../errors.ts";
import type { ChatMessage } from "./llm-client.ts";

/** A prompt file split into chat messages, with the hash of the file's exact bytes. */
export interface PromptTemplate {
  name: string;
  /** sha256 of the file, hex; part of every cache key built from this prompt. */
  hash: string;
  messages: ChatMessage[];
}

const ROLE_HEADING = /^#\s+(system|user|assistant)\s*$/gim;
const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}/g;

/**
 * Reads `<dir>/<name>.md`. `# system` / `# user` / `# assistant` headings start messages (a file
 * without headings is one user message); `<!-- comments -->` are for maintainers and never sent.
 */
export async function loadPrompt(name: string, dir: string): Promise<PromptTemplate> {
  const path = join(dir, `${name}.md`);
  let source: string;
  try {
    source = await readFile(path, "utf8");
  } catch (error) {
    throw new PaperboyError("bad_config", `The prompt file ${path} could not be read.`, { cause: error });
  }
  return parsePrompt(name, source);
}

/** Parses prompt text (what loadPrompt reads) into a template. */
export function parsePrompt(name: string, source: string): PromptTemplate {
  const hash = createHash("sha256").update(source).digest("hex");
  const text = source.replace(/<!--[\s\S]*?-->/g, "");
  const headings = [...text.matchAll(ROLE_HEADING)];
  const messages: ChatMessage[] = [];
  if (headings.length === 0) {
    messages.push({ role: "user", content: text.trim() });
  } else {
    headings.forEach((heading, i) => {
      const start = (heading.index ?? 0) + heading[0].length;
      const end = headings[i + 1]?.index ?? text.length;
      const role = (heading[1] ?? "user").toLowerCase() as ChatMessage["role"];
      messages.push({ role, content: text.slice(start, end).trim() });
    });
  }
  if (messages.every((message) => message.content.length === 0)) {
    throw new PaperboyError("bad_config", `The prompt "${name}" is empty.`);
  }
  return { name, hash, messages };
}

/**
 * Fills `{{name}}` placeholders in one pass, so a value that itself contains `{{…}}` (an abstract
 * can) is inserted literally and never expanded. A placeholder without a value is a bug: it throws.
 */
export function renderPrompt(template: PromptTemplate, vars: Record<string, string>): ChatMessage[] {
  return template.messages.map((message) => ({
    role: message.role,
    content: message.content.replace(PLACEHOLDER, (_, key: string) => {
      const value = vars[key];
      if (value === undefined) {
        throw new PaperboyError("internal", `The prompt "${template.name}" needs a value for {{${key}}}.`);
      }
      return value;
    }),
  }));
}
