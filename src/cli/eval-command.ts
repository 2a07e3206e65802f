// `paperboy eval relevance`: reads the profiles and the corpus, runs the evaluation, prints a table or the JSON.
import { readFile } from "node:fs/promises";
import type { Paper } from "../papers/paper.ts";
import { readPaperFile } from "../papers/sources/paper-file.ts";
import { UsageError } from "./cli-command.ts";
import { evaluateRelevance, type RelevanceProfile, type RelevanceReport } from "./relevance-eval.ts";

/** A corpus day with fewer papers than this (a weekend's stragglers) is not a digest day. */
export const MIN_DAY_PAPERS = 100;

/** Reads and checks a profiles file: a JSON array of profiles (or `{ "profiles": [...] }`). */
export async function loadProfiles(path: string): Promise<RelevanceProfile[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new UsageError(`Could not read the profiles file ${path}: ${(error as Error).message}`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { profiles?: unknown })?.profiles;
  if (!Array.isArray(list) || list.length === 0)
    throw new UsageError(`${path} must hold a JSON array of profiles (or { "profiles": [...] }).`);
  return list.map((raw, i) => checkProfile(raw, `${path}: profile ${i + 1}`));
}

function checkProfile(raw: unknown, where: string): RelevanceProfile {
  const p = raw as Partial<RelevanceProfile> | null;
  const strings = (value: unknown) => Array.isArray(value) && value.every((v) => typeof v === "string");
  if (!p || typeof p.name !== "string" || !p.name.trim()) throw new UsageError(`${where} needs a "name".`);
  if (!strings(p.topics)) throw new UsageError(`${where} ("${p.name}"): "topics" must be a list of words.`);
  if (!p.interest || !strings(p.interest.categories) || !strings(p.interest.keywords))
    throw new UsageError(
      `${where} ("${p.name}"): "interest" must be { "categories": [..], "keywords": [..] }.`,
    );
  const perDay = p.feedbackPerDay ?? 3;
  if (!Number.isInteger(perDay) || perDay < 0)
    throw new UsageError(`${where} ("${p.name}"): "feedbackPerDay" must be a whole number ≥ 0.`);
  return {
    name: p.name,
    topics: [...(p.topics as string[])],
    interest: { categories: [...p.interest.categories], keywords: [...p.interest.keywords] },
    feedbackPerDay: perDay,
  };
}

/**
 * The last `count` digest days of a corpus file (JSON Lines or array, gzipped or not, one paper per
 * record with its announcement `date`), each day's papers in file order. Two streaming passes: count, then keep.
 */
export async function loadCorpusDays(
  path: string,
  count: number,
): Promise<{ date: string; papers: Paper[] }[]> {
  const perDay = new Map<string, number>();
  for await (const paper of readPaperFile(path)) {
    const date = paper.publishedAt?.slice(0, 10);
    if (date) perDay.set(date, (perDay.get(date) ?? 0) + 1);
  }
  const dates = [...perDay]
    .filter(([, n]) => n >= MIN_DAY_PAPERS)
    .map(([date]) => date)
    .sort()
    .slice(-count);
  if (dates.length < count)
    throw new UsageError(
      `${path} has ${dates.length} days with at least ${MIN_DAY_PAPERS} papers; --days ${count} needs ${count}.`,
    );
  const days = new Map(dates.map((date) => [date, [] as Paper[]]));
  for await (const paper of readPaperFile(path)) days.get(paper.publishedAt?.slice(0, 10) ?? "")?.push(paper);
  return dates.map((date) => ({ date, papers: days.get(date) ?? [] }));
}

export async function runRelevanceEval(options: {
  profiles: string;
  corpus: string;
  days: number;
  json: boolean;
}): Promise<string> {
  const profiles = await loadProfiles(options.profiles);
  const days = await loadCorpusDays(options.corpus, options.days);
  const report = evaluateRelevance(profiles, days);
  if (options.json) return JSON.stringify(report, null, 2);
  return formatReport(
    report,
    days.map((day) => day.date),
  );
}

/** The table: per profile one line per ranker with each day's precision@8, then the means. */
export function formatReport(report: RelevanceReport, dates: readonly string[]): string {
  const pct = (value: number) => value.toFixed(2);
  const lines = [
    `precision@8 of the digest over ${dates.length} days (${dates[0]} … ${dates.at(-1)}); newest first · topics only · learning`,
    "",
  ];
  for (const profile of report.profiles) {
    lines.push(profile.name);
    for (const ranker of ["newest", "topics", "learned"] as const) {
      const days = profile.days.map((day) => pct(day[ranker])).join(" ");
      const mean = profile.days.reduce((sum, day) => sum + day[ranker], 0) / (profile.days.length || 1);
      lines.push(`  ${ranker.padEnd(8)} mean ${pct(mean)}  days ${days}`);
    }
  }
  const { newest, topics, learned } = report.mean;
  lines.push(
    "",
    `mean over all profiles and days: newest ${pct(newest)} · topics ${pct(topics)} · learned ${pct(learned)}`,
  );
  return lines.join("\n");
}
