// Turns Hugging Face's Markdown rendering of a paper (`/papers/{id}.md`) into plain text with its headings.
import { decodeEntities } from "./arxiv-html-to-text.ts";

const HTML_TAG =
  /<\/?(?:a|b|i|u|em|strong|span|div|p|br|hr|img|sup|sub|small|center|figure|figcaption|table|thead|tbody|tr|td|th|details|summary|ul|ol|li|code|pre)\b[^<>\n]*>/gi;

// A reference list is long and says nothing a question about the paper needs; it runs to the next
// heading of the same or a higher level, or to the end.
const REFERENCES =
  /^(#{1,3}) +(?:\d+\.?\s+)?(?:references|bibliography)\s*$[\s\S]*?(?=^#{1,3} |(?![\s\S]))/gim;

/**
 * Cleans a paper's Markdown for a prompt: drops front matter, the reference list, images, HTML tags and comments, turns
 * links into their label, and keeps headings, paragraphs, lists and LaTeX math as written. Pure.
 */
export function hfMarkdownToText(markdown: string): string {
  return (
    markdown
      .replace(/\r\n?/g, "\n")
      .replace(/^\uFEFF?---\n[\s\S]*?\n---\n/, "")
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, "")
      // Images carry nothing a reader of plain text can use; linked images ([![…](img)](url)) go too.
      .replace(/\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)/g, "")
      .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
      .replace(/\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)/g, "$1")
      // Reference-style link definitions and autolinks.
      .replace(/^\s*\[[^\]]+\]:\s*\S+.*$/gm, "")
      .replace(/<(https?:\/\/[^>\s]+)>/g, "$1")
      // Only known HTML tags: "<" also occurs in math ($x<y$) and must survive.
      .replace(HTML_TAG, "")
      .split("\n")
      .map((line) => decodeEntities(line).replace(/[ \t]+$/, ""))
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .replace(REFERENCES, "")
      .trim()
  );
}
