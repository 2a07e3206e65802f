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

describe("digest cards of papers discussed in the channel", () => {
  it("show “Discussed here” with the thread's link and reply count, and only on those papers", async () => {
    const harness = await digestHarness({
      ...stands,
      channels: [channelConfig({ channel: CHANNEL })],
      clock,
    });
    const discussions = createDiscussions({
      store: harness.store,
      summarizer: fakeSummarizer(),
      fullText: noFullText,
      logger: silentLogger(),
      now: () => new Date("2026-03-27T15:00:00Z"),
    });
    const client = createDigestWebClient({
      token: stands.standIn.botToken,
      slackApiUrl: stands.standIn.apiUrl,
    });
    // A thread about the second paper, started on Friday, with four replies since.
    const root = await client.chat.postMessage({ channel: CHANNEL, text: "Reward Models for RLHF" });
    const started = await discussions.startDiscussion({
      team: "T0PAPERS",
      channel: CHANNEL,
      paper: papers[1] as Paper,
    });
    if (!("start" in started) || !root.ts) throw new Error("expected a new thread");
    await started.commit(root.ts);
    for (let n = 1; n <= 4; n++) {
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

    const run = await runDigest({ deps: harness.deps, channel: CHANNEL, now: clock.now() });
    expect(run.status).toBe("posted");
    const [digest] = digestsIn(stands.standIn, CHANNEL);
    const lines = visibleText(digest?.blocks)
      .split("\n")
      .filter((line) => line.includes("Discussed here"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      `/archives/${CHANNEL}/p${root.ts.replace(".", "")}|Discussed here on 27 Mar> · 4 replies`,
    );
    expect(stands.standIn.rejected()).toEqual([]);
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
