// A digest card of a paper the channel already discussed says so, linking the thread with its reply count.
import { describe, expect, it } from "vitest";
import { runDigest } from "../../src/digest/run-digest.ts";
import { createDiscussions } from "../../src/discussion/discussions.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Paper } from "../../src/papers/paper.ts";
import { digestDiscussedHere } from "../../src/slack/digest/digest-discussed-here.ts";
import { createDigestWebClient } from "../../src/slack/digest/slack-poster.ts";
import { fakeSummarizer, noFullText } from "../discussion/discussion-fixtures.ts";
import { visibleText } from "../support/e2e-helpers.ts";
import {
  channelConfig,
  digestHarness,
  digestsIn,
  makePaper,
  testClock,
  useDigestStandIns,
} from "./digest-test-kit.ts";

const CHANNEL = "C0MEMORY";
const clock = testClock("2026-03-30T09:00:00Z");
const papers: Paper[] = [
  makePaper("2603.30101", "Diffusion Transformers at Scale", { upvotes: 50 }),
  makePaper("2603.30102", "Reward Models for RLHF", { upvotes: 20 }),
];
const stands = useDigestStandIns([CHANNEL], clock, () => papers);

/**
 * Gives the harness's digest a "Discussed here" lookup over a thread about the second paper, started at
 * `startedAt` in CHANNEL with `replies` replies since; returns the thread's root ts.
 */
async function discussSecondPaper(
  harness: Awaited<ReturnType<typeof digestHarness>>,
  startedAt: string,
  replies: number,
): Promise<string> {
  const discussions = createDiscussions({
    store: harness.store,
    summarizer: fakeSummarizer(),
    fullText: noFullText,
    logger: silentLogger(),
    now: () => new Date(startedAt),
  });
  const client = createDigestWebClient({
    token: stands.standIn.botToken,
    slackApiUrl: stands.standIn.apiUrl,
  });
  const root = await client.chat.postMessage({ channel: CHANNEL, text: "Reward Models for RLHF" });
  const started = await discussions.startDiscussion({
    team: "T0PAPERS",
    channel: CHANNEL,
    paper: papers[1] as Paper,
  });
  if (!("start" in started) || !root.ts) throw new Error("expected a new thread");
  await started.commit(root.ts);
  for (let n = 1; n <= replies; n++) {
    await discussions.recordThreadMessage({
      channel: CHANNEL,
      threadTs: root.ts,
      user: "U0ADA",
      text: `reply ${n}`,
      ts: `${root.ts}${n}`,
      isBot: false,
    });
  }
  harness.deps.discussedHere = digestDiscussedHere({
    discussions,
    team: "T0PAPERS",
    client,
    logger: silentLogger(),
  });
  return root.ts;
}

/** The digest's "Discussed here" lines, once it is posted. */
async function discussedLines(harness: Awaited<ReturnType<typeof digestHarness>>): Promise<string[]> {
  const run = await runDigest({ deps: harness.deps, channel: CHANNEL, now: clock.now() });
  expect(run.status).toBe("posted");
  const [digest] = digestsIn(stands.standIn, CHANNEL);
  return visibleText(digest?.blocks)
    .split("\n")
    .filter((line) => line.includes("Discussed here"));
}

describe("digest cards of papers discussed in the channel", () => {
  it("show “Discussed here” with the thread's link and reply count, and only on those papers", async () => {
    const harness = await digestHarness({
      ...stands,
      channels: [channelConfig({ channel: CHANNEL })],
      clock,
    });
    // Started on Friday, with four replies since.
    const rootTs = await discussSecondPaper(harness, "2026-03-27T15:00:00Z", 4);
    const lines = await discussedLines(harness);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      `/archives/${CHANNEL}/p${rootTs.replace(".", "")}|Discussed here on 27 Mar> · 4 replies`,
    );
    expect(stands.standIn.rejected()).toEqual([]);
  });

  it("name the day the thread started on the channel's clock, not in UTC", async () => {
    stands.standIn.reset();
    const harness = await digestHarness({
      ...stands,
      channels: [channelConfig({ channel: CHANNEL, timezone: "America/Los_Angeles" })],
      clock,
    });
    // 23:30 on Friday 27 March in Los Angeles: Saturday already in UTC.
    await discussSecondPaper(harness, "2026-03-28T06:30:00Z", 1);
    const lines = await discussedLines(harness);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("|Discussed here on 27 Mar> · 1 reply");
  });

  it("posts the digest without the line when the lookup fails", async () => {
    stands.standIn.reset();
    const harness = await digestHarness({
      ...stands,
      channels: [channelConfig({ channel: CHANNEL })],
      clock,
    });
    harness.deps.discussedHere = async () => {
      throw new Error("store down");
    };
    const run = await runDigest({ deps: harness.deps, channel: CHANNEL, now: clock.now() });
    expect(run.status).toBe("posted");
    expect(visibleText(digestsIn(stands.standIn, CHANNEL)[0]?.blocks)).not.toContain("Discussed here");
  });
});
