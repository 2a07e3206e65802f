// Start-up that fills the playground: papers (today's from Hugging Face, else the bundled sample) and a first digest.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ChannelConfig } from "../config/channel-config.ts";
import { nextDigest } from "../digest/digest-due.ts";
import { type DigestRun, runDigest } from "../digest/run-digest.ts";
import { localParts } from "../digest/zoned-time.ts";
import type { Paper } from "../papers/paper.ts";
import { readPaperFile } from "../papers/sources/paper-file.ts";
import { describeSchedule } from "../slack/digest/describe-settings.ts";
import type { DigestFeature } from "../slack/digest/digest-feature.ts";
import type { PlaygroundDigests } from "./page-api.ts";

/** The bundled sample: the newest 3,000 papers of the shared arXiv corpus and the 66 seed papers (see its README). */
export const SAMPLE_PAPERS = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "fixtures",
  "sample",
  "playground-papers.jsonl.gz",
);
/** Fewer papers than this in the index after trying Hugging Face: the sample is ingested too, so search has data. */
const ENOUGH_PAPERS = 500;
const HF_START_TIMEOUT_MS = 5_000;

/** #papers gets a daily digest in the playground when the config file names no channel. */
export function playgroundDigestChannels(papersChannel: string): ChannelConfig[] {
  return [
    {
      channel: papersChannel,
      time: "09:00",
      timezone: "UTC",
      days: "daily",
      topics: [],
      exclude: [],
      maxPapers: 8,
      sources: ["hf"],
      fill: "popular",
      follow: [],
      repeats: "never",
      emptyDay: "note",
      enabled: true,
    },
  ];
}

export interface FillDeps {
  index: {
    count(): number;
    upsert(papers: Paper[]): unknown;
    ingest(papers: AsyncIterable<Paper>): Promise<unknown>;
  };
  hf: { allDailyPapers(query: { date: string; maxPages?: number; timeoutMs?: number }): Promise<Paper[]> };
  digest: DigestFeature;
  /** A channel's name for progress lines (`papers`); its id when absent. */
  channelName?: (id: string) => string | undefined;
  /** Where progress lines go (stdout for `npm start`). */
  say: (line: string) => void;
  now?: () => Date;
}

/** Ingests papers, posts the first digest of every digest channel at once, then starts the schedule. */
export async function fillPlayground(deps: FillDeps): Promise<DigestRun[]> {
  const now = deps.now ?? (() => new Date());
  const today = now().toISOString().slice(0, 10);
  try {
    const papers = await deps.hf.allDailyPapers({ date: today, maxPages: 2, timeoutMs: HF_START_TIMEOUT_MS });
    deps.index.upsert(papers);
    deps.say(`Papers: ${papers.length} from Hugging Face's daily papers for ${today}.`);
  } catch (error) {
    // Source errors carry a one-line detail ("Hugging Face could not be reached (GET …): ENOTFOUND.").
    const detail = (error as { detail?: unknown }).detail;
    deps.say(
      `Papers: ${typeof detail === "string" ? detail : `Hugging Face failed: ${(error as Error).message}`}`,
    );
  }
  if (deps.index.count() < ENOUGH_PAPERS) {
    const file = readPaperFile(SAMPLE_PAPERS, { source: "file" });
    await deps.index.ingest(file);
    deps.say(
      `Papers: ingested the bundled sample, ${file.stats.papers} papers (the newest 3,000 of the arXiv corpus, 2026-06-16 to 2026-07-01, and the 66 seed papers; fixtures/sample/).`,
    );
  }
  const runs: DigestRun[] = [];
  for (const config of await deps.digest.settings.list()) {
    const run = await runDigest({ deps: deps.digest.deps, channel: config, now: now() });
    const name = deps.channelName?.(config.channel) ?? config.channel;
    deps.say(`Digest for #${name}: ${run.status.replace("_", " ")} (${run.paperIds.length} papers).`);
    runs.push(run);
  }
  await deps.digest.scheduler.start();
  return runs;
}

/** The page's digest controls: each channel's schedule, and "run the next scheduled digest now". */
export function playgroundDigests(digest: () => DigestFeature | undefined): PlaygroundDigests {
  // Each click runs the digest after the previous one, so repeated clicks walk forward day by day.
  let after: Date | undefined;
  return {
    async schedules() {
      const feature = digest();
      const lines: Record<string, string> = {};
      for (const config of (await feature?.settings.list()) ?? []) {
        lines[config.channel] = describeSchedule(config, new Date()).replace(/\*/g, "");
      }
      return lines;
    },
    async runNext() {
      const feature = digest();
      if (!feature) return "The bot is still starting.";
      const configs = await feature.settings.list();
      // The soonest scheduled digest not yet posted (today's may already be out): a week ahead at most.
      for (let tries = 0; tries < 8; tries++) {
        const from = after ?? new Date();
        const next = configs
          .map((config) => ({ config, due: nextDigest(config, from) }))
          .filter((entry) => entry.due !== undefined)
          .sort((a, b) => (a.due?.scheduledAt.getTime() ?? 0) - (b.due?.scheduledAt.getTime() ?? 0))[0];
        if (!next?.due) return "No channel has a digest scheduled.";
        after = next.due.scheduledAt;
        const run = await runDigest({
          deps: feature.deps,
          channel: next.config,
          now: new Date(),
          date: localParts(next.due.scheduledAt, next.config.timezone).date,
        });
        if (run.status === "already_posted") continue;
        return `The digest of ${next.due.date} for <#${next.config.channel}>: ${run.status.replace("_", " ")}, ${run.paperIds.length} papers.`;
      }
      return "The next week's digests are all posted already.";
    },
  };
}
