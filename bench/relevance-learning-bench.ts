// Bench: the learning ranker against newest-first and topics-only on real corpus days, shipped and held-out profiles.
import { fileURLToPath } from "node:url";
import { loadCorpusDays, loadProfiles } from "../src/cli/eval-command.ts";
import { evaluateRelevance, meanOf, type PrecisionTriple } from "../src/cli/relevance-eval.ts";
import { findCorpus } from "./bench-corpus.ts";
import { rankWithRocchio } from "./learned-rocchio.ts";

const DAYS = 20;
/** The target is measured once the channel had ten days to teach: days 11–20. */
const FROM_DAY = 10;
const SETS = [
  { label: "shipped", file: "relevance-profiles.json" },
  { label: "held out", file: "relevance-profiles-holdout.json" },
];

export async function runRelevanceLearningBench(): Promise<{ markdown: string; json: unknown }> {
  const corpus = findCorpus();
  if (!corpus) return { markdown: "## Relevance learning\n\nNo corpus found; skipped.", json: {} };
  const days = await loadCorpusDays(corpus, DAYS);
  const rows: string[] = [];
  const json: Record<string, unknown> = {};
  for (const set of SETS) {
    const profiles = await loadProfiles(fileURLToPath(new URL(set.file, import.meta.url)));
    const report = evaluateRelevance(profiles, days);
    const rocchio = evaluateRelevance(profiles, days, rankWithRocchio);
    const late = (list: readonly PrecisionTriple[]) => meanOf(list.slice(FROM_DAY));
    report.profiles.forEach((profile, i) => {
      const alternative = late(rocchio.profiles[i]?.days ?? []).learned;
      rows.push(row(`${set.label}: ${profile.name}`, late(profile.days), alternative));
    });
    const mean = late(report.profiles.flatMap((profile) => profile.days.slice(FROM_DAY)));
    const rocchioMean = late(rocchio.profiles.flatMap((profile) => profile.days.slice(FROM_DAY)));
    rows.push(row(`**${set.label}: mean**`, mean, rocchioMean.learned));
    json[set.file] = { daysFrom11: mean, rocchioDaysFrom11: rocchioMean.learned, all: report.mean };
  }
  const markdown = [
    `## Relevance learning (precision@8, days 11–20 of ${days[0]?.date} … ${days.at(-1)?.date})`,
    "",
    "| profile | newest | topics only | learned (logistic, shipped) | learned ÷ topics | Rocchio (measured, not shipped) |",
    "|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
  return { markdown, json };
}

function row(label: string, mean: PrecisionTriple, rocchio: number): string {
  const ratio = mean.topics > 0 ? `${(mean.learned / mean.topics).toFixed(2)}×` : "—";
  return `| ${label} | ${mean.newest.toFixed(3)} | ${mean.topics.toFixed(3)} | ${mean.learned.toFixed(3)} | ${ratio} | ${rocchio.toFixed(3)} |`;
}
