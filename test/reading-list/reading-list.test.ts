// Each user's reading list: save, list, remove, all idempotent, newest first, capped; and bot message → paper.
import { describe, expect, it } from "vitest";
import { isPaperboyError } from "../../src/errors.ts";
import { createReadingList } from "../../src/reading-list/reading-list.ts";
import { createStateStore } from "../../src/state/state-store.ts";

async function readingList(maxItems?: number) {
  const store = await createStateStore({ url: "memory://" });
  return { store, list: createReadingList({ store, ...(maxItems ? { maxItems } : {}) }) };
}

describe("createReadingList", () => {
  it("lists saved papers newest first, per user", async () => {
    const { list } = await readingList();
    expect(await list.list("U1")).toEqual([]);
    expect(await list.save("U1", "2302.06675")).toBe(true);
    expect(await list.save("U1", "2405.01234")).toBe(true);
    await list.save("U2", "2101.00001");
    expect(await list.list("U1")).toEqual(["2405.01234", "2302.06675"]);
    expect(await list.list("U2")).toEqual(["2101.00001"]);
  });

  it("saving twice (also as another version) keeps one entry in its place", async () => {
    const { list } = await readingList();
    await list.save("U1", "2302.06675");
    await list.save("U1", "2405.01234");
    expect(await list.save("U1", "2302.06675v2")).toBe(false);
    expect(await list.list("U1")).toEqual(["2405.01234", "2302.06675"]);
  });

  it("removing is idempotent and leaves the others", async () => {
    const { list, store } = await readingList();
    await list.save("U1", "2302.06675");
    await list.save("U1", "2405.01234");
    expect(await list.remove("U1", "2302.06675")).toBe(true);
    expect(await list.remove("U1", "2302.06675")).toBe(false);
    expect(await list.list("U1")).toEqual(["2405.01234"]);
    await list.remove("U1", "2405.01234v1");
    expect(await list.list("U1")).toEqual([]);
    expect(await store.get("readinglist:user:U1")).toBeUndefined();
  });

  it("keeps at most maxItems, dropping the oldest", async () => {
    const { list } = await readingList(3);
    for (const id of ["2301.00001", "2301.00002", "2301.00003", "2301.00004"]) await list.save("U1", id);
    expect(await list.list("U1")).toEqual(["2301.00004", "2301.00003", "2301.00002"]);
  });

  it("defaults to 100 papers", async () => {
    const { list } = await readingList();
    for (let n = 1; n <= 105; n++) await list.save("U1", `2301.${String(n).padStart(5, "0")}`);
    const ids = await list.list("U1");
    expect(ids).toHaveLength(100);
    expect(ids[0]).toBe("2301.00105");
  });

  it("loses nothing when many saves arrive at once", async () => {
    const { list } = await readingList();
    await Promise.all(
      Array.from({ length: 25 }, (_, i) => list.save("U1", `2301.${String(i + 1).padStart(5, "0")}`)),
    );
    expect(await list.list("U1")).toHaveLength(25);
  });

  it("refuses what is not an arXiv id", async () => {
    const { list } = await readingList();
    const error = await list.save("U1", "https://evil.example/x").catch((e: unknown) => e);
    expect(isPaperboyError(error, "bad_paper_ref")).toBe(true);
    expect(await list.list("U1")).toEqual([]);
  });

  it("remembers which paper a bot message shows, for reactions", async () => {
    const { list } = await readingList();
    await list.rememberPaperMessage({ channel: "C1", ts: "1700000000.000100", paperId: "2302.06675v1" });
    expect(await list.paperAt({ channel: "C1", ts: "1700000000.000100" })).toBe("2302.06675");
    expect(await list.paperAt({ channel: "C1", ts: "1700000000.000999" })).toBeUndefined();
  });
});
