// The journal club in the local playground: typed and clicked through the page's API, as a person at the page does.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.ts";
import { silentLogger } from "../../src/logger.ts";
import { type RunningBot, startBot } from "../../src/main.ts";
import { readPaperFile } from "../../src/papers/sources/paper-file.ts";
import { buttonsIn, visibleText } from "../support/e2e-helpers.ts";

const CLOSED = "http://127.0.0.1:9";

describe("the journal club in the playground", () => {
  let bot: RunningBot;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "paperboy-jc-page-"));
    const config = loadConfig(
      {
        PORT: "0",
        PLAYGROUND_PORT: "0",
        PAPERBOY_DATA_DIR: dataDir,
        PAPERBOY_STORE_URL: `memory://jc-page-${process.pid}`,
        HF_API_URL: CLOSED,
        ARXIV_API_URL: `${CLOSED}/api/query`,
        ARXIV_RSS_URL: `${CLOSED}/rss`,
        ARXIV_HTML_URL: `${CLOSED}/html`,
        PAPERBOY_REMOTE_TIMEOUT_MS: "50",
        PAPERBOY_SEARCH_THREADS: "0",
      },
      dataDir,
    );
    bot = await startBot(config, silentLogger(), { slackRetries: 0 });
    await bot.services.index.ingest(
      readPaperFile(join(import.meta.dirname, "../../fixtures/sample/seed-papers.json")),
    );
  });
  afterAll(async () => {
    await bot?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const pageApi = async (route: string, body: Record<string, unknown>) => {
    const response = await fetch(`${bot.playground?.url}/page-api/${route}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(200);
  };

  it("nominates from the composer and counts Alice's and Bob's votes on the card", async () => {
    const standIn = bot.playground;
    if (!standIn) throw new Error("the bot did not start its playground");
    await pageApi("send", { user: "U0ALICE", channel: "C0PAPERS", text: "/papers jc nominate 2111.01253" });
    const card = await standIn.waitFor(() =>
      standIn.messages("C0PAPERS").find((m) => buttonsIn(m.blocks).some((b) => b.action_id === "jc_vote")),
    );
    for (const user of ["U0ALICE", "U0BOB"]) {
      await pageApi("click", {
        user,
        channel: "C0PAPERS",
        ts: card.ts,
        actionId: "jc_vote",
        value: "2111.01253",
      });
    }
    await standIn.waitFor(() => {
      const now = standIn.messages("C0PAPERS").find((m) => m.ts === card.ts);
      return visibleText(now?.blocks).includes("*2 votes*") ? now : undefined;
    });
    expect(standIn.rejected()).toEqual([]);
  });
});
