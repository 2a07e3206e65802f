// Test helpers for the digest: papers, a Hugging Face stand-in, a settable clock, and a harness wired to the Slack stand-in.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { type ChannelConfig, channelConfigSchema } from "../../src/config/channel-config.ts";
import { createCandidateFetcher, type DigestIndex } from "../../src/digest/candidate-fetcher.ts";
import { type ChannelSettings, createChannelSettings } from "../../src/digest/channel-settings.ts";
import type { DigestDeps } from "../../src/digest/run-digest.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Paper } from "../../src/papers/paper.ts";
import { openPaperIndex } from "../../src/papers/paper-index.ts";
import { createHfClient } from "../../src/papers/sources/hf.ts";
import { type SlackStandIn, startSlackStandIn } from "../../src/playground/slack-stand-in.ts";
import { defaultWorkspace, type Workspace } from "../../src/playground/workspace.ts";
import { createSlackDigestPublisher } from "../../src/slack/digest/slack-digest-publisher.ts";
import {
  createDigestWebClient,
  createSlackPoster,
  type SlackPoster,
} from "../../src/slack/digest/slack-poster.ts";
import { createStateStore, type StateStore } from "../../src/state/state-store.ts";
import type { LlmClient } from "../../src/summaries/llm-client.ts";
import { createSummarizer } from "../../src/summaries/summarizer.ts";
import { type HttpStandIn, startHttpStandIn } from "../support/http-stand-in.ts";

export const PROMPTS_DIR = fileURLToPath(new URL("../../prompts/", import.meta.url));

/** A paper with sensible defaults. */
export function makePaper(id: string, title: string, extra: Partial<Paper> = {}): Paper {
  return {
    id,
    title,
    abstract:
      extra.abstract ??
      `We study ${title.toLowerCase()}. Our method improves results on standard benchmarks.`,
    authors: ["Ada Lovelace", "Alan Turing"],
    categories: ["cs.LG"],
    publishedAt: "2026-03-27",
    source: "hf",
    ...extra,
  };
}

/** A channel's settings, validated like the config file's. */
export function channelConfig(fields: Partial<ChannelConfig> & { channel: string }): ChannelConfig {
  return channelConfigSchema().parse({ time: "09:00", timezone: "UTC", days: "daily", ...fields });
}

/** A clock tests move by hand. */
export interface TestClock {
  now: () => Date;
  ms: () => number;
  set(iso: string | Date): void;
  advance(ms: number): void;
}

export function testClock(start: string): TestClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    ms: () => current,
    set: (iso) => {
      current = new Date(iso).getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

/** The `GET /api/daily_papers` body Hugging Face sends for these papers. */
export function hfDailyPapersBody(papers: readonly Paper[]): string {
  return JSON.stringify(
    papers.map((paper) => ({
      paper: {
        id: paper.id,
        title: paper.title,
        summary: paper.abstract,
        authors: paper.authors.map((name) => ({ name, hidden: false })),
        publishedAt: `${paper.publishedAt ?? "2026-03-27"}T10:00:00.000Z`,
        upvotes: paper.upvotes ?? 0,
        ...(paper.aiSummary ? { ai_summary: paper.aiSummary } : {}),
      },
      title: paper.title,
      summary: paper.abstract,
      numComments: 0,
    })),
  );
}

/** A Hugging Face stand-in serving `papersFor(date)`; `down = true` makes it answer 503. */
export interface HfStandIn {
  server: HttpStandIn;
  down: boolean;
  papersFor: (date: string) => Paper[];
}

export async function startHfStandIn(papersFor: (date: string) => Paper[]): Promise<HfStandIn> {
  const state: Omit<HfStandIn, "server"> = { down: false, papersFor };
  const server = await startHttpStandIn({
    "/api/daily_papers": (request) => {
      if (state.down) return { status: 503, body: "Service Unavailable" };
      const date = request.query.get("date") ?? "";
      const page = Number(request.query.get("p") ?? 0);
      const body = page > 0 ? "[]" : hfDailyPapersBody(state.papersFor(date));
      return { status: 200, headers: { "content-type": "application/json" }, body };
    },
  });
  return Object.assign(state, { server }) as HfStandIn;
}

/**
 * A Slack stand-in with `channels` (on the test clock) and an HF stand-in serving `papersFor`, for the
 * enclosing suite: started before its tests, closed after them. Filled in once both are up.
 */
export function useDigestStandIns(
  channels: readonly string[],
  clock: TestClock,
  papersFor: (date: string) => Paper[],
): { standIn: SlackStandIn; hf: HfStandIn } {
  const stands = {} as { standIn: SlackStandIn; hf: HfStandIn };
  beforeAll(async () => {
    stands.hf = await startHfStandIn(papersFor);
    stands.standIn = await startSlackStandIn({ workspace: workspaceWith(channels), now: clock.ms });
  });
  afterAll(async () => {
    await stands.standIn?.close();
    await stands.hf?.server.close();
  });
  return stands;
}

/** A workspace whose channels are the given ids (public, bot a member). */
export function workspaceWith(channels: readonly string[]): Workspace {
  const workspace = defaultWorkspace();
  for (const id of channels) {
    if (!workspace.channels.some((channel) => channel.id === id)) {
      workspace.channels.push({ id, name: id.toLowerCase(), isPrivate: false, botIsMember: true });
    }
  }
  return workspace;
}

/** An LLM that is down: every call fails, as an outage would. */
export const downLlm: LlmClient = {
  complete: async () => {
    throw new Error("connect ECONNREFUSED 127.0.0.1:1 (LLM outage)");
  },
};

export interface HarnessOptions {
  standIn: SlackStandIn;
  hf: HfStandIn;
  channels: ChannelConfig[];
  clock: TestClock;
  /** Default: a private memory store. */
  store?: StateStore;
  /** Default: a fresh in-memory SQLite papers index (the real one). */
  index?: DigestIndex;
  llm?: LlmClient;
  team?: string;
  lockTtlMs?: number;
  /** Wrap the real poster (to simulate a crash after posting, for instance). */
  wrapPoster?: (poster: SlackPoster) => SlackPoster;
}

export interface Harness {
  deps: DigestDeps;
  settings: ChannelSettings;
  store: StateStore;
  index: DigestIndex;
  poster: ReturnType<typeof createSlackPoster>;
}

/** Real pieces end to end: HF client over HTTP, summarizer (fallbacks), Slack poster over the stand-in. */
export async function digestHarness(options: HarnessOptions): Promise<Harness> {
  const logger = silentLogger();
  const store = options.store ?? (await createStateStore({ url: "memory://" }));
  const index = options.index ?? openPaperIndex({ path: ":memory:", workers: false });
  const team = options.team ?? "T0PAPERS";
  const settings = createChannelSettings({
    store,
    fileChannels: options.channels,
    team,
    now: options.clock.now,
  });
  const client = createDigestWebClient({
    token: options.standIn.botToken,
    slackApiUrl: options.standIn.apiUrl,
    timeoutMs: 5_000,
  });
  const poster = createSlackPoster({ client, logger, backoffMs: 20 });
  const deps: DigestDeps = {
    store,
    settings,
    publisher: createSlackDigestPublisher(options.wrapPoster ? options.wrapPoster(poster) : poster),
    candidates: createCandidateFetcher({
      hf: createHfClient({ baseUrl: options.hf.server.url, timeoutMs: 2_000 }),
      index,
      store,
      logger,
      cacheMs: 0,
      now: options.clock.ms,
    }),
    summarizer: createSummarizer({
      llm: options.llm,
      store,
      promptsDir: PROMPTS_DIR,
      model: "test-model",
      logger,
      timeoutMs: 2_000,
    }),
    logger,
    team,
    ...(options.lockTtlMs ? { lockTtlMs: options.lockTtlMs } : {}),
  };
  return { deps, settings, store, index, poster };
}

/** The digests (messages with paperboy_digest metadata) posted to a channel, oldest first. */
export function digestsIn(standIn: SlackStandIn, channel: string) {
  return standIn.messages(channel).filter((message) => message.metadata?.event_type === "paperboy_digest");
}

/** A stored message ts as a Date (the stand-in stamps messages with its clock). */
export function tsDate(ts: string): Date {
  return new Date(Math.floor(Number(ts)) * 1000);
}
