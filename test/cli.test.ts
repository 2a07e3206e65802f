import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannelSettings } from "../src/digest/channel-settings.ts";
import { createStateStore } from "../src/state/state-store.ts";

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), "paperboy-cli-"));
// Sources on a closed port: the CLI must answer from the index and say the sources were unreachable.
const env = {
  ...process.env,
  PAPERBOY_DATA_DIR: dataDir,
  HF_API_URL: "http://127.0.0.1:9",
  ARXIV_API_URL: "http://127.0.0.1:9/api/query",
  ARXIV_RSS_URL: "http://127.0.0.1:9/rss",
  PAPERBOY_STORE_URL: "",
  SLACK_BOT_TOKEN: "",
  OPENAI_API_KEY: "",
  OPENAI_BASE_URL: "",
};

async function paperboy(...args: string[]) {
  return paperboyWith({}, ...args);
}

/** Runs the command with some environment variables changed. */
async function paperboyWith(changed: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run("node", ["bin/paperboy.js", ...args], {
      env: { ...env, ...changed },
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("the paperboy command", () => {
  beforeAll(async () => {
    const ingest = await paperboy("ingest", "--file", "fixtures/sample/seed-papers.json");
    expect(ingest.stdout).toMatch(/66 new, 0 updated, 0 unchanged, 0 skipped/);
  }, 60_000);

  it("re-ingesting the same file adds nothing", async () => {
    const again = await paperboy("ingest", "--file", "fixtures/sample/seed-papers.json");
    expect(again.stdout).toMatch(/0 new, 0 updated, 66 unchanged/);
  });

  it("prints search results as JSON, best first, each with a form of regulariz in the title", async () => {
    const { stdout, code } = await paperboy("search", "regularization", "--json");
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as Array<{ id: string; title: string; score: number }>;
    expect(rows).toHaveLength(10);
    for (const row of rows) expect(row.title).toMatch(/regulariz/i);
    const scores = rows.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("ranks the grokking paper first for a loose query", async () => {
    const { stdout } = await paperboy("search", "grokking softmax collapse", "--json", "--limit", "3");
    expect(JSON.parse(stdout)[0].id).toBe("2501.04697");
  });

  it("returns exactly the paper for an arXiv id", async () => {
    const { stdout } = await paperboy("search", "2302.06675", "--json");
    expect(JSON.parse(stdout).map((r: { id: string }) => r.id)).toEqual(["2302.06675"]);
  });

  it("prints a readable table and says which sources were unreachable", async () => {
    const { stdout } = await paperboy("search", "regularization", "--limit", "3");
    expect(stdout).toMatch(/^ 1\. \d{4}\.\d{5}/m);
    expect(stdout).toContain("not reachable");
  });

  it("summarizes a paper with a labelled fallback when no LLM is configured", async () => {
    const { stdout, code } = await paperboy("summarize", "2501.04697", "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ id: "2501.04697", origin: "extractive" });
  });

  it("explains bad arguments and exits non-zero", async () => {
    const bad = await paperboy("search", "x", "--limit", "many");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--limit must be a number");
    const unknown = await paperboy("frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown command");
    const missing = await paperboy("ingest", "--file", "does-not-exist.jsonl");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("does-not-exist.jsonl");
  });

  it("doctor reports storage and unreachable sources with what to fix", async () => {
    const { stdout, code } = await paperboy("doctor");
    expect(code).toBe(1);
    expect(stdout).toMatch(/✔ papers index\s+66 papers/);
    expect(stdout).toMatch(/✔ state store/);
    expect(stdout).toMatch(/✖ Hugging Face[\s\S]*→ Check HF_API_URL/);
  });
});

const storeDirs: string[] = [];
afterAll(() => {
  for (const dir of storeDirs) rmSync(dir, { recursive: true, force: true });
});

/** A state store (its own SQLite file) where `/papers schedule` was typed in these teams' channels. */
async function storeEditedBy(edits: Array<{ team: string; channel: string }>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "paperboy-cli-teams-"));
  storeDirs.push(dir);
  const url = `sqlite://${join(dir, "state.db")}`;
  const store = await createStateStore({ url });
  for (const { team, channel } of edits) {
    await createChannelSettings({ store, fileChannels: [], team }).update(channel, {
      enabled: true,
      time: "09:00",
    });
  }
  await store.close();
  return url;
}

/** The channels a `digest --dry-run --json` run composed for. */
const channelsIn = (stdout: string) =>
  (JSON.parse(stdout) as Array<{ channel: string; status: string }>).map(
    (row) => `${row.channel} ${row.status}`,
  );

describe("paperboy digest without SLACK_BOT_TOKEN", () => {
  it("uses the one workspace whose settings were edited in Slack, and says so", async () => {
    const url = await storeEditedBy([{ team: "T0ONE", channel: "C0SLACK" }]);
    const { code, stdout, stderr } = await paperboyWith(
      { PAPERBOY_STORE_URL: url },
      "digest",
      "--dry-run",
      "--json",
    );
    expect(code).toBe(0);
    expect(channelsIn(stdout)).toEqual(["C0SLACK dry_run"]);
    expect(stderr).toContain(
      "Using team T0ONE, the only workspace whose digest settings were edited in Slack",
    );
  });

  it("asks for --team when several workspaces edited settings, listing them, and uses the one given", async () => {
    const url = await storeEditedBy([
      { team: "T0ONE", channel: "C0SLACK" },
      { team: "T0TWO", channel: "C0OTHER" },
    ]);
    const unsure = await paperboyWith({ PAPERBOY_STORE_URL: url }, "digest", "--dry-run", "--json");
    expect(unsure.code).toBe(1);
    expect(unsure.stdout).toBe("");
    expect(unsure.stderr).toContain("for 2 workspaces (T0ONE, T0TWO)");
    expect(unsure.stderr).toContain("--team");

    const two = await paperboyWith(
      { PAPERBOY_STORE_URL: url },
      "digest",
      "--dry-run",
      "--json",
      "--team",
      "T0TWO",
    );
    expect(two.code).toBe(0);
    expect(channelsIn(two.stdout)).toEqual(["C0OTHER dry_run"]);
    expect(two.stderr).toBe("");
  });

  it("refuses a --team that is not a Slack team id, saying what one looks like", async () => {
    for (const bad of ["t0one", "T", "C0SLACK"]) {
      const { code, stdout, stderr } = await paperboy("digest", "--dry-run", "--team", bad);
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toContain(
        `--team must be a Slack team id: T and then capital letters or digits, like T0123ABCD, not "${bad}".`,
      );
    }
  });

  it("documents --team in the usage text", async () => {
    const { stdout } = await paperboy("help");
    expect(stdout).toMatch(/digest \[--channel ID\].*\[--team T0123ABCD\]/);
    expect(stdout).toContain("--team picks the workspace whose Slack-edited settings are used");
  });
});
