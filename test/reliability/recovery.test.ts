// Reliability: the bot process through Redis restarting mid-run, the LLM and the paper sources failing then
// recovering, and Slack answering 429: nothing lost, fallbacks labelled, every Retry-After honoured.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.ts";
import { type SlackStandIn, startSlackStandIn } from "../../src/playground/slack-stand-in.ts";
import { visibleText } from "../support/e2e-helpers.ts";
import { fixture, type HttpStandIn, json, startHttpStandIn, status } from "../support/http-stand-in.ts";
import { type OpenAiStandIn, startOpenAiStandIn } from "../support/openai-stand-in.ts";
import { seedPapers } from "../support/seed-papers.ts";
import { type BotProcess, startBotProcess } from "./support/bot-process.ts";
import { type PrivateRedis, startPrivateRedis } from "./support/private-redis.ts";
import { report, waitForQuiet } from "./support/report.ts";
import { seededDataDir } from "./support/seeded-data-dir.ts";
import { CHANNEL } from "./support/traffic.ts";

const FALLBACK_LABELS = ["Extract from the abstract", "Hugging Face AI summary"];

describe("the bot process through failures of everything it depends on", () => {
  let redis: PrivateRedis;
  let standIn: SlackStandIn;
  let llm: OpenAiStandIn;
  let sources: HttpStandIn;
  let bot: BotProcess;
  let paperIds: string[];

  beforeAll(async () => {
    redis = await startPrivateRedis();
    standIn = await startSlackStandIn();
    llm = await startOpenAiStandIn();
    sources = await startHttpStandIn({
      "/api/papers/search": json([]),
      "/api/papers/": fixture("hf-paper-detail.json"),
      "/api/query": fixture("arxiv-api-empty.xml"),
    });
    const data = await seededDataDir();
    paperIds = data.paperIds;
    bot = await startBotProcess(standIn, {
      PAPERBOY_DATA_DIR: data.dir,
      PAPERBOY_STORE_URL: redis.url,
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: llm.baseURL,
      OPENAI_TIMEOUT_MS: "3000",
      HF_API_URL: sources.url,
      ARXIV_API_URL: `${sources.url}/api/query`,
      PAPERBOY_REMOTE_TIMEOUT_MS: "2000",
    });
    standIn.setAppUrl(bot.eventsUrl);
  });
  afterAll(async () => {
    await bot?.stop();
    await Promise.all([standIn?.close(), llm?.close(), sources?.close()]);
    await redis?.stop();
  });

  /** Sends a click or command, and returns the ack status and the last answer on its response URL. */
  async function answerTo(send: () => Promise<{ status: number; responseUrlId: string }>) {
    const sent = await send();
    const answered = await standIn
      .waitFor(() => standIn.responses(sent.responseUrlId).at(-1), 20_000, "an answer")
      .catch(() => undefined);
    return { status: sent.status, text: answered ? visibleText(answered.body) : "" };
  }

  it("loses no command or save while Redis restarts mid-run, and keeps every acknowledged save", async () => {
    const users = standIn.workspace.users.filter((user) => !user.isBot).map((user) => user.id);
    const saves = paperIds
      .slice(0, 36)
      .map((paper, i) => ({ paper, user: users[i % users.length] ?? "U0ADA" }));
    const outcomes: Array<{ kind: string; status: number; text: string }> = [];
    let restart: Promise<void> | undefined;
    for (const [i, save] of saves.entries()) {
      if (i === 12) restart = redis.restart(2_000);
      const [click, search] = await Promise.all([
        answerTo(() =>
          standIn.sendBlockAction({
            actionId: "paper_save",
            value: save.paper,
            user: save.user,
            channel: CHANNEL,
            message: { ts: "1764640000.000100", ephemeral: true },
          }),
        ),
        answerTo(() => standIn.sendSlashCommand({ text: "regularization", user: save.user })),
      ]);
      outcomes.push({ kind: "save", ...click }, { kind: "search", ...search });
      // Spread over the outage: a request about every 150 ms.
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await restart;
    // Once Redis is back and the bot's store answers again (/healthz reads it), every save retried goes through.
    await waitForHealthy(bot.url);
    // What a person does after "could not read or write its storage": presses Save again.
    const after = saves.filter((_, i) => !outcomes[2 * i]?.text.startsWith("Saved"));
    const afterOutcomes: Array<{ kind: string; status: number; text: string }> = [];
    for (const save of after) {
      const click = await answerTo(() =>
        standIn.sendBlockAction({
          actionId: "paper_save",
          value: save.paper,
          user: save.user,
          channel: CHANNEL,
          message: { ts: "1764640000.000100", ephemeral: true },
        }),
      );
      afterOutcomes.push({ kind: "save", ...click });
    }
    await waitForQuiet(standIn);

    const saved = outcomes.filter((o) => o.kind === "save" && o.text.startsWith("Saved"));
    const acknowledged = [
      ...saves.filter((_, i) => outcomes[2 * i]?.text.startsWith("Saved")),
      ...after.filter((_, i) => afterOutcomes[i]?.text.startsWith("Saved")),
    ];
    // Each user's Home tab lists their reading list, read back from Redis after the restart.
    const missing: string[] = [];
    for (const user of users) {
      await standIn.sendEvent({ type: "app_home_opened", user, channel: "D0HOME", tab: "home" });
    }
    await waitForQuiet(standIn);
    const titles = new Map(seedPapers().map((paper: Paper) => [paper.id, paper.title]));
    for (const save of acknowledged) {
      const home = visibleText(standIn.homeView(save.user)?.view ?? {});
      if (!home.includes(titles.get(save.paper)?.slice(0, 40) ?? "?"))
        missing.push(`${save.user}:${save.paper}`);
    }
    report("Redis restarted mid-run (down 2 s)", [
      ["requests", `${outcomes.length} (${saves.length} saves, ${saves.length} searches)`],
      ["acks that were not 200", String(outcomes.filter((o) => o.status !== 200).length)],
      ["requests never answered", String(outcomes.filter((o) => o.text === "").length)],
      ["saves answered Saved", String(saved.length)],
      [
        "saves answered with a storage notice",
        String(outcomes.filter((o) => o.kind === "save" && /storage/i.test(o.text)).length),
      ],
      [
        "failed saves retried after it was back, answered Saved",
        `${afterOutcomes.filter((o) => o.text.startsWith("Saved")).length} of ${after.length}`,
      ],
      ["acknowledged saves missing afterwards", String(missing.length)],
    ]);
    expect(outcomes.filter((o) => o.status !== 200)).toEqual([]);
    expect(outcomes.filter((o) => o.text === "")).toEqual([]);
    expect(missing).toEqual([]);
    // The bot reconnects by itself: every save that failed in the outage goes through when retried after it.
    expect(afterOutcomes.filter((o) => !o.text.startsWith("Saved"))).toEqual([]);
    expect(standIn.rejected()).toEqual([]);
  });

  it("labels a summary as a fallback while the LLM fails, and gives the LLM's summary once it recovers", async () => {
    const paper = paperIds[40] ?? "2111.01253";
    const click = (user: string) =>
      answerTo(() =>
        standIn.sendBlockAction({
          actionId: "paper_summarize",
          value: paper,
          user,
          channel: CHANNEL,
          message: { ts: "1764640000.000200", ephemeral: true },
        }),
      );
    llm.setMode({ kind: "server_error", status: 503 });
    const callsBefore = llm.calls;
    const during = await click("U0ADA");
    llm.setMode({ kind: "ok" });
    const after = await click("U0GRACE");
    report("LLM failing, then recovering", [
      [
        "during the outage",
        during.text.match(/(Extract from the abstract|Hugging Face AI summary|AI summary \([^)]*\))/)?.[0] ??
          during.text.slice(0, 80),
      ],
      [
        "after it recovered",
        after.text.match(/AI summary \([^)]*\)|Extract from the abstract|Hugging Face AI summary/)?.[0] ??
          after.text.slice(0, 80),
      ],
      ["LLM requests", String(llm.calls - callsBefore)],
    ]);
    expect(FALLBACK_LABELS.some((label) => during.text.includes(label))).toBe(true);
    expect(after.text).toContain("AI summary (gpt-4o-mini)");
    expect(standIn.rejected()).toEqual([]);
  });

  it("labels search results as the index's alone while the sources fail, and finds remote papers again after", async () => {
    sources.setRoute("/api/papers/search", status(503));
    sources.setRoute("/api/query", status(503));
    const during = await answerTo(() => standIn.sendSlashCommand({ text: "scientific coding benchmark" }));
    sources.setRoute("/api/papers/search", json([]));
    sources.setRoute("/api/query", fixture("arxiv-api-current-layout.xml"));
    // A source that failed is left alone for its 30-second cool-down, then asked again.
    await new Promise((resolve) => setTimeout(resolve, 31_000));
    const after = await answerTo(() => standIn.sendSlashCommand({ text: "diffusion maps heat kernels" }));
    report("paper sources failing, then recovering", [
      ["during the outage", /could not be reached[^.]*\./.exec(during.text)?.[0] ?? "(no label)"],
      [
        "after it recovered",
        /Found on arXiv/.test(after.text) ? "papers found on arXiv, no label" : after.text.slice(0, 80),
      ],
    ]);
    expect(during.text).toContain(
      "Hugging Face and arXiv could not be reached; these are the papers paperboy already had.",
    );
    expect(after.text).toContain("Found on arXiv");
    expect(after.text).not.toContain("could not be reached");
  });

  it("honours every Retry-After when Slack answers 429, and posts each message once", async () => {
    standIn.reset();
    standIn.failNext("chat.postMessage", { kind: "rate_limited", retryAfterSeconds: 2 }, 2);
    const ts = "1764640001.000100";
    await standIn.sendEvent({ type: "app_mention", user: "U0ADA", text: "<@UBOT> hi", ts, channel: CHANNEL });
    const posted = () =>
      standIn.calls("chat.postMessage").filter((call) => call.params.thread_ts === ts && call.status === 200);
    await standIn.waitFor(() => posted().length > 0, 30_000, "the reply after two 429s");
    await waitForQuiet(standIn);
    const attempts = standIn.calls("chat.postMessage").filter((call) => call.params.thread_ts === ts);
    const gaps = attempts.slice(1).map((call, i) => call.at - (attempts[i]?.at ?? 0));
    report("Slack answering 429 (Retry-After: 2)", [
      ["attempts", attempts.map((call) => call.status).join(" → ")],
      ["gaps between attempts", gaps.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(", ")],
      ["replies posted", String(posted().length)],
    ]);
    expect(attempts.map((call) => call.status)).toEqual([429, 429, 200]);
    expect(gaps.every((ms) => ms >= 2_000)).toBe(true);
    expect(posted()).toHaveLength(1);
  });
});

/** Polls the bot's /healthz (it reads the state store) until it answers 200, for up to 30 s. */
async function waitForHealthy(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_500) })
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("the bot's store did not answer again within 30 s of Redis coming back");
}
