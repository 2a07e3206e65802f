// Bench for summaries: tokens per summary on the 66 seed papers (o200k, as sent) and cache-hit latency on SQLite.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { encode, encodeChat } from "gpt-tokenizer/encoding/o200k_base";
import { silentLogger } from "../src/logger.ts";
import { createStateStore } from "../src/state/state-store.ts";
import { mostCentralSentence, splitSentences } from "../src/summaries/extractive-summary.ts";
import { createOpenAiLlmClient } from "../src/summaries/openai-llm-client.ts";
import { createSummarizer } from "../src/summaries/summarizer.ts";
import { trimWords } from "../src/summaries/summary.ts";
import { type ChatRequestBody, startOpenAiStandIn } from "../test/support/openai-stand-in.ts";
import { seedPapers } from "../test/support/seed-papers.ts";

const PROMPTS = fileURLToPath(new URL("../prompts", import.meta.url));
const MODEL = "gpt-4o-mini";
const CACHE_READ_ROUNDS = 10;
const TARGETS = { overheadTokens: 120, tokensPerPaper: 500, cacheHitP95Ms: 2 };

/**
 * What a model following prompts/summary.md writes: a TL;DR at the 35-word limit and three bullets at the
 * 12-word limit, as indented JSON (what JSON mode usually returns). Built from the abstract so the length
 * is realistic, and on the long side of what a model writes.
 */
function realisticAnswer(request: ChatRequestBody): string {
  const user = request.messages.at(-1)?.content ?? "";
  const abstract = /Abstract: ([\s\S]*)<\/paper>/.exec(user)?.[1]?.trim() ?? "";
  const sentences = splitSentences(abstract);
  const bullet = (sentence: string | undefined) => trimWords(sentence ?? abstract, 12).replace(/…$/, ".");
  const method = sentences.find((s) => /\bwe (propose|introduce|present|develop)/i.test(s)) ?? sentences[1];
  return JSON.stringify(
    {
      tldr: trimWords(mostCentralSentence(abstract) ?? abstract, 35).replace(/…$/, "."),
      problem: bullet(sentences[0]),
      method: bullet(method),
      result: bullet(sentences.at(-1)),
    },
    null,
    2,
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** Runs the bench; returns a Markdown section and the raw figures. */
export async function runSummariesBench(): Promise<{ markdown: string; json: unknown }> {
  const papers = seedPapers();
  const answers: string[] = [];
  const standIn = await startOpenAiStandIn((request) => {
    const answer = realisticAnswer(request);
    answers.push(answer);
    return answer;
  });
  const dir = mkdtempSync(join(tmpdir(), "paperboy-bench-summaries-"));
  const storeUrl = `sqlite://${join(dir, "state.db")}`;
  const logger = silentLogger();
  try {
    const store = await createStateStore({ url: storeUrl });
    const llm = createOpenAiLlmClient({ apiKey: "sk-bench", baseURL: standIn.baseURL, model: MODEL, logger });
    const summarizer = createSummarizer({
      llm,
      store,
      promptsDir: PROMPTS,
      model: MODEL,
      logger,
      timeoutMs: 30_000,
    });
    await Promise.all(papers.map((paper) => summarizer.summarize(paper)));
    await store.close();

    // Token counts on the messages exactly as the SDK sent them, captured by the stand-in.
    const perPaper = standIn.requests.map((request, i) => {
      const user = request.messages.at(-1)?.content ?? "";
      const paper = papers.find((p) => user.includes(p.abstract));
      const prompt = encodeChat(request.messages, "gpt-4o").length;
      const abstract = encode(paper?.abstract ?? "").length;
      const completion = encode(answers[i] ?? "").length;
      return {
        id: paper?.id,
        prompt,
        abstract,
        overhead: prompt - abstract,
        completion,
        total: prompt + completion,
      };
    });

    // Cache hits after a restart: a new store instance and summarizer on the same file.
    const reopened = await createStateStore({ url: storeUrl });
    const warm = createSummarizer({
      llm,
      store: reopened,
      promptsDir: PROMPTS,
      model: MODEL,
      logger,
      timeoutMs: 30_000,
    });
    const [first] = papers;
    if (first) await warm.summarize(first); // loads the prompt file once
    const callsBefore = standIn.calls;
    const latencies: number[] = [];
    for (let round = 0; round < CACHE_READ_ROUNDS; round++) {
      for (const paper of papers) {
        const started = performance.now();
        const summary = await warm.summarize(paper);
        latencies.push(performance.now() - started);
        if (summary.origin !== "cache")
          throw new Error(`expected a cache hit for ${paper.id}, got ${summary.origin}`);
      }
    }
    await reopened.close();
    latencies.sort((a, b) => a - b);

    const figures = {
      papers: papers.length,
      upstreamCalls: callsBefore,
      upstreamCallsOnCacheReads: standIn.calls - callsBefore,
      tokens: {
        abstractMean: round(mean(perPaper.map((p) => p.abstract))),
        promptMean: round(mean(perPaper.map((p) => p.prompt))),
        overheadMean: round(mean(perPaper.map((p) => p.overhead))),
        overheadMax: Math.max(...perPaper.map((p) => p.overhead)),
        completionMean: round(mean(perPaper.map((p) => p.completion))),
        totalMean: round(mean(perPaper.map((p) => p.total))),
        totalMax: Math.max(...perPaper.map((p) => p.total)),
      },
      cacheHitMs: {
        reads: latencies.length,
        p50: round(percentile(latencies, 50), 3),
        p95: round(percentile(latencies, 95), 3),
        p99: round(percentile(latencies, 99), 3),
      },
      targets: TARGETS,
    };
    const pass = {
      overhead: figures.tokens.overheadMax <= TARGETS.overheadTokens,
      tokensPerPaper: figures.tokens.totalMean <= TARGETS.tokensPerPaper,
      cacheHitP95: figures.cacheHitMs.p95 <= TARGETS.cacheHitP95Ms,
    };
    const mark = (ok: boolean) => (ok ? "✅" : "❌");
    const { tokens, cacheHitMs } = figures;
    const markdown = [
      "## Summaries",
      "",
      `${papers.length} seed papers summarised through the real openai SDK against the local stand-in; tokens counted`,
      "with gpt-tokenizer (o200k, chat framing included) on the messages the stand-in received. The completion is",
      "a synthetic answer at the prompt's length limits (35-word TL;DR, three 12-word bullets, indented JSON).",
      "",
      "| figure | value | target |",
      "| --- | --- | --- |",
      `| prompt overhead beyond the abstract (mean / max) | ${tokens.overheadMean} / ${tokens.overheadMax} tokens | ≤ ${TARGETS.overheadTokens} ${mark(pass.overhead)} |`,
      `| abstract (mean) | ${tokens.abstractMean} tokens | |`,
      `| completion (mean) | ${tokens.completionMean} tokens | |`,
      `| prompt + completion per paper (mean / max) | ${tokens.totalMean} / ${tokens.totalMax} tokens | ≤ ${TARGETS.tokensPerPaper} mean ${mark(pass.tokensPerPaper)} |`,
      `| upstream calls: first pass / ${cacheHitMs.reads} cache reads after restart | ${figures.upstreamCalls} / ${figures.upstreamCallsOnCacheReads} | ${papers.length} / 0 |`,
      `| cache-hit latency, SQLite (p50 / p95 / p99) | ${cacheHitMs.p50} / ${cacheHitMs.p95} / ${cacheHitMs.p99} ms | p95 ≤ ${TARGETS.cacheHitP95Ms} ms ${mark(pass.cacheHitP95)} |`,
      "",
    ].join("\n");
    return { markdown, json: { ...figures, pass } };
  } finally {
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node --import tsx bench/summaries-bench.ts` runs this section alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { markdown, json } = await runSummariesBench();
  process.stdout.write(`${markdown}\n${JSON.stringify(json, null, 2)}\n`);
}
