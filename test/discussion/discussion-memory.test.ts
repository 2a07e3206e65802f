// "Discussed here": each channel remembers its paper threads with reply counts, bounded, for cards and exports.
import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.ts";
import { PAPER, ROOT, setup, threadMessage } from "./discussion-fixtures.ts";

const where = { team: "T1", channel: "C1", paper: PAPER };
const other: Paper = { ...PAPER, id: "2401.00001", title: "Another paper" };

async function started(
  discussions: Awaited<ReturnType<typeof setup>>["discussions"],
  paper = PAPER,
  ts = ROOT,
) {
  const start = await discussions.startDiscussion({ ...where, paper });
  if (!("start" in start)) throw new Error("expected a new thread");
  await start.commit(ts);
}

describe("a channel's memory of its discussions", () => {
  it("counts every reply to a paper thread and says when it started", async () => {
    const now = new Date("2026-11-27T10:00:00Z");
    const { discussions } = await setup({ now: () => now });
    await started(discussions);
    for (let n = 1; n <= 12; n++) await discussions.recordThreadMessage(threadMessage(n));
    // A reply with only a file still counts; the root and other threads do not.
    await discussions.recordThreadMessage({ ...threadMessage(13), text: "" });
    await discussions.recordThreadMessage({ ...threadMessage(14), ts: ROOT });
    await discussions.recordThreadMessage({ ...threadMessage(15), threadTs: "1700000099.000001" });

    const here = await discussions.discussedHere({
      team: "T1",
      channel: "C1",
      paperIds: [PAPER.id, other.id],
    });
    expect([...here.keys()]).toEqual([PAPER.id]);
    expect(here.get(PAPER.id)).toMatchObject({
      ts: ROOT,
      startedAt: "2026-11-27T10:00:00.000Z",
      replies: 13,
      lastReplyAt: "2026-11-27T10:00:00.000Z",
    });
  });

  it("is per channel and per team", async () => {
    const { discussions } = await setup();
    await started(discussions);
    expect((await discussions.discussedHere({ team: "T1", channel: "C2", paperIds: [PAPER.id] })).size).toBe(
      0,
    );
    expect((await discussions.discussedHere({ team: "T2", channel: "C1", paperIds: [PAPER.id] })).size).toBe(
      0,
    );
  });

  it("counts replies held while the thread was being posted", async () => {
    const { discussions } = await setup();
    const start = await discussions.startDiscussion(where);
    if (!("start" in start)) throw new Error("expected a new thread");
    expect(await discussions.recordThreadMessage(threadMessage(1))).toBe("held");
    await start.commit(ROOT);
    const here = await discussions.discussedHere({ team: "T1", channel: "C1", paperIds: [PAPER.id] });
    expect(here.get(PAPER.id)?.replies).toBe(1);
  });

  it("lists the channel's discussed papers newest first, and forgets a deleted thread", async () => {
    const { discussions } = await setup();
    await started(discussions, PAPER, ROOT);
    await started(discussions, other, "1700000050.000100");
    expect((await discussions.discussedPapers({ team: "T1", channel: "C1" })).map((p) => p.id)).toEqual([
      other.id,
      PAPER.id,
    ]);
    await discussions.forgetThread({ channel: "C1", ts: ROOT });
    expect((await discussions.discussedPapers({ team: "T1", channel: "C1" })).map((p) => p.id)).toEqual([
      other.id,
    ]);
    expect((await discussions.discussedHere({ team: "T1", channel: "C1", paperIds: [PAPER.id] })).size).toBe(
      0,
    );
  });

  it("starts a second thread when asked to, and cards then link to the new one", async () => {
    const { discussions } = await setup();
    await started(discussions);
    const again = await discussions.startDiscussion(where);
    expect(again).toHaveProperty("existing");
    const anyway = await discussions.startDiscussion({ ...where, startNew: true });
    if (!("start" in anyway)) throw new Error("expected a new thread");
    await anyway.commit("1700000077.000100");
    const here = await discussions.discussedHere({ team: "T1", channel: "C1", paperIds: [PAPER.id] });
    expect(here.get(PAPER.id)).toMatchObject({ ts: "1700000077.000100", replies: 0 });
    expect(await discussions.discussedPapers({ team: "T1", channel: "C1" })).toHaveLength(1);
  });

  it("keeps one small entry per thread however many replies come (counts, not rows)", async () => {
    const { store, discussions } = await setup();
    await started(discussions);
    const writes = new Set<string>();
    const set = store.set.bind(store);
    store.set = async (key, value, ttl) => {
      writes.add(key);
      return set(key, value, ttl);
    };
    for (let n = 1; n <= 2_000; n++) await discussions.recordThreadMessage(threadMessage(n, `reply ${n}`));
    // The context (trimmed to its limits) and the activity count: two keys, whatever the traffic.
    expect([...writes].sort()).toEqual([`discussion:activity:C1:${ROOT}`, `discussion:context:C1:${ROOT}`]);
    const here = await discussions.discussedHere({ team: "T1", channel: "C1", paperIds: [PAPER.id] });
    expect(here.get(PAPER.id)?.replies).toBe(2_000);
  });

  it("caps the channel's list of discussed papers", async () => {
    const { discussions } = await setup({ threadLimits: { maxChannelThreads: 3 } });
    for (let n = 1; n <= 5; n++) {
      await started(discussions, { ...PAPER, id: `2401.0000${n}` }, `17000000${n}0.000100`);
    }
    expect((await discussions.discussedPapers({ team: "T1", channel: "C1" })).map((p) => p.id)).toEqual([
      "2401.00005",
      "2401.00004",
      "2401.00003",
    ]);
  });
});
