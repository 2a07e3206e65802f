// A fresh data directory whose index holds the 66 bundled sample papers, for a bot process to start on.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openPaperIndex } from "../../../src/papers/paper-index.ts";
import { readPaperFile } from "../../../src/papers/sources/paper-file.ts";

const SAMPLE = fileURLToPath(new URL("../../../fixtures/sample/seed-papers.json", import.meta.url));

/** The directory, and the ids of papers in it (for button clicks). */
export async function seededDataDir(): Promise<{ dir: string; paperIds: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), "paperboy-reliability-"));
  const index = openPaperIndex({ dir });
  await index.ingest(readPaperFile(SAMPLE));
  const paperIds = index.search("learning", { limit: 50 }).map((hit) => hit.paper.id);
  index.close();
  return { dir, paperIds };
}
