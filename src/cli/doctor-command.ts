// `paperboy doctor`: checks configuration, storage, Slack, the LLM and the paper sources, and says what to fix.
import { WebClient } from "@slack/web-api";
import type { Services } from "../services.ts";

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  /** What to do about a failed check. */
  fix?: string;
}

const TIMEOUT_MS = 5_000;

async function check(name: string, fix: string, run: () => Promise<string>): Promise<Check> {
  try {
    return { name, ok: true, detail: await run() };
  } catch (error) {
    return { name, ok: false, detail: (error as Error).message.split("\n")[0] ?? "failed", fix };
  }
}

/** Runs every check; never throws. */
export async function runDoctorChecks(services: Services): Promise<Check[]> {
  const { config } = services;
  const checks: Promise<Check>[] = [
    check("papers index", `Check that ${config.dataDir} is writable (PAPERBOY_DATA_DIR).`, async () => {
      const count = services.index.count();
      return `${count.toLocaleString("en-US")} papers in ${config.dataDir}${count === 0 ? " — run `npx paperboy ingest`" : ""}`;
    }),
    check(
      "state store",
      "Check PAPERBOY_STORE_URL (is Redis running?) or the data directory's permissions.",
      async () => {
        const key = `doctor:${process.pid}:${Date.now()}`;
        await services.store.set(key, "ok", 60_000);
        const read = await services.store.get<string>(key);
        await services.store.delete(key);
        if (read !== "ok") throw new Error("a value written could not be read back");
        return `${services.store.backend} store reads and writes`;
      },
    ),
    check("Hugging Face", `Check HF_API_URL (${config.sources.hfApiUrl}) and the network.`, async () => {
      const papers = await services.hf.dailyPapers({ limit: 1, timeoutMs: TIMEOUT_MS });
      return `reachable at ${config.sources.hfApiUrl} (${papers.length > 0 ? "papers today" : "no papers today"})`;
    }),
    check("arXiv", `Check ARXIV_API_URL (${config.sources.arxivApiUrl}) and the network.`, async () => {
      await services.arxiv.byId("2302.06675", { timeoutMs: TIMEOUT_MS });
      return `reachable at ${config.sources.arxivApiUrl}`;
    }),
  ];
  if (config.slack.botToken) {
    const token = config.slack.botToken;
    checks.push(
      check("Slack", "Check SLACK_BOT_TOKEN (OAuth & Permissions) and SLACK_API_URL.", async () => {
        const client = new WebClient(token, {
          slackApiUrl: config.slack.apiUrl,
          retryConfig: { retries: 0 },
          timeout: TIMEOUT_MS,
        });
        const auth = await client.auth.test();
        return `connected to ${auth.team ?? auth.team_id} as ${auth.user ?? auth.user_id} (${config.mode} mode)`;
      }),
    );
  } else {
    checks.push(
      Promise.resolve({
        name: "Slack",
        ok: true,
        detail: "no SLACK_BOT_TOKEN: `npm start` runs the local playground",
      }),
    );
  }
  const llm = services.llm;
  if (llm) {
    checks.push(
      check("LLM", "Check OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL.", async () => {
        await llm.complete([{ role: "user", content: "Reply with the word OK." }], {
          signal: AbortSignal.timeout(TIMEOUT_MS * 3),
        });
        return `${config.llm.model} answers${config.llm.baseUrl ? ` at ${config.llm.baseUrl}` : ""}`;
      }),
    );
  } else {
    checks.push(
      Promise.resolve({
        name: "LLM",
        ok: true,
        detail:
          "none configured: summaries use Hugging Face's AI summary or an extract (set OPENAI_API_KEY or OPENAI_BASE_URL)",
      }),
    );
  }
  return Promise.all(checks);
}

export function formatChecks(checks: Check[]): string {
  return checks
    .map(
      (c) => `${c.ok ? "✔" : "✖"} ${c.name.padEnd(13)} ${c.detail}${c.ok || !c.fix ? "" : `\n  → ${c.fix}`}`,
    )
    .join("\n");
}
