// The feedback store: what a channel liked and disliked, per team and channel, bounded, shared by instances, reset.
import { describe, expect, it } from "vitest";
import { createFeedbackStore } from "../../src/feedback/feedback-store.ts";
import type { Paper } from "../../src/papers/paper.ts";
import { createStateStore } from "../../src/state/state-store.ts";
import { describeOnSharedBackends } from "../support/shared-backends.ts";
import { redisUnreachable } from "../support/test-redis.ts";

const redisSkipReason = await redisUnreachable();

const paper = (n: number, title = `Paper ${n} on diffusion models`): Paper => ({
  id: `2401.${String(n).padStart(5, "0")}`,
  title,
  abstract: "We study diffusion models for video generation and their sampling speed.",
  authors: ["Ada Lovelace"],
  categories: ["cs.CV"],
  source: "arxiv",
});

async function memoryStore() {
  return createStateStore({ url: `memory://feedback-${Math.random()}` });
}

describe("the feedback store", () => {
  it("keeps liked and disliked papers per team and channel, newest first, with explicit vs implicit", async () => {
    let clock = Date.parse("2026-12-01T09:00:00Z");
    const feedback = createFeedbackStore({ store: await memoryStore(), now: () => new Date(clock++) });
    expect(
      await feedback.record("T1", "C1", paper(1), { kind: "positive", explicit: true, source: "menu" }),
    ).toBe("added");
    await feedback.record("T1", "C1", paper(2), { kind: "negative", explicit: true, source: "menu" });
    await feedback.record("T1", "C1", paper(3), { kind: "positive", explicit: false, source: "save" });
    const items = await feedback.list("T1", "C1");
    expect(items.map((item) => [item.id, item.kind, item.explicit, item.source])).toEqual([
      ["2401.00003", "positive", false, "save"],
      ["2401.00002", "negative", true, "menu"],
      ["2401.00001", "positive", true, "menu"],
    ]);
    // The ranker's features are stored, not the abstract: stems of the title and abstract and the category.
    expect(items[0]?.terms).toMatchObject({ diffus: expect.any(Number), "cat:cs.CV": expect.any(Number) });
    expect(JSON.stringify(items)).not.toContain("sampling speed");
    // Other channels and teams are untouched.
    expect(await feedback.list("T1", "C2")).toEqual([]);
    expect(await feedback.list("T2", "C1")).toEqual([]);
  });

  it("an explicit change of mind replaces the old feedback; an implicit one never overrides an explicit one", async () => {
    const feedback = createFeedbackStore({ store: await memoryStore() });
    await feedback.record("T1", "C1", paper(1), { kind: "negative", explicit: true, source: "menu" });
    expect(
      await feedback.record("T1", "C1", paper(1), { kind: "positive", explicit: false, source: "save" }),
    ).toBe("unchanged");
    expect((await feedback.list("T1", "C1"))[0]?.kind).toBe("negative");
    expect(
      await feedback.record("T1", "C1", paper(1), { kind: "positive", explicit: true, source: "menu" }),
    ).toBe("changed");
    const items = await feedback.list("T1", "C1");
    expect(items).toHaveLength(1);
    expect(items[0]?.kind).toBe("positive");
    // A version suffix names the same paper.
    await feedback.record(
      "T1",
      "C1",
      { ...paper(1), id: "2401.00001v2" },
      { kind: "positive", explicit: true, source: "command" },
    );
    expect(await feedback.list("T1", "C1")).toHaveLength(1);
  });

  it("keeps at most maxItems papers per channel, dropping the oldest", async () => {
    const feedback = createFeedbackStore({ store: await memoryStore(), maxItems: 5 });
    for (let n = 1; n <= 8; n++)
      await feedback.record("T1", "C1", paper(n), { kind: "positive", explicit: true, source: "menu" });
    const ids = (await feedback.list("T1", "C1")).map((item) => item.id);
    expect(ids).toEqual(["2401.00008", "2401.00007", "2401.00006", "2401.00005", "2401.00004"]);
  });

  it("unlike removes one paper; reset forgets the channel and says how many it had", async () => {
    const feedback = createFeedbackStore({ store: await memoryStore() });
    await feedback.record("T1", "C1", paper(1), { kind: "positive", explicit: true, source: "command" });
    await feedback.record("T1", "C1", paper(2), { kind: "negative", explicit: true, source: "menu" });
    await feedback.record("T1", "C2", paper(3), { kind: "positive", explicit: true, source: "menu" });
    expect(await feedback.remove("T1", "C1", "2401.00001v3")).toBe(true);
    expect(await feedback.remove("T1", "C1", "2401.00001")).toBe(false);
    expect((await feedback.list("T1", "C1")).map((item) => item.id)).toEqual(["2401.00002"]);
    expect(await feedback.reset("T1", "C1")).toBe(1);
    expect(await feedback.list("T1", "C1")).toEqual([]);
    expect(await feedback.reset("T1", "C1")).toBe(0);
    expect(await feedback.list("T1", "C2")).toHaveLength(1);
  });

  it("a fixed deployment team keys every channel, whatever team a click names", async () => {
    const store = await memoryStore();
    const fixed = createFeedbackStore({ store, team: "T0" });
    await fixed.record("E_OTHER", "C1", paper(1), { kind: "positive", explicit: true, source: "menu" });
    expect(await createFeedbackStore({ store }).list("T0", "C1")).toHaveLength(1);
  });
});

describeOnSharedBackends(
  { memoryName: "feedback-shared", redisKeys: "feedback-test-*", redisSkipReason },
  (open) => {
    it("two instances clicking at once in one channel both count", async () => {
      const namespace = `feedback-test-${Math.random().toString(36).slice(2)}`;
      const [a, b] = await Promise.all([open(namespace), open(namespace)]);
      try {
        const first = createFeedbackStore({ store: a });
        const second = createFeedbackStore({ store: b });
        await Promise.all(
          [1, 2, 3, 4, 5, 6].map((n) =>
            (n % 2 ? first : second).record("T1", "C1", paper(n), {
              kind: "positive",
              explicit: true,
              source: "menu",
            }),
          ),
        );
        expect((await second.list("T1", "C1")).map((item) => item.id).sort()).toEqual(
          [1, 2, 3, 4, 5, 6].map((n) => paper(n).id),
        );
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  },
);
