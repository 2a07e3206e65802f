// Splits a JSON array arriving in chunks into the source text of its elements, so a huge array never sits in memory.

/** What the splitter found besides elements, for the caller to count as skipped. */
export type SplitProblem = "text after the closing ]" | "the array is not closed (truncated file?)";

const QUOTE = 34; // "
const BACKSLASH = 92; // \
const OPEN_BRACE = 123; // {
const CLOSE_BRACE = 125; // }
const OPEN_BRACKET = 91; // [
const CLOSE_BRACKET = 93; // ]
const COMMA = 44; // ,

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/**
 * Feed it text with `push` (it must start with the array's `[`, leading whitespace allowed) and
 * it returns each complete top-level element's text; call `end` when the input is done. Element
 * text is not checked: a malformed element simply fails its own `JSON.parse` later.
 */
export class JsonArraySplitter {
  private state: "before" | "between" | "element" | "after" = "before";
  private depth = 0;
  private inString = false;
  private escaped = false;
  private pending: string[] = [];
  /** Problems seen so far (trailing text, an unclosed array). */
  readonly problems: SplitProblem[] = [];

  push(chunk: string): string[] {
    const elements: string[] = [];
    let start = -1; // where the current element starts in this chunk, or -1 if it began earlier
    if (this.state === "element") start = 0;
    for (let i = 0; i < chunk.length; i += 1) {
      const code = chunk.charCodeAt(i);
      if (this.state === "element") {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (code === BACKSLASH) this.escaped = true;
          else if (code === QUOTE) this.inString = false;
          continue;
        }
        if (code === QUOTE) this.inString = true;
        else if (code === OPEN_BRACE || code === OPEN_BRACKET) this.depth += 1;
        else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET) && this.depth > 0) this.depth -= 1;
        else if (this.depth === 0 && (code === COMMA || code === CLOSE_BRACKET)) {
          this.pending.push(chunk.slice(start, i));
          elements.push(this.pending.join(""));
          this.pending = [];
          this.state = code === COMMA ? "between" : "after";
        }
        continue;
      }
      if (isSpace(code)) continue;
      if (this.state === "before") {
        // The caller checked that the text starts with "["; anything else here is an element start.
        if (code === OPEN_BRACKET) this.state = "between";
        continue;
      }
      if (this.state === "between") {
        if (code === COMMA) continue;
        if (code === CLOSE_BRACKET) {
          this.state = "after";
          continue;
        }
        this.state = "element";
        this.depth = 0;
        start = i;
        i -= 1; // re-read this character as part of the element
        continue;
      }
      // state "after": whitespace was skipped above, so this is stray text.
      if (!this.problems.includes("text after the closing ]")) this.problems.push("text after the closing ]");
      break;
    }
    if (this.state === "element") this.pending.push(chunk.slice(Math.max(start, 0)));
    return elements;
  }

  /** Call at end of input: notes an unclosed array (an unfinished element is dropped with it). */
  end(): void {
    this.pending = [];
    if (this.state !== "after") this.problems.push("the array is not closed (truncated file?)");
  }
}
