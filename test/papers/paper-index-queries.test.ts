// Whatever a person types, search answers without an error; the query parser reads filters and phrases.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPaperIndex, type PaperIndex } from "../../src/papers/paper-index.ts";
import { parseSearchQuery } from "../../src/papers/search-query.ts";
import { seedPapers } from "../support/seed-papers.ts";

let index: PaperIndex;
beforeAll(() => {
  index = openPaperIndex({ path: ":memory:" });
  index.upsert(seedPapers());
});
afterAll(() => index.close());

const HOSTILE = [
  "",
  "   ",
  '"',
  '""',
  '"unterminated phrase',
  "regularization AND",
  "AND OR NOT",
  "NEAR(regularization implicit, 2)",
  "regular*",
  "*",
  "title:grokking",
  "{title abstract}: grokking",
  "(((",
  ")",
  "a:b:c:",
  "author:",
  'author:"',
  "cat:",
  "cat:%",
  "cat:cs.LG' OR 1=1 --",
  "since:2025-13-45",
  "before:yesterday grokking",
  "- + ^ ~ : ; , . ! ?",
  "🙂🚀 regularization 🧪",
  "\u0000\u0001\u0002",
  "x".repeat(2000),
  "regularization ".repeat(200),
  "self-supervised vision-language pre-training",
  "C++ / C# & F#",
  "l'apprentissage profond régularisé",
  "正则化 神经网络",
  "ﬁne-tuning",
  "__proto__",
  "constructor",
  "constructor:x toString:y",
  "hasOwnProperty",
];

describe("hostile queries", () => {
  it.each(HOSTILE)("answers %j without throwing", (query) => {
    const hits = index.search(query);
    expect(Array.isArray(hits)).toBe(true);
  });

  it("never throws on arbitrary strings, and every highlight lies inside its text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (query) => {
        for (const hit of index.search(query, { limit: 5 })) {
          for (const [s, e] of hit.highlights) expect(0 <= s && s < e && e <= hit.snippet.length).toBe(true);
          for (const [s, e] of hit.titleHighlights)
            expect(0 <= s && s < e && e <= hit.paper.title.length).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on strings built from FTS5 syntax and query words", () => {
    const pieces = fc.constantFrom(
      '"',
      "(",
      ")",
      "*",
      ":",
      "^",
      "{",
      "}",
      "AND",
      "OR",
      "NOT",
      "NEAR",
      "author:",
      "cat:",
      "since:",
      "grokking",
      "implicit",
      "regularization",
      " ",
      "-",
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        expect(Array.isArray(index.search(parts.join("")))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("clamps paging options instead of failing on odd values", () => {
    expect(index.search("regularization", { limit: -5 })).toHaveLength(1);
    expect(index.search("regularization", { limit: Number.NaN })).toHaveLength(10);
    expect(index.search("regularization", { offset: 1e9 })).toEqual([]);
  });
});

describe("parseSearchQuery", () => {
  it("drops stopwords and duplicate stems, keeping the first form typed", () => {
    const q = parseSearchQuery("Which optimizers were found by the optimizer search?");
    expect(q.terms.map((t) => t.word)).toEqual(["optimizers", "search"]);
  });

  it("keeps stopwords when the query has nothing else", () => {
    expect(parseSearchQuery("the who").terms.map((t) => t.word)).toEqual(["the", "who"]);
  });

  it("reads filters, quoted values and phrases", () => {
    const q = parseSearchQuery(
      'author:"Yann LeCun" cat:cs.LG,stat.ML since:2025-03 before:2026 "energy based" models',
    );
    expect(q.authors).toEqual([["yann", "lecun"]]);
    expect(q.categories).toEqual(["cs.LG", "stat.ML"]);
    expect(q.since).toBe("2025-03-01");
    expect(q.before).toBe("2026-01-01");
    expect(q.phrases.map((p) => p.map((t) => t.word))).toEqual([["energy", "based"]]);
    expect(q.terms.map((t) => t.word)).toEqual(["models"]);
  });

  it("reads the words after an unclosed quote as plain words, not a required phrase", () => {
    const q = parseSearchQuery('grokking "softmax collapse');
    expect(q.phrases).toEqual([]);
    expect(q.terms.map((t) => t.word)).toEqual(["grokking", "softmax", "collapse"]);
  });

  it("reads an unusable filter value as words", () => {
    const q = parseSearchQuery("since:yesterday grokking");
    expect(q.since).toBeUndefined();
    expect(q.terms.map((t) => t.word)).toEqual(["since", "yesterday", "grokking"]);
  });

  it("turns an arXiv id or paper link into a lookup", () => {
    expect(parseSearchQuery("  https://arxiv.org/pdf/2302.06675v3 ").paperId).toBe("2302.06675");
    expect(parseSearchQuery("2302.06675 lion").paperId).toBeUndefined();
  });

  it("folds accents and case the way the index does", () => {
    expect(parseSearchQuery("RÉGULARISÉ").terms.map((t) => t.word)).toEqual(["regularise"]);
  });
});
