// Specification of the local papers index: upserts, ingest, search quality, filters, snippets, recent().
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { MISSING_ROWS_SQL } from "../../src/papers/index-writer.ts";
import type { Paper } from "../../src/papers/paper.ts";
import { openPaperIndex, type PaperIndex } from "../../src/papers/paper-index.ts";
import { stemWord } from "../../src/papers/text-tokens.ts";
import { seedPapers } from "../support/seed-papers.ts";

function paper(id: string, fields: Partial<Paper> = {}): Paper {
  return {
    id,
    title: `Untitled ${id}`,
    abstract: "An abstract about nothing in particular.",
    authors: ["Ada Example"],
    categories: ["cs.LG"],
    publishedAt: "2025-03-01",
    source: "file",
    ...fields,
  };
}

async function* stream<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

const open: PaperIndex[] = [];
const dirs: string[] = [];
function memoryIndex(papers: Paper[] = []): PaperIndex {
  const index = openPaperIndex({ path: ":memory:" });
  open.push(index);
  index.upsert(papers);
  return index;
}
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "paperboy-index-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const index of open.splice(0)) index.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const ids = (index: PaperIndex, query: string, limit = 10) =>
  index.search(query, { limit }).map((h) => h.paper.id);

describe("upserts and ingest", () => {
  it("adds new papers, then reports the same papers as unchanged without duplicating them", () => {
    const index = memoryIndex();
    expect(index.upsert(seedPapers())).toEqual({ added: 66, updated: 0, unchanged: 0 });
    expect(index.upsert(seedPapers())).toEqual({ added: 0, updated: 0, unchanged: 66 });
    expect(index.count()).toBe(66);
  });

  it("updates upvotes and fields of a known paper and keeps fields the new record lacks", () => {
    const index = memoryIndex([paper("2501.00001", { upvotes: 3, githubRepo: "https://github.com/a/b" })]);
    const stats = index.upsert([paper("2501.00001", { upvotes: 40, source: "hf" })]);
    expect(stats).toEqual({ added: 0, updated: 1, unchanged: 0 });
    const stored = index.get("2501.00001");
    expect(stored?.upvotes).toBe(40);
    expect(stored?.source).toBe("hf");
    expect(stored?.githubRepo).toBe("https://github.com/a/b");
    expect(index.count()).toBe(1);
  });

  it("re-indexes a paper whose title changed, so the old words no longer find it", () => {
    const index = memoryIndex([paper("2501.00002", { title: "Wombat detection with lasers" })]);
    index.upsert([paper("2501.00002", { title: "Platypus tracking with sonar" })]);
    expect(ids(index, "wombat")).toEqual([]);
    expect(ids(index, "platypus")).toEqual(["2501.00002"]);
  });

  it("ingests a stream twice to the same count, reporting progress and the second pass as unchanged", async () => {
    const index = memoryIndex();
    const progress: number[] = [];
    const first = await index.ingest(stream(seedPapers()), (s) => progress.push(s.added));
    const second = await index.ingest(stream(seedPapers()));
    expect(first).toEqual({ added: 66, updated: 0, unchanged: 0 });
    expect(second).toEqual({ added: 0, updated: 0, unchanged: 66 });
    expect(progress.at(-1)).toBe(66);
    expect(index.count()).toBe(66);
  });

  it("indexes a large import on worker threads and finds it again after reopening the files", async () => {
    const dir = tempDir();
    const many = Array.from({ length: 9000 }, (_, i) =>
      paper(`2502.${String(i).padStart(5, "0")}`, {
        title: i === 8500 ? "Quokka behaviour under bright light" : `Study number ${i} of graph learning`,
      }),
    );
    const index = openPaperIndex({ dir });
    expect(await index.ingest(stream(many))).toEqual({ added: 9000, updated: 0, unchanged: 0 });
    expect(ids(index, "quokka")).toEqual(["2502.08500"]);
    index.close();

    const reopened = openPaperIndex({ dir });
    open.push(reopened);
    expect(reopened.count()).toBe(9000);
    expect(ids(reopened, "quokka")).toEqual(["2502.08500"]);
    expect(ids(reopened, "graph learning", 100)).toHaveLength(100);
    const again = await reopened.ingest(stream(many.slice(0, 5000)));
    expect(again).toEqual({ added: 0, updated: 0, unchanged: 5000 });
  });
});

describe("recovery", () => {
  it("indexes, on reopening, papers an interrupted import stored but never indexed", () => {
    const dir = tempDir();
    const index = openPaperIndex({ dir });
    index.upsert([paper("2501.00090", { title: "Axolotl regeneration" })]);
    index.close();
    // What a crash leaves behind: the paper row committed, its shard's transaction lost.
    const db = new Database(join(dir, "papers.db"));
    db.prepare(
      `INSERT INTO papers(id, shard, title, authors, abstract, categories, published)
       VALUES ('2501.00091', 1, 'Axolotl limb patterning', 'Ada Example', 'Limbs.', ' q-bio.TO ', '2025-01-02')`,
    ).run();
    db.close();

    const reopened = openPaperIndex({ dir });
    open.push(reopened);
    expect(ids(reopened, "axolotl").sort()).toEqual(["2501.00090", "2501.00091"]);
  });

  it("looks for unindexed papers through the shard index, so opening a large index reads no other rows", () => {
    const dir = tempDir();
    openPaperIndex({ dir }).close();
    const db = new Database(join(dir, "papers.db"), { readonly: true });
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${MISSING_ROWS_SQL}`).all(0, 0) as { detail: string }[];
    db.close();
    expect(plan.map((step) => step.detail).join("; ")).toMatch(/^SEARCH papers USING INDEX papers_shard/);
  });

  it("refuses to write beside an import in progress, with a storage error", async () => {
    const index = memoryIndex();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* slow() {
      yield paper("2501.00095");
      await gate;
    }
    const importing = index.ingest(slow());
    expect(() => index.upsert([paper("2501.00096")])).toThrow(/import is running/);
    release();
    await importing;
    expect(index.upsert([paper("2501.00096")]).added).toBe(1);
  });
});

describe("search quality on the seed papers", () => {
  const seeds = () => memoryIndex(seedPapers());

  it("puts only papers with a form of 'regulariz' in their title in the top 10 for `regularization`", () => {
    const hits = seeds().search("regularization", { limit: 10 });
    expect(hits).toHaveLength(10);
    for (const hit of hits) expect(hit.paper.title).toMatch(/regulariz/i);
  });

  it("ranks 2501.04697 first for `grokking softmax collapse`", () => {
    expect(ids(seeds(), "grokking softmax collapse")[0]).toBe("2501.04697");
  });

  it("answers a question without needing every word: the program-search optimizer paper comes first", () => {
    expect(ids(seeds(), "which optimizer was found by program search?")[0]).toBe("2302.06675");
  });

  it("returns exactly the paper for an arXiv id, a versioned id or a paper URL", () => {
    const index = seeds();
    for (const ref of [
      "2302.06675",
      "arXiv:2302.06675v2",
      "https://arxiv.org/abs/2302.06675",
      "hf.co/papers/2302.06675",
    ]) {
      expect(ids(index, ref)).toEqual(["2302.06675"]);
    }
    expect(ids(index, "2302.99999")).toEqual([]);
  });
});

describe("matching", () => {
  it("finds every form of a word through stemming", () => {
    const index = memoryIndex([
      paper("2501.00010", { title: "A learned regularizer for inverse problems" }),
      paper("2501.00011", { title: "Regularized flows" }),
      paper("2501.00012", { title: "Regularizing attention heads" }),
      paper("2501.00013", { title: "Unrelated work on compilers" }),
    ]);
    expect(ids(index, "regularization").sort()).toEqual(["2501.00010", "2501.00011", "2501.00012"]);
  });

  it("ranks a title match above an author match above an abstract match", () => {
    const index = memoryIndex([
      paper("2501.00020", { abstract: "We revisit the method of Tarski for this problem in detail." }),
      paper("2501.00021", { authors: ["Jan Tarski", "Ada Example"] }),
      paper("2501.00022", { title: "Tarski semantics for neural programs" }),
    ]);
    expect(ids(index, "tarski")).toEqual(["2501.00022", "2501.00021", "2501.00020"]);
  });

  it("ranks the whole word family above words that only share the stem", () => {
    const index = memoryIndex([
      paper("2501.00030", { title: "Regular expressions for log parsing" }),
      paper("2501.00031", { title: "Regularization for log parsing" }),
    ]);
    expect(ids(index, "regularization")).toEqual(["2501.00031", "2501.00030"]);
  });

  it("does not require every word of a sentence, and ranks papers with more of them first", () => {
    const index = memoryIndex([
      paper("2501.00040", { title: "Sparse attention kernels" }),
      paper("2501.00041", { title: "Sparse attention kernels for long video" }),
      paper("2501.00042", { title: "Long video benchmarks" }),
    ]);
    const found = ids(index, "how do sparse attention kernels handle long video?");
    expect(found[0]).toBe("2501.00041");
    expect(found).toHaveLength(3);
  });

  it("treats quoted phrases as required phrases", () => {
    const index = memoryIndex([
      paper("2501.00050", { title: "Neural fields for robots" }),
      paper("2501.00051", { title: "Fields of neural activity" }),
    ]);
    expect(ids(index, '"neural fields"')).toEqual(["2501.00050"]);
  });
});

describe("filters", () => {
  const index = () =>
    memoryIndex([
      paper("2501.00060", {
        title: "Grasping with suction",
        authors: ["Mei Tanaka"],
        categories: ["cs.RO"],
        publishedAt: "2025-01-10",
      }),
      paper("2504.00061", {
        title: "Grasping by imitation",
        authors: ["Omar Haddad"],
        categories: ["cs.RO", "cs.LG"],
        publishedAt: "2025-04-02",
      }),
      paper("2506.00062", {
        title: "Grasping language",
        authors: ["Mei Tanaka"],
        categories: ["cs.CL"],
        publishedAt: "2025-06-20",
      }),
    ]);

  it("restricts by author, alone or with words", () => {
    expect(ids(index(), "author:tanaka").sort()).toEqual(["2501.00060", "2506.00062"]);
    expect(ids(index(), 'grasping author:"Omar Haddad"')).toEqual(["2504.00061"]);
  });

  it("restricts by category, and by a whole archive", () => {
    expect(ids(index(), "grasping cat:cs.RO").sort()).toEqual(["2501.00060", "2504.00061"]);
    expect(ids(index(), "grasping cat:cs").sort()).toEqual(["2501.00060", "2504.00061", "2506.00062"]);
  });

  it("restricts by publication date: since is inclusive, before exclusive", () => {
    expect(ids(index(), "grasping since:2025-04-02")).toEqual(["2506.00062", "2504.00061"]);
    expect(ids(index(), "grasping before:2025-04-02")).toEqual(["2501.00060"]);
    expect(ids(index(), "since:2025-02 before:2025-05")).toEqual(["2504.00061"]);
  });

  it("ranks only the given ids when asked, returning those that match", () => {
    const found = index().search("grasping", { ids: ["2506.00062", "2501.00060", "2599.99999"] });
    expect(found.map((h) => h.paper.id).sort()).toEqual(["2501.00060", "2506.00062"]);
  });
});

describe("snippets", () => {
  it("returns plain text with highlight ranges on the matched words", () => {
    const abstract = `${"Background sentence that says little. ".repeat(12)}We regularize the flow field strongly. ${"More filler text follows here. ".repeat(12)}`;
    const index = memoryIndex([paper("2501.00070", { title: "Flow fields", abstract })]);
    const [hit] = index.search("regularization flow");
    expect(hit).toBeDefined();
    if (!hit) return;
    expect(hit.snippet.length).toBeLessThanOrEqual(250);
    expect(hit.snippet).toContain("We regularize the flow field");
    const marked = hit.highlights.map(([s, e]) => hit.snippet.slice(s, e).toLowerCase());
    expect(marked).toContain("regularize");
    expect(marked).toContain("flow");
    for (const word of marked) expect(["regular", "flow"]).toContain(stemWord(word));
    expect(hit.titleHighlights.map(([s, e]) => hit.paper.title.slice(s, e))).toEqual(["Flow"]);
  });
});

describe("recent()", () => {
  it("lists papers newest first within dates and categories", () => {
    const index = memoryIndex([
      paper("2501.00080", { publishedAt: "2025-01-05", categories: ["cs.CV"] }),
      paper("2502.00081", { publishedAt: "2025-02-05", categories: ["cs.LG"] }),
      paper("2503.00082", { publishedAt: "2025-03-05", categories: ["cs.CV", "cs.LG"] }),
    ]);
    expect(index.recent({}).map((p) => p.id)).toEqual(["2503.00082", "2502.00081", "2501.00080"]);
    expect(index.recent({ since: "2025-02-01", limit: 1 }).map((p) => p.id)).toEqual(["2503.00082"]);
    expect(index.recent({ before: "2025-03-05", categories: ["cs.CV"] }).map((p) => p.id)).toEqual([
      "2501.00080",
    ]);
    expect(() => index.recent({ since: "yesterday" })).toThrow(/YYYY-MM-DD/);
  });
});
