// Every way a paper id enters paperboy reads `2401.01234v2` as the paper `2401.01234`, keeping the version apart.
import { describe, expect, it } from "vitest";
import { createThreadStore } from "../../src/discussion/thread-store.ts";
import { arxivVersion, normalizeArxivId, parsePaperRef } from "../../src/papers/arxiv-id.ts";
import { openPaperIndex } from "../../src/papers/paper-index.ts";
import { paperFromRecord } from "../../src/papers/sources/paper-record.ts";
import { createReadingList } from "../../src/reading-list/reading-list.ts";
import { createStateStore } from "../../src/state/state-store.ts";
import { makePaper } from "../digest/digest-test-kit.ts";

describe("arXiv versions are one paper", () => {
  it("reads the version apart from the id in ids, arXiv: refs and links", () => {
    expect(normalizeArxivId("2401.01234v2")).toBe("2401.01234");
    expect(parsePaperRef("https://arxiv.org/pdf/2401.01234v3.pdf")).toBe("2401.01234");
    expect(arxivVersion("2401.01234v2")).toBe(2);
    expect(arxivVersion("arXiv:hep-th/9901001v3")).toBe(3);
    expect(arxivVersion("https://arxiv.org/pdf/2401.01234v12.pdf")).toBe(12);
    expect(arxivVersion("2401.01234")).toBeUndefined();
    expect(arxivVersion("2401.01234v0")).toBeUndefined();
  });

  it("imports a record's version from its id, its own field or the Kaggle dump's list", () => {
    const base = { title: "T", abstract: "A", authors: ["Ada Lovelace"] };
    expect(paperFromRecord({ ...base, id: "2401.01234v2" })).toMatchObject({ id: "2401.01234", version: 2 });
    expect(paperFromRecord({ ...base, id: "2401.01234", version: 4 })).toMatchObject({ version: 4 });
    expect(
      paperFromRecord({ ...base, id: "2401.01234", versions: [{ version: "v1" }, { version: "v2" }] }),
    ).toMatchObject({
      version: 2,
    });
    expect(paperFromRecord({ ...base, id: "2401.01234" })).not.toHaveProperty("version");
  });

  it("keeps one index row per paper with the newest version, whichever source comes last", () => {
    const index = openPaperIndex({ path: ":memory:", workers: false });
    index.upsert([makePaper("2401.01234", "Title v2", { version: 2, source: "arxiv" })]);
    index.upsert([makePaper("2401.01234", "Title from Hugging Face", { source: "hf" })]);
    expect(index.get("2401.01234v1")).toMatchObject({ id: "2401.01234", version: 2 });
    index.close?.();
  });

  it("saves v1 and v2 to a reading list once, and finds a paper's discussion thread by any version", async () => {
    const store = await createStateStore({ url: "memory://" });
    const list = createReadingList({ store });
    expect(await list.save("U0ADA", "2401.01234v1")).toBe(true);
    expect(await list.save("U0ADA", "2401.01234v2")).toBe(false);
    expect(await list.list("U0ADA")).toEqual(["2401.01234"]);

    const threads = createThreadStore(store);
    const paper = makePaper("2401.01234", "A paper", { version: 1 });
    await threads.save({
      team: "T0",
      channel: "C0",
      ts: "1.000100",
      paper,
      startedAt: "2026-03-30T09:00:00Z",
    });
    expect(await threads.threadFor("T0", "C0", "2401.01234v2")).toBe("1.000100");
  });
});
