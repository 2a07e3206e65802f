// Term-overlap matching with light stemming: the no-LLM answer and the full-text excerpt both rest on it.
import { describe, expect, it } from "vitest";
import { closestSentences, contentTerms, stem } from "../../src/discussion/closest-sentences.ts";
import { selectExcerpt } from "../../src/discussion/select-excerpt.ts";
import { PAPER } from "./discussion-fixtures.ts";

describe("stem", () => {
  it("brings inflections and derivations of a word together", () => {
    const groups = [
      [
        "regularization",
        "regularizations",
        "regularizer",
        "regularizers",
        "regularize",
        "regularized",
        "regularizing",
      ],
      ["limitation", "limitations", "limited", "limits", "limit"],
      ["training", "trained", "trains", "train"],
      ["optimizer", "optimization", "optimize", "optimizing"],
      ["studies", "study"],
    ];
    for (const group of groups) expect(new Set(group.map(stem)).size, group.join(",")).toBe(1);
  });

  it("keeps distinct short words distinct", () => {
    expect(stem("layer")).not.toBe(stem("lay"));
    expect(stem("class")).toBe("class");
  });
});

describe("contentTerms", () => {
  it("drops question words and stopwords, folds case and accents, and splits hyphenated words too", () => {
    expect(
      contentTerms("What is the main limitation of Adam-style optimizers in Schrödinger bridges?"),
    ).toEqual(["limit", "adam-styl", "adam", "styl", "optim", "schroding", "bridg"]);
  });
});

describe("closestSentences", () => {
  it("puts the sentence sharing the rarest question terms first", () => {
    expect(closestSentences(PAPER.abstract, "Which top-1 accuracy gain on ImageNet labels?", 2)[0]).toMatch(
      /^On ImageNet-1k subsets/,
    );
    expect(closestSentences(PAPER.abstract, "Does it need architecture changes?", 1)).toEqual([
      "Spectral decay adds less than 3% training time and needs no change to the architecture.",
    ]);
  });

  it("matches across word forms and returns nothing when no term is shared", () => {
    expect(closestSentences(PAPER.abstract, "how does the regularization work?", 1)[0]).toMatch(
      /^We propose spectral decay/,
    );
    expect(closestSentences(PAPER.abstract, "who funded it?", 2)).toEqual([]);
  });
});

describe("selectExcerpt", () => {
  const sections = Array.from(
    { length: 40 },
    (_, i) => `## ${i + 1} Section\n\n${`Filler words about section ${i + 1}. `.repeat(20)}`,
  );
  sections[30] = "## 31 Limitations\n\nThe method is unstable in half precision and needs float32 penalties.";
  const text = `# Title\n\n## Abstract\n\nAn abstract.\n\n${sections.join("\n\n")}`;

  it("returns a text that fits unchanged", () => {
    expect(selectExcerpt("short text", "anything", 1_000)).toBe("short text");
  });

  it("keeps the opening and the paragraphs matching the question, under their headings, within the budget", () => {
    const excerpt = selectExcerpt(text, "Is it stable in half precision?", 4_000);
    expect(excerpt.length).toBeLessThanOrEqual(4_000);
    expect(excerpt.startsWith("# Title")).toBe(true);
    expect(excerpt).toContain("## 31 Limitations\n\nThe method is unstable in half precision");
    expect(excerpt).toContain("[…]");
  });
});
