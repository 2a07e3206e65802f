// Turns an arXiv HTML paper (LaTeXML output) into plain text with its section headings, for grounding answers.
import { decodeHTML } from "entities";
import { Parser } from "htmlparser2";

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

interface OpenElement {
  skip: boolean;
  block: boolean;
  name: string;
  /** A LaTeXML equation table (`ltx_eqn_table`): its cells are parts of one formula, not table data. */
  equation: boolean;
}

/**
 * Converts an arXiv HTML page to plain text: title, abstract, sections (as `#`/`##`/`###` headings),
 * paragraphs, figure and table captions, and math as its LaTeX source (`$…$`). Scripts, styles,
 * navigation, author blocks, footnote bodies and the bibliography are dropped. Pure; tolerates
 * truncated or sloppy markup (htmlparser2 closes what the page left open).
 */
export function arxivHtmlToText(html: string): string {
  const out = new TextBuilder();
  const stack: OpenElement[] = [];
  let skipDepth = 0;
  // A line break inside a heading (LaTeXML breaks long titles with <br class="ltx_break">) is a space, so
  // the heading stays one line.
  let headingDepth = 0;
  let equationDepth = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const skip = isSkipped(name, attributes) || name === "math";
        const equation = name === "table" && /\bltx_eqn_table\b/.test(attributes.class ?? "");
        stack.push({ name, skip, equation, block: BLOCK_TAGS.has(name) || /^h[1-6]$/.test(name) });
        if (skip) {
          if (skipDepth === 0 && name === "math") emitMath(out, attributes);
          skipDepth += 1;
          return;
        }
        if (skipDepth > 0) return;
        if (equation) equationDepth += 1;
        if (/^h[1-6]$/.test(name)) {
          headingDepth += 1;
          out.paragraph();
          out.raw(`${headingPrefix(name, attributes.class ?? "")} `);
        } else if (name === "br") {
          if (headingDepth > 0) out.text(" ");
          else out.line();
        } else if (name === "hr") {
          out.paragraph();
        } else if (name === "li") {
          out.line();
          out.raw("- ");
        } else if (name === "tr") {
          out.line();
        } else if (name === "td" || name === "th") {
          // An aligned equation's row reads as one formula and its number: `$a$ $=b$ (1)`.
          if (equationDepth > 0) out.text(" ");
          else out.cellSeparator();
        } else if (BLOCK_TAGS.has(name)) {
          out.paragraph();
        }
      },
      ontext(text) {
        if (skipDepth === 0) out.text(text);
      },
      // Called once for every opened element, void ones and those the page never closed included.
      onclosetag() {
        const closed = stack.pop();
        if (!closed) return;
        if (closed.skip) {
          skipDepth -= 1;
          return;
        }
        if (skipDepth > 0) return;
        if (/^h[1-6]$/.test(closed.name)) headingDepth -= 1;
        if (closed.equation) equationDepth -= 1;
        if (closed.block) out.paragraph();
        else if (closed.name === "tr") out.line();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(documentPart(html));
  parser.end();
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

function isSkipped(name: string, attributes: Record<string, string>): boolean {
  if (SKIPPED_TAGS.has(name)) return true;
  if (attributes["aria-hidden"] === "true") return true;
  const classes = (attributes.class ?? "").split(/\s+/);
  return SKIPPED_CLASSES.some((skipped) => classes.includes(skipped));
}

// MathML is unreadable as text; LaTeXML keeps the LaTeX source in `alttext`, which models read well.
function emitMath(out: TextBuilder, attributes: Record<string, string>): void {
  const tex = withoutTexComments(attributes.alttext ?? "")
    .replace(/\s+/g, " ")
    .trim();
  if (!tex) return;
  if (attributes.display === "block") {
    out.line();
    out.raw(`$$${tex}$$`);
    out.line();
  } else {
    out.text(` $${tex}$ `);
  }
}

// LaTeXML wraps a long alttext with TeX's line continuation, `%` and a newline (`\frac{\hat{%⏎P}…`): a
// comment to the end of the line, which TeX drops together with the next line's indent. `\%` is a percent sign.
function withoutTexComments(tex: string): string {
  return tex.replace(/(?<!\\)%[^\n]*(?:\n[ \t]*|$)/g, "");
}

function headingPrefix(tag: string, className: string): string {
  if (/\bltx_title_document\b/.test(className)) return "#";
  // The abstract's title is an <h6> in LaTeXML, but it sits at section level.
  if (/\bltx_title_(abstract|section|bibliography|appendix)\b/.test(className)) return "##";
  if (/\bltx_title_subsection\b/.test(className)) return "###";
  if (/\bltx_title_(subsubsection|paragraph)\b/.test(className)) return "####";
  return "#".repeat(Math.min(4, Number(tag.slice(1))));
}

/** Decodes HTML character references (numeric and every named one); unknown names stay as written. */
export function decodeEntities(text: string): string {
  return decodeHTML(text);
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
    // Whitespace between cells is layout: look past it to whether this row has any text yet.
    for (let i = this.parts.length - 1; i >= 0; i -= 1) {
      const part = this.parts[i] ?? "";
      if (part.endsWith("\n")) return;
      if (part.trim()) {
        this.parts.push(" | ");
        return;
      }
    }
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
