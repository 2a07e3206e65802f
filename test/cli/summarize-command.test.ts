// `paperboy summarize`: prints the summary and its provenance; a new process reuses the cached summary.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runSummarizeCommand } from "../../src/cli/summarize-command.ts";
import type { Summary } from "../../src/summaries/summary.ts";
import { type OpenAiStandIn, startOpenAiStandIn } from "../support/openai-stand-in.ts";
import { seedPaper } from "../support/seed-papers.ts";

const paper = seedPaper(0);
const lookupPaper = async (id: string) =>
  id === paper.id ? { paper, unreachable: [] } : { unreachable: [] };
const summarizerReturning = (summary: Summary) => ({ summarize: async () => summary });

const LLM_SUMMARY: Summary = {
  tldr: "A short TL;DR.",
  bullets: { problem: "P.", method: "M.", result: "R." },
  origin: "cache",
  label: "AI summary (gpt-4o-mini)",
};

describe("runSummarizeCommand", () => {
  it("prints the TL;DR, the bullets and that it came from the cache", async () => {
    const output = await runSummarizeCommand({
      ref: `https://arxiv.org/abs/${paper.id}v2`,
      deps: { summarizer: summarizerReturning(LLM_SUMMARY), lookupPaper },
    });
    expect(output).toContain(`${paper.id} · ${paper.title}`);
    expect(output).toContain("TL;DR: A short TL;DR.");
    expect(output).toContain("• Method: M.");
    expect(output).toContain("Source: AI summary (gpt-4o-mini), from the cache");
  });

  it("says plainly when the summary is a fallback", async () => {
    const output = await runSummarizeCommand({
      ref: paper.id,
      deps: {
        summarizer: summarizerReturning({
          tldr: "Extracted.",
          origin: "extractive",
          label: "Extract from the abstract",
        }),
        lookupPaper,
      },
    });
    expect(output).toMatch(/Source: Extract from the abstract, fallback: .*no LLM summary available/);
    expect(output).not.toContain("Problem:");
  });

  it("prints JSON with origin and label for --json", async () => {
    const output = await runSummarizeCommand({
      ref: paper.id,
      json: true,
      deps: { summarizer: summarizerReturning({ ...LLM_SUMMARY, origin: "llm" }), lookupPaper },
    });
    expect(JSON.parse(output)).toMatchObject({
      id: paper.id,
      origin: "llm",
      label: "AI summary (gpt-4o-mini)",
    });
  });

  it("strips terminal control characters from paper and model text", async () => {
    const output = await runSummarizeCommand({
      ref: paper.id,
      deps: {
        summarizer: summarizerReturning({ ...LLM_SUMMARY, tldr: "red \u001b[31mtext\u0007" }),
        lookupPaper,
      },
    });
    expect(output).toContain("TL;DR: red [31mtext");
    expect(output).not.toContain("\u001b");
  });

  it("rejects input that names no paper, and an unknown id, with coded errors", async () => {
    const deps = { summarizer: summarizerReturning(LLM_SUMMARY), lookupPaper };
    await expect(runSummarizeCommand({ ref: "regularization", deps })).rejects.toMatchObject({
      code: "bad_paper_ref",
    });
    await expect(runSummarizeCommand({ ref: "2401.00001", deps })).rejects.toMatchObject({
      code: "paper_not_found",
    });
  });

  it("says the sources could not be reached, not that the paper does not exist, when they did not answer", async () => {
    const deps = {
      summarizer: summarizerReturning(LLM_SUMMARY),
      lookupPaper: async () => ({ unreachable: ["hf", "arxiv"] }),
    };
    const error = await runSummarizeCommand({ ref: "2501.00001", deps }).catch((e: Error) => e);
    expect(error).toMatchObject({ code: "source_unreachable" });
    expect((error as Error).message).toContain(
      "2501.00001 is not in the local index, and Hugging Face and arXiv could not be reached",
    );
    expect((error as Error).message).not.toMatch(/no paper/i);
  });
});

describe("paperboy summarize across processes", () => {
  const WORKER = fileURLToPath(new URL("../support/summarize-worker.ts", import.meta.url));
  const PROMPTS = fileURLToPath(new URL("../../prompts", import.meta.url));
  const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
  let standIn: OpenAiStandIn;
  let dir: string;
  beforeEach(async () => {
    standIn = await startOpenAiStandIn();
    dir = mkdtempSync(join(tmpdir(), "paperboy-summarize-"));
  });
  afterEach(async () => {
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const runInNewProcess = async (ref: string) => {
    const args = [
      "--import",
      "tsx",
      WORKER,
      `sqlite://${join(dir, "state.db")}`,
      PROMPTS,
      standIn.baseURL,
      ref,
    ];
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: REPO_ROOT });
    return JSON.parse(stdout) as Summary & { provenance: string };
  };

  it("calls the LLM in the first process and not at all in a restarted one", async () => {
    expect(await runInNewProcess(paper.id)).toMatchObject({ origin: "llm" });
    expect(standIn.calls).toBe(1);
    const second = await runInNewProcess(`arXiv:${paper.id}`);
    expect(second).toMatchObject({ origin: "cache", provenance: expect.stringContaining("from the cache") });
    expect(standIn.calls).toBe(1);
  }, 30_000);
});
