// End to end: `/papers follow` in Slack puts the author's new paper in the channel's next digest, marked as followed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { firstResponse, TRANSPORTS, visibleText } from "../support/e2e-helpers.ts";
import { type HttpStandIn, json, startHttpStandIn } from "../support/http-stand-in.ts";
import { seedPapers } from "../support/seed-papers.ts";

// Hugging Face's daily papers: eight seed papers by Grace Hopper, and the least upvoted one by Katalin Karikó.
const seeds = seedPapers().slice(0, 9);
const daily = seeds.map((paper, i) => ({
  paper: {
    id: paper.id,
    title: paper.title,
    summary: paper.abstract,
    authors: [{ name: i === 8 ? "Katalin Karikó" : "Grace Hopper", hidden: false }],
    publishedAt: "2026-11-26T00:00:00.000Z",
    upvotes: 40 - i,
  },
}));
const followedPaper = seeds[8];

describe.each(TRANSPORTS)("following an author from Slack over %s", (transport) => {
  let t: TestBot;
  let hf: HttpStandIn;
  beforeAll(async () => {
    hf = await startHttpStandIn({ "/api/daily_papers": json(daily) });
    t = await startTestBot({ transport, env: { HF_API_URL: hf.url } });
  });
  afterAll(async () => {
    await t?.close();
    await hf?.close();
  });

  async function papers(text: string) {
    const result = await t.standIn.sendSlashCommand({ text, channel: "C0PAPERS" });
    expect(result.status).toBe(200);
    return visibleText(await firstResponse(t.standIn, result.responseUrlId));
  }

  it("refuses an empty name and unfollowing someone not followed, and changes nothing", async () => {
    await papers("schedule 08:00 UTC daily");
    expect(await papers('follow ""')).toMatch(/Say whom to follow/);
    expect(await papers("follow Karikó")).toMatch(/first name \(or initial\) and a surname/);
    expect(await papers('unfollow "Grace Hopper"')).toMatch(/not followed here, so nothing changed/);
    expect(await papers("settings")).toMatch(/Followed authors:\* none/);
  });

  it("puts the followed author's paper first in the next digest, with the reason line, though it has the fewest upvotes", async () => {
    expect(await papers('follow "K. Kariko"')).toMatch(/Following \*K\. Kariko\*/);
    expect(await papers("settings")).toMatch(/Followed authors:\* \*K\. Kariko\*/);

    expect(await papers("digest now")).toMatch(/Posted/);
    const [digest] = await t.standIn.waitFor(() => {
      const posted = t.standIn.messages("C0PAPERS");
      return posted.length > 0 ? posted : undefined;
    });
    const text = visibleText(digest?.blocks);
    expect(text).toContain("new from Katalin Karikó, followed");
    // The followed paper is the first card, ahead of eight better-voted ones.
    const firstTitle = text.indexOf(followedPaper?.title.slice(0, 30) ?? "?");
    expect(firstTitle).toBeGreaterThan(-1);
    expect(firstTitle).toBeLessThan(text.indexOf(seeds[0]?.title.slice(0, 30) ?? "?"));
    expect(digest?.metadata?.event_payload).toMatchObject({
      paper_ids: expect.arrayContaining([followedPaper?.id]),
    });
    expect(t.standIn.rejected()).toEqual([]);

    expect(await papers('unfollow "Karikó, Katalin"')).toMatch(/No longer following \*K\. Kariko\*/);
  });
});
