// Reading one imported record of any supported shape into a Paper, or the reason it is skipped.
import { describe, expect, it } from "vitest";
import type { Paper } from "../../../src/papers/paper.ts";
import { paperFromRecord } from "../../../src/papers/sources/paper-record.ts";

const corpusLine = {
  id: "2503.11742",
  title: "Safe Vision-Language Models via Unsafe Weights Manipulation",
  authors: ["Moreno D'Incà", "Elia Peruzzo"],
  categories: ["cs.CV", "cs.AI"],
  comment: "Work in progress",
  abstract: "Vision-language models (VLMs) often inherit the biases.",
  date: "2025-03-18",
};

describe("paperFromRecord", () => {
  it("reads arXiv's metadata dump shape (string authors and categories, comments, update_date)", () => {
    const paper = paperFromRecord({
      id: "0704.0001",
      authors: "C. Balázs, E. L. Berger, P. M. Nadolsky and C.-P. Yuan",
      title: "Calculation of prompt diphoton production cross sections\n  at Tevatron and LHC energies",
      comments: "37 pages, 15 figures",
      categories: "hep-ph stat.ML",
      abstract: "  A fully differential calculation.\n",
      update_date: "2008-11-13",
    });
    expect(paper).toEqual({
      id: "0704.0001",
      title: "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies",
      abstract: "A fully differential calculation.",
      authors: ["C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan"],
      categories: ["hep-ph", "stat.ML"],
      comment: "37 pages, 15 figures",
      updatedAt: "2008-11-13",
      source: "file",
    });
  });

  it("reads the corpus shape, null comment included", () => {
    expect(paperFromRecord({ ...corpusLine, comment: null })).toEqual({
      id: "2503.11742",
      title: "Safe Vision-Language Models via Unsafe Weights Manipulation",
      abstract: "Vision-language models (VLMs) often inherit the biases.",
      authors: ["Moreno D'Incà", "Elia Peruzzo"],
      categories: ["cs.CV", "cs.AI"],
      publishedAt: "2025-03-18",
      source: "file",
    });
  });

  it("reads the seed shape and Hugging Face items", () => {
    expect(
      paperFromRecord({ arxivId: "2111.01253", title: "Neural Scene Flow Prior", abstract: "A." }),
    ).toEqual({
      id: "2111.01253",
      title: "Neural Scene Flow Prior",
      abstract: "A.",
      authors: [],
      categories: [],
      source: "file",
    });
    const hfItem = { paper: { id: "2407.13168", title: "SciCode", summary: "S.", upvotes: 17, authors: [] } };
    expect(paperFromRecord(hfItem)).toMatchObject({ id: "2407.13168", abstract: "S.", upvotes: 17 });
    expect(paperFromRecord({ paper: { id: "nope", title: "x" } })).toBe(
      "a Hugging Face item without an arXiv id or title",
    );
  });

  it("says why a record is skipped", () => {
    expect(paperFromRecord(null)).toBe("not a JSON object");
    expect(paperFromRecord([corpusLine])).toBe("not a JSON object");
    expect(paperFromRecord({ ...corpusLine, id: 2503.11742 })).toBe("no id");
    expect(paperFromRecord({ ...corpusLine, id: "2503.1174" })).toBe('"2503.1174" is not an arXiv id');
    expect(paperFromRecord({ ...corpusLine, title: null })).toBe("no title");
  });

  it("round-trips paperboy's own Paper objects", () => {
    const paper: Paper = {
      id: "2503.11742",
      title: "Safe Vision-Language Models via Unsafe Weights Manipulation",
      abstract: "Vision-language models (VLMs) often inherit the biases.",
      authors: ["Moreno D'Incà", "Elia Peruzzo"],
      categories: ["cs.CV", "cs.AI"],
      comment: "Work in progress",
      publishedAt: "2025-03-18",
      source: "file",
      updatedAt: "2025-04-01",
      upvotes: 3,
      aiSummary: "A summary.",
      keywords: ["vlm", "safety"],
      githubRepo: "https://github.com/x/y",
      thumbnail: "https://example.org/t.png",
      numComments: 1,
    };
    expect(paperFromRecord(JSON.parse(JSON.stringify(paper)))).toEqual(paper);
  });

  it("accepts arXiv: prefixes and versions on ids", () => {
    expect(paperFromRecord({ ...corpusLine, id: "arXiv:2503.11742v3" })).toMatchObject({ id: "2503.11742" });
  });
});
