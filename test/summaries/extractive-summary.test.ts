// The no-LLM fallbacks: sentence splitting, the most central sentence, and the labels a reader sees.
import { describe, expect, it } from "vitest";
import {
  extractiveTldr,
  mostCentralSentence,
  splitSentences,
} from "../../src/summaries/extractive-summary.ts";
import { fallbackSummary } from "../../src/summaries/fallback-summary.ts";
import { seedPapers } from "../support/seed-papers.ts";

describe("extractive summary", () => {
  it("splits sentences without breaking on abbreviations or decimals", () => {
    expect(
      splitSentences("We use e.g. dropout (Smith et al. 2020). Accuracy rises 3.5 points. It works!"),
    ).toEqual(["We use e.g. dropout (Smith et al. 2020).", "Accuracy rises 3.5 points.", "It works!"]);
  });

  it("picks the sentence that shares the most with the rest of the abstract", () => {
    const abstract =
      "Label noise hurts deep networks. " +
      "Early stopping is a common remedy but needs clean validation data. " +
      "We propose early-learning regularization, which keeps deep networks near their early predictions " +
      "and removes the need for clean validation data under label noise. " +
      "Experiments on CIFAR show gains. The code is public.";
    expect(mostCentralSentence(abstract)).toMatch(/^We propose early-learning regularization/);
  });

  it("keeps every seed TL;DR to at most 35 words, taken from its abstract", () => {
    for (const paper of seedPapers()) {
      const tldr = extractiveTldr(paper.abstract) ?? "";
      expect(tldr.split(" ").length).toBeLessThanOrEqual(35);
      expect(paper.abstract.replace(/\s+/g, " ")).toContain(tldr.replace(/…$/, ""));
    }
  });

  it("returns the only sentence of a one-sentence abstract, and nothing for an empty one", () => {
    expect(mostCentralSentence("Just one sentence here")).toBe("Just one sentence here");
    expect(mostCentralSentence("   ")).toBeUndefined();
  });
});

describe("fallbackSummary", () => {
  const paper = { title: "A title", abstract: "First sentence is here. Second one follows it." };

  it("prefers Hugging Face's own AI summary, labelled as such", () => {
    expect(fallbackSummary({ ...paper, aiSummary: "  HF wrote   this. " })).toEqual({
      tldr: "HF wrote this.",
      origin: "hf_ai_summary",
      label: "Hugging Face AI summary",
    });
  });

  it("otherwise extracts from the abstract, labelled as an extract", () => {
    expect(fallbackSummary(paper)).toMatchObject({
      origin: "extractive",
      label: "Extract from the abstract",
    });
  });

  it("says so when there is no abstract to extract from", () => {
    expect(fallbackSummary({ title: "Only a title", abstract: "" })).toMatchObject({
      tldr: "Only a title",
      label: "Title only (no abstract to summarise)",
    });
  });
});
