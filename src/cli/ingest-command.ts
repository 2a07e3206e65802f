// `paperboy ingest`: loads papers from a file or from Hugging Face / arXiv into the index, with progress.
import { SingleBar } from "cli-progress";
import { PaperboyError } from "../errors.ts";
import type { Paper } from "../papers/paper.ts";
import type { PaperIndex, UpsertStats } from "../papers/paper-index.ts";
import type { createArxivClient } from "../papers/sources/arxiv-api.ts";
import { arxivCategoryProblem } from "../papers/sources/arxiv-categories.ts";
import type { createArxivFeedClient } from "../papers/sources/arxiv-feed.ts";
import type { createHfClient } from "../papers/sources/hf.ts";
import { readPaperFile } from "../papers/sources/paper-file.ts";

export interface IngestOptions {
  file?: string;
  source: "hf" | "arxiv";
  /** Days to ingest, `YYYY-MM-DD`; empty means "the latest" (today's HF papers, arXiv's newest announcements). */
  dates: string[];
  categories: string[];
  /** Draw a progress bar (on a terminal). */
  progress: boolean;
}

export interface IngestDeps {
  index: PaperIndex;
  hf: ReturnType<typeof createHfClient>;
  arxiv: ReturnType<typeof createArxivClient>;
  arxivFeed: ReturnType<typeof createArxivFeedClient>;
  /** Where progress lines go (stderr), so --json style output on stdout stays clean. */
  log: (line: string) => void;
}

const ARXIV_PAGE = 2_000;

/** Runs an ingest and returns the closing summary line. */
export async function runIngestCommand(options: IngestOptions, deps: IngestDeps): Promise<string> {
  if (options.file) return ingestFile(options.file, options.progress, deps);
  const totals: UpsertStats = { added: 0, updated: 0, unchanged: 0 };
  const add = (stats: UpsertStats) => {
    totals.added += stats.added;
    totals.updated += stats.updated;
    totals.unchanged += stats.unchanged;
  };
  if (options.source === "hf") {
    for (const date of options.dates.length > 0 ? options.dates : [undefined]) {
      const papers = await deps.hf.allDailyPapers(date ? { date } : {});
      add(deps.index.upsert(papers));
      deps.log(`Hugging Face ${date ?? "latest"}: ${papers.length} papers`);
    }
    return summary("Hugging Face daily papers", totals, 0);
  }
  if (options.categories.length === 0) {
    throw new PaperboyError(
      "bad_input",
      "Say which arXiv categories to ingest: --category cs.LG (repeatable).",
    );
  }
  // Every category is checked against arXiv's list before the first request, so a typo costs nothing.
  const problems = options.categories.map(arxivCategoryProblem).filter((text) => text !== undefined);
  if (problems.length > 0) throw new PaperboyError("bad_input", problems.join(" "));
  for (const category of options.categories) {
    if (options.dates.length === 0) {
      const papers = await deps.arxivFeed.newSubmissions(category);
      add(deps.index.upsert(papers));
      deps.log(`arXiv ${category} new submissions: ${papers.length} papers`);
      continue;
    }
    for (const date of options.dates) {
      const papers = await arxivDay(deps.arxiv, category, date);
      add(deps.index.upsert(papers));
      deps.log(`arXiv ${category} ${date}: ${papers.length} papers`);
    }
  }
  return summary(`arXiv ${options.categories.join(", ")}`, totals, 0);
}

/** Every paper submitted to `category` on `date`, paging 2,000 at a time (the API's maximum). */
async function arxivDay(arxiv: IngestDeps["arxiv"], category: string, date: string): Promise<Paper[]> {
  const day = date.replaceAll("-", "");
  const searchQuery = `cat:${category} AND submittedDate:[${day}0000 TO ${day}2359]`;
  const papers: Paper[] = [];
  for (let start = 0; start < 50 * ARXIV_PAGE; start += ARXIV_PAGE) {
    const page = await arxiv.query({ searchQuery, start, maxResults: ARXIV_PAGE });
    papers.push(...page.papers);
    if (page.papers.length < ARXIV_PAGE || papers.length >= page.totalResults) break;
  }
  return papers;
}

async function ingestFile(path: string, progress: boolean, deps: IngestDeps): Promise<string> {
  const file = readPaperFile(path);
  const bar = progress
    ? new SingleBar({
        format: "ingest |{bar}| {percentage}% | {papers} papers | {rate}/s | ETA {eta}s",
        hideCursor: true,
      })
    : undefined;
  const started = performance.now();
  let barStarted = false;
  const stats = await deps.index.ingest(file, () => {
    if (!bar) return;
    const rate = Math.round(file.stats.papers / ((performance.now() - started) / 1000));
    if (!barStarted) {
      bar.start(file.stats.totalBytes || 1, 0, { papers: 0, rate: 0 });
      barStarted = true;
    }
    bar.update(file.stats.bytesRead, { papers: file.stats.papers.toLocaleString("en-US"), rate });
  });
  if (bar && barStarted) {
    bar.update(file.stats.totalBytes || 1);
    bar.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const rate = Math.round(file.stats.papers / Math.max(seconds, 0.001)).toLocaleString("en-US");
  return `${summary(path, stats, file.stats.skipped)} in ${seconds.toFixed(1)} s (${rate} papers/s)`;
}

function summary(what: string, stats: UpsertStats, skipped: number): string {
  const n = (value: number) => value.toLocaleString("en-US");
  return `Ingested ${what}: ${n(stats.added)} new, ${n(stats.updated)} updated, ${n(stats.unchanged)} unchanged, ${n(skipped)} skipped`;
}
