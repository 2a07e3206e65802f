// Shared test material for the discussion tests: the fixture paper, a fake summarizer, and a wired-up feature.
import { createDiscussions, type DiscussionsOptions } from "../../src/discussion/discussions.ts";
import { createFullTextFetcher, type FullTextFetcher } from "../../src/discussion/full-text-fetcher.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Paper } from "../../src/papers/paper.ts";
import { createStateStore, type StateStore } from "../../src/state/state-store.ts";
import type { Summary } from "../../src/summaries/summary.ts";

/** The paper the full-text fixtures (test/fixtures/fulltext/) are about. */
export const PAPER: Paper = {
  id: "2405.01234",
  title: "Spectral Decay: Regularizing Attention by Its Singular Values",
  abstract:
    "Attention maps in vision transformers tend to collapse onto a few dominant directions, which hurts generalization on small datasets. " +
    "We propose spectral decay, a regularizer that penalizes the largest singular values of each attention matrix. " +
    "Spectral decay adds less than 3% training time and needs no change to the architecture. " +
    "On ImageNet-1k subsets with 10% of the labels it improves top-1 accuracy by 2.1 points over weight decay alone.",
  authors: ["Ada Moreau", "Jonas Lindqvist"],
  categories: ["cs.CV", "cs.LG"],
  publishedAt: "2024-05-02",
  source: "hf",
};

export const SUMMARY: Summary = {
  tldr: "Penalizing attention's top singular values stops attention collapse and lifts low-label ViT accuracy.",
  bullets: {
    problem: "Vision transformer attention collapses on small datasets.",
    method: "Penalize each attention matrix's largest singular value.",
    result: "Plus 2.1 top-1 points with 10% of ImageNet labels.",
  },
  origin: "llm",
  label: "AI summary (test-model)",
};

/** A summarizer that returns `summary` after `delayMs`, counting calls. */
export function fakeSummarizer(summary: Summary = SUMMARY, delayMs = 0) {
  const fake = {
    calls: 0,
    async summarize(_paper: Paper): Promise<Summary> {
      fake.calls += 1;
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return summary;
    },
  };
  return fake;
}

/** A full-text fetcher that never finds anything and never calls out. */
/** The root ts of the discussion threads these tests start. */
export const ROOT = "1700000000.000100";

/** The n-th message of a user in the thread at ROOT in channel C1, as recordThreadMessage receives it. */
export const threadMessage = (n: number, text = `message number ${n}`) => ({
  channel: "C1",
  threadTs: ROOT,
  user: `U${n}`,
  text,
  ts: `1700000001.${String(n).padStart(6, "0")}`,
  isBot: false,
});

export const noFullText: FullTextFetcher = { get: async () => null };

/** A discussions instance on a fresh memory store, with overridable dependencies. */
export async function setup(overrides: Partial<DiscussionsOptions> = {}): Promise<{
  store: StateStore;
  discussions: ReturnType<typeof createDiscussions>;
}> {
  const store = overrides.store ?? (await createStateStore({ url: "memory://" }));
  const discussions = createDiscussions({
    store,
    summarizer: fakeSummarizer(),
    fullText: noFullText,
    logger: silentLogger(),
    raceWaitMs: 2_000,
    ...overrides,
  });
  return { store, discussions };
}

export { createFullTextFetcher };
