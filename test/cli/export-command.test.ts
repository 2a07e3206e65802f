// `paperboy export`: a channel's discussed papers or a reading list as a citation file, on stdout or in --out.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "@retorquere/bibtex-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runExportCommand } from "../../src/cli/export-command.ts";
import { createDiscussions } from "../../src/discussion/discussions.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Paper } from "../../src/papers/paper.ts";
import { createReadingList } from "../../src/reading-list/reading-list.ts";
import { createStateStore, type StateStore } from "../../src/state/state-store.ts";
import { fakeSummarizer, noFullText } from "../discussion/discussion-fixtures.ts";
import { seedPaper } from "../support/seed-papers.ts";

const run = promisify(execFile);
const PAPERS: Paper[] = [
  seedPaper(0),
  seedPaper(1),
  { ...seedPaper(2), title: "Ærø & {Braces}: 100% $x_1$ Öl" },
];

/** Records a discussion of each paper in T0PAPERS/C0PAPERS, as the bot would. */
async function discussAll(store: StateStore) {
  const discussions = createDiscussions({
    store,
    summarizer: fakeSummarizer(),
    fullText: noFullText,
    logger: silentLogger(),
  });
  for (const [index, paper] of PAPERS.entries()) {
    const started = await discussions.startDiscussion({ team: "T0PAPERS", channel: "C0PAPERS", paper });
    if (!("start" in started)) throw new Error("expected a new thread");
    await started.commit(`17000000${index}0.000100`);
  }
  return discussions;
}

describe("runExportCommand", () => {
  it("prints the channel's discussed papers as BibTeX that parses back to them, or writes --out", async () => {
    const store = await createStateStore({ url: "memory://" });
    const discussions = await discussAll(store);
    const sources = { readingList: createReadingList({ store }), discussions, lookup: async () => undefined };
    const scope = { kind: "channel" as const, team: "T0PAPERS", channel: "C0PAPERS" };
    const printed = await runExportCommand({ scope, format: "bibtex" }, sources);
    expect(printed.exitCode).toBe(0);
    const entries = parse(printed.output, { sentenceCase: false }).entries;
    expect(entries.map((e) => [e.fields.eprint, e.fields.title?.normalize("NFC")])).toEqual(
      [...PAPERS].reverse().map((p) => [p.id, p.title]),
    );

    const dir = mkdtempSync(join(tmpdir(), "paperboy-export-"));
    try {
      const out = join(dir, "papers.json");
      const written = await runExportCommand({ scope, format: "csl-json", out }, sources);
      expect(written.output).toBe(
        `Wrote 3 paper(s) from the papers discussed in C0PAPERS (team T0PAPERS) to ${out}.`,
      );
      expect((JSON.parse(readFileSync(out, "utf8")) as unknown[]).length).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails with a message for an empty reading list, and names saved papers it could not find", async () => {
    const store = await createStateStore({ url: "memory://" });
    const readingList = createReadingList({ store });
    const discussions = await discussAll(store);
    const lookup = async (id: string) => PAPERS.find((p) => p.id === id);
    const empty = await runExportCommand(
      { scope: { kind: "user", user: "U1" }, format: "bibtex" },
      { readingList, discussions, lookup },
    );
    expect(empty).toEqual({ output: "Nothing to export: U1's reading list is empty.", exitCode: 1 });
    await readingList.save("U2", "2501.99999");
    await readingList.save("U2", PAPERS[0]?.id ?? "");
    const dir = mkdtempSync(join(tmpdir(), "paperboy-export-"));
    try {
      const out = join(dir, "list.bib");
      const some = await runExportCommand(
        { scope: { kind: "user", user: "U2" }, format: "bibtex", out },
        { readingList, discussions, lookup },
      );
      expect(some.output).toContain("Wrote 1 paper(s) from U2's reading list");
      expect(some.output).toContain(
        "1 saved paper(s) left out, not found in the index or the sources: 2501.99999",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the paperboy export command", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "paperboy-cli-export-"));
  const env = {
    ...process.env,
    PAPERBOY_DATA_DIR: dataDir,
    HF_API_URL: "http://127.0.0.1:9",
    ARXIV_API_URL: "http://127.0.0.1:9/api/query",
    PAPERBOY_STORE_URL: "",
    SLACK_BOT_TOKEN: "",
    OPENAI_API_KEY: "",
  };
  const paperboy = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run("node", ["bin/paperboy.js", "export", ...args], {
        env,
        timeout: 30_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  beforeAll(async () => {
    // The bot's state file, as it leaves it after three discussions in #papers.
    const store = await createStateStore({ dataDir });
    await discussAll(store);
    await store.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("prints the channel's papers as BibTeX from the bot's state", { timeout: 60_000 }, async () => {
    const { code, stdout } = await paperboy(
      "--format",
      "bibtex",
      "--channel",
      "C0PAPERS",
      "--team",
      "T0PAPERS",
    );
    expect(code).toBe(0);
    const entries = parse(stdout, { sentenceCase: false }).entries;
    expect(entries.map((entry) => entry.fields.eprint)).toEqual([...PAPERS].reverse().map((p) => p.id));
  });

  it("refuses unknown formats and a missing --channel/--user with a clear message", {
    timeout: 60_000,
  }, async () => {
    const format = await paperboy("--format", "pdf", "--channel", "C0PAPERS", "--team", "T0PAPERS");
    expect(format.code).toBe(1);
    expect(format.stderr).toContain('--format must be one of bibtex, ris, csl-json, not "pdf"');
    const whose = await paperboy("--format", "ris");
    expect(whose.stderr).toContain("Say whose papers: --channel C0123ABCD");
  });
});
