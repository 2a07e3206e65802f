// A digest whose source has nothing or is down is composed from the papers already in the index, and says so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDigest } from "../../src/digest/run-digest.ts";
import { startSlackStandIn } from "../../src/playground/slack-stand-in.ts";
import {
  channelConfig,
  digestHarness,
  digestsIn,
  type HfStandIn,
  makePaper,
  startHfStandIn,
  testClock,
  workspaceWith,
} from "./digest-test-kit.ts";

const clock = testClock("2026-12-02T09:00:00Z");
// The index holds papers from months before (a bundled sample, a long outage): nothing near the day itself.
const OLD_PAPERS = [
  makePaper("2607.00001", "Sparse Regularization for Vision Transformers", { publishedAt: "2026-07-01" }),
  makePaper("2607.00002", "Diffusion Models Without Noise Schedules", { publishedAt: "2026-06-30" }),
  makePaper("2607.00003", "Reward Models for Code", { publishedAt: "2026-06-29" }),
];
let hf: HfStandIn;

beforeAll(async () => {
  hf = await startHfStandIn(() => []);
});
afterAll(async () => {
  await hf.server.close();
});

async function digestWith(hfDown: boolean, channel: string) {
  hf.down = hfDown;
  const standIn = await startSlackStandIn({ workspace: workspaceWith([channel]), now: clock.ms });
  try {
    const harness = await digestHarness({ standIn, hf, channels: [channelConfig({ channel })], clock });
    harness.index.upsert(OLD_PAPERS);
    const run = await runDigest({ deps: harness.deps, channel, now: clock.now() });
    const [posted] = digestsIn(standIn, channel);
    return { run, text: JSON.stringify(posted?.blocks ?? []) };
  } finally {
    await standIn.close();
  }
}

describe("the digest's index fallback", () => {
  it("uses the index's newest papers when Hugging Face has none for the day, and says so in the footer", async () => {
    const { run, text } = await digestWith(false, "C0EMPTYDAY");
    expect(run.status).toBe("posted");
    expect([...run.paperIds].sort()).toEqual(OLD_PAPERS.map((paper) => paper.id));
    expect(run.unreachable).toEqual([]);
    expect(text).toContain("Sparse Regularization for Vision Transformers");
    expect(text).toContain(
      "Hugging Face had no papers for that day; this digest uses papers already in paperboy's index.",
    );
  });

  it("uses them when Hugging Face is down, and the footer says it could not be reached", async () => {
    const { run, text } = await digestWith(true, "C0HFDOWN");
    expect(run.status).toBe("posted");
    expect(run.paperIds).toHaveLength(OLD_PAPERS.length);
    expect(run.unreachable).toEqual(["hf"]);
    expect(text).toContain("could not be reached");
    expect(text).not.toContain("had no papers for that day");
  });
});
