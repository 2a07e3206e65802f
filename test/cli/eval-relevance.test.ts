// `paperboy eval relevance`: simulated channels over a corpus file a user passes; the --json shape is a contract.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "paperboy-eval-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Three announcement days of 120 papers (and a weekend crumb of 5, which is no digest day): a quarter are
// video-generation papers in cs.CV, the rest diffusion papers on other subjects or unrelated.
const SUBJECTS = [
  { title: "Video generation with diffusion transformers", categories: ["cs.CV"] },
  { title: "Diffusion models for protein design", categories: ["q-bio.BM"] },
  { title: "Diffusion language models decode in parallel", categories: ["cs.CL"] },
  { title: "Graph neural networks for traffic", categories: ["cs.LG"] },
];
const lines: string[] = [];
const days = ["2026-06-01", "2026-06-02", "2026-06-03"];
days.forEach((date, d) => {
  for (let i = 0; i < 120; i++) {
    const subject = SUBJECTS[i % SUBJECTS.length] as (typeof SUBJECTS)[number];
    lines.push(
      JSON.stringify({
        id: `2606.${String(d * 1000 + i).padStart(5, "0")}`,
        title: `${subject.title} ${i}`,
        authors: ["Ada Lovelace"],
        categories: subject.categories,
        abstract: `${subject.title}. We study this carefully in setting ${i}.`,
        date,
      }),
    );
  }
});
for (let i = 0; i < 5; i++)
  lines.push(
    JSON.stringify({
      id: `2606.0900${i}`,
      title: "Weekend",
      authors: [],
      categories: ["cs.CV"],
      abstract: "x",
      date: "2026-06-06",
    }),
  );
const corpus = join(dir, "corpus.jsonl");
writeFileSync(corpus, `${lines.join("\n")}\n`);
const profiles = join(dir, "profiles.json");
writeFileSync(
  profiles,
  JSON.stringify([
    {
      name: "video",
      topics: ["diffusion"],
      interest: { categories: ["cs.CV"], keywords: ["video generation"] },
      feedbackPerDay: 3,
    },
    {
      name: "graphs",
      topics: ["networks"],
      interest: { categories: ["cs.LG"], keywords: ["graph"] },
      feedbackPerDay: 0,
    },
  ]),
);

async function paperboy(...args: string[]) {
  try {
    const { stdout, stderr } = await run("node", ["bin/paperboy.js", ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** `paperboy eval relevance` over this file's profiles and corpus, with `args` after them. */
const evalRelevance = (...args: string[]) =>
  paperboy("eval", "relevance", "--profiles", profiles, "--corpus", corpus, ...args);

describe("paperboy eval relevance", () => {
  it("--json prints per profile and day the precision@8 of newest, topics and learned, and their mean", async () => {
    const { code, stdout } = await evalRelevance("--days", "3", "--json");
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report).sort()).toEqual(["mean", "profiles"]);
    expect(report.profiles.map((p: { name: string }) => p.name)).toEqual(["video", "graphs"]);
    for (const profile of report.profiles) {
      expect(Object.keys(profile).sort()).toEqual(["days", "name"]);
      expect(profile.days).toHaveLength(3);
      for (const day of profile.days) {
        expect(Object.keys(day).sort()).toEqual(["learned", "newest", "topics"]);
        for (const value of Object.values(day)) expect(value).toBeGreaterThanOrEqual(0);
      }
    }
    expect(Object.keys(report.mean).sort()).toEqual(["learned", "newest", "topics"]);
    // Topics alone cannot tell video from other diffusion papers (a third each); the video channel's
    // *More like this* teaches it by the second day.
    const video = report.profiles[0].days;
    expect(video[0].learned).toBe(video[0].topics);
    expect(video[2].learned).toBe(1);
    expect(video[2].topics).toBeLessThan(0.5);
  });

  it("prints a table by default, and refuses bad arguments with what to type", async () => {
    const table = await evalRelevance("--days", "2");
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("2026-06-02 … 2026-06-03");
    expect(table.stdout).toMatch(/video\n\s+newest\s+mean/);
    expect(table.stdout).toContain("mean over all profiles and days");

    const tooMany = await evalRelevance("--days", "4");
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toContain("3 days with at least 100 papers");

    writeFileSync(join(dir, "bad.json"), JSON.stringify([{ name: "x", topics: ["a"] }]));
    const bad = await paperboy("eval", "relevance", "--profiles", join(dir, "bad.json"), "--corpus", corpus);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"interest" must be');

    const noCorpus = await paperboy("eval", "relevance", "--profiles", profiles);
    expect(noCorpus.stderr).toContain("--corpus");
  });
});
