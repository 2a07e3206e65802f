// Candidate selection when a query's words are common but seldom together: the best papers must not be lost.
import { afterEach, describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.ts";
import { openPaperIndex, type PaperIndex } from "../../src/papers/paper-index.ts";

const open: PaperIndex[] = [];
afterEach(() => {
  for (const index of open.splice(0)) index.close();
});

function paper(n: number, title: string, abstract: string, publishedAt: string): Paper {
  return {
    id: `2401.${String(n).padStart(5, "0")}`,
    title,
    abstract,
    authors: ["Ada Example"],
    categories: ["cs.CV"],
    publishedAt,
    source: "file",
  };
}

describe("a conjunction of common words that few papers share", () => {
  it("ranks every paper that has them all, not only the newest ones", () => {
    const papers: Paper[] = [];
    let n = 0;
    // Thousands of papers with half of the query each: every word is common, so ranking all that match
    // any of them is past the search's budget and candidates come from the papers with all of them.
    for (let i = 0; i < 3_500; i++) {
      papers.push(
        paper(n++, `Training free of labels, study ${i}`, "A source of signal for training.", "2024-02-01"),
      );
      papers.push(
        paper(n++, `Object detection study ${i}`, "We detect each object in images.", "2024-02-01"),
      );
    }
    // The papers the query is about: older, with all four words in the title.
    for (let i = 0; i < 6; i++) {
      papers.push(
        paper(
          n++,
          `Source-Free Object Detection method ${i}`,
          "Adapting a detector without source data.",
          "2024-03-01",
        ),
      );
    }
    // Newer papers that only mention the four words somewhere in their abstract.
    for (let i = 0; i < 12; i++) {
      papers.push(
        paper(
          n++,
          `Segmentation benchmark ${i}`,
          "A free benchmark; an object of study is the source of errors in detection pipelines.",
          "2025-06-01",
        ),
      );
    }
    const index = openPaperIndex({ path: ":memory:" });
    open.push(index);
    index.upsert(papers);

    // A page of five, as /papers shows: all five are papers about the query, none only mentions its words.
    const top = index.search("source-free object detection", { limit: 5 }).map((hit) => hit.paper.title);
    expect(top).toHaveLength(5);
    for (const title of top) expect(title).toMatch(/^Source-Free Object Detection method/);
  });
});
