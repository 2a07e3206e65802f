// `paperboy ingest --source arxiv --category …`: a misspelt category is refused before any request, with the fix.
import { describe, expect, it } from "vitest";
import { type IngestDeps, runIngestCommand } from "../../src/cli/ingest-command.ts";
import { openPaperIndex } from "../../src/papers/paper-index.ts";

/** Deps whose sources record every call, so a test can show that nothing was asked. */
function recordingDeps(): IngestDeps & { asked: string[] } {
  const asked: string[] = [];
  const record = (what: string) => async () => {
    asked.push(what);
    return [];
  };
  return {
    asked,
    index: openPaperIndex({ path: ":memory:" }),
    hf: {} as IngestDeps["hf"],
    arxiv: { query: record("api") } as unknown as IngestDeps["arxiv"],
    arxivFeed: { newSubmissions: record("feed") },
    log: () => {},
  };
}

describe("ingest --source arxiv", () => {
  it.each([[[]], [["2026-11-27"]]])(
    "refuses a misspelt category up front and suggests the closest (dates %j)",
    async (dates) => {
      const deps = recordingDeps();
      const run = runIngestCommand(
        { source: "arxiv", dates, categories: ["cs.LG", "astroph"], progress: false },
        deps,
      );
      await expect(run).rejects.toMatchObject({ code: "bad_input" });
      await expect(run).rejects.toThrow(
        '"astroph" is not an arXiv category. Did you mean astro-ph (Astrophysics)?',
      );
      expect(deps.asked).toEqual([]); // not even cs.LG, which came first
      deps.index.close();
    },
  );

  it("asks the feed for valid categories", async () => {
    const deps = recordingDeps();
    const output = await runIngestCommand(
      { source: "arxiv", dates: [], categories: ["astro-ph", "cs.LG"], progress: false },
      deps,
    );
    expect(deps.asked).toEqual(["feed", "feed"]);
    expect(output).toContain("arXiv astro-ph, cs.LG");
    deps.index.close();
  });
});
