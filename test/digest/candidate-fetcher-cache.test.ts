// The candidate fetcher's memory of each source's day: reused for 10 minutes, a failure for 1, and bounded.
import { describe, expect, it } from "vitest";
import { createCandidateFetcher } from "../../src/digest/candidate-fetcher.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Paper } from "../../src/papers/paper.ts";

function paperOf(date: string): Paper {
  return {
    id: `${date}-1`,
    title: `A paper of ${date}`,
    abstract: "",
    authors: [],
    categories: [],
    source: "hf",
  };
}

/** A fetcher over a counting Hugging Face stand-in that fails while `down` is set, on a clock the test moves. */
function fetcherWithCountingSource() {
  const state = { ms: Date.parse("2026-03-18T07:00:00Z"), calls: 0, down: false };
  const fetcher = createCandidateFetcher({
    hf: {
      async allDailyPapers({ date }) {
        state.calls++;
        if (state.down) throw new Error("hf down");
        return [paperOf(date)];
      },
    },
    logger: silentLogger(),
    now: () => state.ms,
  });
  return { fetcher, state };
}

describe("candidate fetcher cache", () => {
  it("asks a source once per day for 10 minutes, then again", async () => {
    const { fetcher, state } = fetcherWithCountingSource();
    await fetcher.fetch(["hf"], "2026-03-17");
    state.ms += 9 * 60_000;
    expect((await fetcher.fetch(["hf"], "2026-03-17")).papers.map((p) => p.id)).toEqual(["2026-03-17-1"]);
    expect(state.calls).toBe(1);
    state.ms += 2 * 60_000;
    await fetcher.fetch(["hf"], "2026-03-17");
    expect(state.calls).toBe(2);
  });

  it("asks a failed source again after a minute", async () => {
    const { fetcher, state } = fetcherWithCountingSource();
    state.down = true;
    expect((await fetcher.fetch(["hf"], "2026-03-17")).unreachable).toEqual(["hf"]);
    state.down = false;
    state.ms += 30_000;
    expect((await fetcher.fetch(["hf"], "2026-03-17")).unreachable).toEqual(["hf"]);
    state.ms += 31_000;
    expect((await fetcher.fetch(["hf"], "2026-03-17")).unreachable).toEqual([]);
    expect(state.calls).toBe(2);
  });

  it("counts each failed fetch by source, once however many channels asked for it", async () => {
    const { fetcher, state } = fetcherWithCountingSource();
    state.down = true;
    await Promise.all([fetcher.fetch(["hf"], "2026-03-17"), fetcher.fetch(["hf"], "2026-03-17")]);
    // No feed client: arXiv's feed for today fails too, and counts as arXiv whatever the category.
    await fetcher.fetch(["arxiv:cs.LG", "arxiv:stat.ML"], "2026-03-18");
    expect(fetcher.sourceFailures()).toEqual({ hf: 1, arxiv: 2 });
  });

  it("forgets the oldest source-days once many others were fetched, so memory stays bounded", async () => {
    const { fetcher, state } = fetcherWithCountingSource();
    const day = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < 1_000; i++) await fetcher.fetch(["hf"], day(i));
    expect(state.calls).toBe(1_000);
    await fetcher.fetch(["hf"], day(999));
    expect(state.calls).toBe(1_000);
    await fetcher.fetch(["hf"], day(0));
    expect(state.calls).toBe(1_001);
  });
});
