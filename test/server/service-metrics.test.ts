// The digest's poster counts digests posted and failed for /metrics, against the Slack stand-in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { type SlackStandIn, startSlackStandIn } from "../../src/playground/slack-stand-in.ts";
import { createMetrics } from "../../src/server/metrics.ts";
import { countedDigestPoster } from "../../src/slack/digest/counted-digest-poster.ts";
import { DIGEST_EVENT_TYPE, type DigestMessage } from "../../src/slack/digest/render-digest-message.ts";

describe("countedDigestPoster", () => {
  let standIn: SlackStandIn;
  beforeAll(async () => {
    standIn = await startSlackStandIn();
  });
  afterAll(async () => {
    await standIn.close();
  });

  it("counts a digest Slack took as posted and one it refused as failed", async () => {
    const metrics = createMetrics();
    const poster = countedDigestPoster(
      { token: standIn.botToken, apiUrl: standIn.apiUrl },
      silentLogger(),
      metrics,
    );
    const message: DigestMessage = {
      text: "Today's papers",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "Today's papers" } }],
      metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { date: "2026-12-02", paper_ids: [] } },
    };
    await poster.postMessage("C0PAPERS", message);
    standIn.failNext("chat.postMessage", { kind: "error", error: "not_in_channel" });
    await expect(poster.postMessage("C0PAPERS", message)).rejects.toThrow();
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^paperboy_digests_posted_total 1$/m);
    expect(text).toMatch(/^paperboy_digests_failed_total 1$/m);
  });
});
