// Turns an arXiv HTML paper (LaTeXML output) into plain text with its section headings, for grounding answers.

// Elements whose content is never paper text: page chrome, code, forms, and LaTeXML's own furniture.
const SKIPPED_TAGS = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "head",
  "nav",
  "header",
  "footer",
  "button",
  "form",
  "select",
  "textarea",
  "iframe",
  "object",
]);
// Bibliography and author blocks are long and say nothing about the paper's content; footnote bodies
// interrupt sentences; ltx_ERROR spans are LaTeX commands LaTeXML could not convert.
const SKIPPED_CLASSES = [
  "ltx_bibliography",
  "ltx_authors",
  "ltx_page_navbar",
  "ltx_page_footer",
  "ltx_page_logo",
  "ltx_TOC",
  "ltx_note",
  "ltx_ERROR",
  "ltx_dates",
];
const VOID_TAGS = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);
const BLOCK_TAGS = new Set([
  "p",
  "div",
  "section",
  "article",
  "main",
  "aside",
  "ul",
  "ol",
  "dl",
  "dt",
  "dd",
  "table",
  "caption",
  "figure",
  "figcaption",
  "blockquote",
  "pre",
  "body",
  "html",
]);
// Script and style bodies may contain "<", so they are skipped by searching for their end tag.
const RAW_TEXT_TAGS = new Set(["script", "style"]);

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[!?][^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

interface OpenElement {
  name: string;
  skip: boolean;
  block: boolean;
}

/**
 * Converts an arXiv HTML page to plain text: title, abstract, sections (as `#`/`##`/`###` headings),
 * paragraphs, figure and table captions, and math as its LaTeX source (`$…$`). Scripts, styles,
 * navigation, author blocks, footnote bodies and the bibliography are dropped. Pure; tolerates
 * truncated or sloppy markup.
 */
export function arxivHtmlToText(html: string): string {
  const out = new TextBuilder();
  const stack: OpenElement[] = [];
  let skipDepth = 0;
  const source = documentPart(html);
  TOKEN.lastIndex = 0;
  let last = 0;
  for (let match = TOKEN.exec(source); match; match = TOKEN.exec(source)) {
    if (skipDepth === 0 && match.index > last) out.text(decodeEntities(source.slice(last, match.index)));
    last = TOKEN.lastIndex;
    const [, slash, rawName, rawAttributes, selfClosing] = match;
    if (!rawName) continue; // comment, doctype, CDATA, processing instruction
    const name = rawName.toLowerCase();
    if (slash) {
      const index = findOpen(stack, name);
      if (index < 0) continue;
      for (const closed of stack.splice(index)) {
        if (closed.skip) skipDepth -= 1;
        else if (skipDepth === 0 && closed.block) out.paragraph();
        else if (skipDepth === 0 && closed.name === "tr") out.line();
      }
      continue;
    }
    const attributes = parseAttributes(rawAttributes ?? "");
    if (RAW_TEXT_TAGS.has(name)) {
      const end = source.toLowerCase().indexOf(`</${name}`, last);
      last = end < 0 ? source.length : end;
      TOKEN.lastIndex = last;
      continue;
    }
    if (VOID_TAGS.has(name) || selfClosing) {
      if (skipDepth > 0) continue;
      if (name === "br") out.line();
      else if (name === "hr") out.paragraph();
      continue;
    }
    const skip = isSkipped(name, attributes) || name === "math";
    stack.push({ name, skip, block: BLOCK_TAGS.has(name) || /^h[1-6]$/.test(name) });
    if (skip) {
      if (skipDepth === 0 && name === "math") emitMath(out, attributes);
      skipDepth += 1;
      continue;
    }
    if (skipDepth > 0) continue;
    if (/^h[1-6]$/.test(name)) {
      out.paragraph();
      out.raw(`${headingPrefix(name, attributes.class ?? "")} `);
    } else if (name === "li") {
      out.line();
      out.raw("- ");
    } else if (name === "tr") {
      out.line();
    } else if (name === "td" || name === "th") {
      out.cellSeparator();
    } else if (BLOCK_TAGS.has(name)) {
      out.paragraph();
    }
  }
  if (skipDepth === 0 && last < source.length) out.text(decodeEntities(source.slice(last)));
  return out.toString();
}

// The paper itself is LaTeXML's <article class="ltx_document">; the page around it is arXiv chrome.
function documentPart(html: string): string {
  const start = html.search(/<article\b[^>]*\bltx_document\b/i);
  if (start >= 0) {
    const end = html.toLowerCase().lastIndexOf("</article>");
    return end > start ? html.slice(start, end + "</article>".length) : html.slice(start);
  }
  const body = html.search(/<body\b/i);
  return body >= 0 ? html.slice(body) : html;
}

function findOpen(stack: OpenElement[], name: string): number {
  for (let i = stack.length - 1; i >= 0; i -= 1) if (stack[i]?.name === name) return i;
  return -1;
}

function parseAttributes(raw: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  ATTRIBUTE.lastIndex = 0;
  for (let match = ATTRIBUTE.exec(raw); match; match = ATTRIBUTE.exec(raw)) {
    const key = match[1]?.toLowerCase();
    if (key) attributes[key] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? "");
  }
  return attributes;
}

function isSkipped(name: string, attributes: Record<string, string>): boolean {
  if (SKIPPED_TAGS.has(name)) return true;
  if (attributes["aria-hidden"] === "true") return true;
  const classes = (attributes.class ?? "").split(/\s+/);
  return SKIPPED_CLASSES.some((skipped) => classes.includes(skipped));
}

// MathML is unreadable as text; LaTeXML keeps the LaTeX source in `alttext`, which models read well.
function emitMath(out: TextBuilder, attributes: Record<string, string>): void {
  const tex = (attributes.alttext ?? "").replace(/\s+/g, " ").trim();
  if (!tex) return;
  if (attributes.display === "block") {
    out.line();
    out.raw(`$$${tex}$$`);
    out.line();
  } else {
    out.text(` $${tex}$ `);
  }
}

function headingPrefix(tag: string, className: string): string {
  if (/\bltx_title_document\b/.test(className)) return "#";
  // The abstract's title is an <h6> in LaTeXML, but it sits at section level.
  if (/\bltx_title_(abstract|section|bibliography|appendix)\b/.test(className)) return "##";
  if (/\bltx_title_subsection\b/.test(className)) return "###";
  if (/\bltx_title_(subsubsection|paragraph)\b/.test(className)) return "####";
  return "#".repeat(Math.min(4, Number(tag.slice(1))));
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  times: "×",
  minus: "−",
  middot: "·",
  thinsp: " ",
  ensp: " ",
  emsp: " ",
  shy: "",
  zwnj: "",
  zwj: "",
};

/** Decodes numeric entities and the named ones that occur in paper HTML; unknown names stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (entity, body: string) => {
    if (body.startsWith("#")) {
      const code =
        body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}

/** Accumulates text with collapsed whitespace, line breaks and paragraph breaks. */
class TextBuilder {
  private readonly parts: string[] = [];

  text(value: string): void {
    const collapsed = value.replace(/\s+/g, " ");
    // Whitespace between block tags is layout, not text.
    if (collapsed === " " && this.atLineStart()) return;
    if (collapsed) this.parts.push(collapsed);
  }

  raw(value: string): void {
    this.parts.push(value);
  }

  line(): void {
    if (!this.atLineStart()) this.parts.push("\n");
  }

  paragraph(): void {
    this.parts.push("\n\n");
  }

  cellSeparator(): void {
    const tail = this.parts.at(-1) ?? "";
    if (tail.trim() && !tail.endsWith("\n")) this.parts.push(" | ");
  }

  private atLineStart(): boolean {
    const tail = this.parts.at(-1);
    return tail === undefined || tail.endsWith("\n");
  }

  toString(): string {
    return this.parts
      .join("")
      .split("\n")
      .map((line) => line.replace(/[ \t]+/g, " ").trim())
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .replace(/^(#+)\s*$/gm, "")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
  }
}
