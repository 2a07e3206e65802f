// Snippets: whitespace runs collapse, and every highlight still marks the word it marked in the original text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Highlight, makeSnippet } from "../../src/papers/snippet.ts";

/** Text built from words and whitespace runs of every kind abstracts contain, with each word's range. */
const textWithWords = fc
  .array(
    fc.tuple(
      fc.constantFrom("grokking", "régularisation", "softmax", "collapse", "x", "2302.06675"),
      fc.constantFrom(" ", "  ", "\n", " \n  ", "\t", "\u00a0", "\u2003 ", "\r\n"),
    ),
    { minLength: 1, maxLength: 40 },
  )
  .map((parts) => {
    let text = "";
    const words: Highlight[] = [];
    for (const [word, space] of parts) {
      words.push([text.length, text.length + word.length]);
      text += word + space;
    }
    return { text, words };
  });

describe("makeSnippet", () => {
  it("keeps every highlight on its word when whitespace runs collapse", () => {
    fc.assert(
      fc.property(textWithWords, fc.integer({ min: 0, max: 39 }), ({ text, words }, pick) => {
        const chosen = words.filter((_, i) => i % 3 === pick % 3);
        const snippet = makeSnippet(text, chosen, 10_000);
        expect(snippet.text).not.toMatch(/\s\s/);
        expect(snippet.highlights.map(([s, e]) => snippet.text.slice(s, e))).toEqual(
          chosen.map(([s, e]) => text.slice(s, e)),
        );
      }),
    );
  });

  it("cuts a long text around the most matches, at word boundaries, with ellipses", () => {
    const filler = "lorem ipsum dolor sit amet ".repeat(30);
    const text = `${filler}the grokking\n\n   phenomenon and grokking again ${filler}`;
    const at = (word: string, from = 0): Highlight => {
      const start = text.indexOf(word, from);
      return [start, start + word.length];
    };
    const first = at("grokking");
    const second = at("grokking", first[1]);
    const snippet = makeSnippet(text, [first, second], 120);
    expect(snippet.text.startsWith("…")).toBe(true);
    expect(snippet.text.endsWith("…")).toBe(true);
    expect(snippet.text.length).toBeLessThanOrEqual(122);
    expect(snippet.highlights.map(([s, e]) => snippet.text.slice(s, e))).toEqual(["grokking", "grokking"]);
    expect(snippet.text).toContain("the grokking phenomenon and grokking again");
  });
});
