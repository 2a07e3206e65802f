// End to end: `/papers follow` in Slack puts the author's new paper in the channel's next digest, marked as followed.
import { describe, expect, it } from "vitest";
import { useTestBotWithSources } from "../support/bot-harness.ts";
import { papersCommand, TRANSPORTS, visibleText } from "../support/e2e-helpers.ts";
import { json } from "../support/http-stand-in.ts";
import { hfDailyOfSeeds, seedPapers } from "../support/seed-papers.ts";

// Hugging Face's daily papers: eight seed papers by Grace Hopper, and the least upvoted one by Katalin Karikó.
const seeds = seedPapers().slice(0, 9);
const daily = hfDailyOfSeeds(9, (i) => (i === 8 ? "Katalin Karikó" : "Grace Hopper"));
const followedPaper = seeds[8];

// arXiv's API answers the author search with her paper in a category no source of the channel reads.
const today = new Date().toISOString().slice(0, 10);
const arxivOnly = {
  id: "2612.00042",
  title: "Nucleoside Modifications in Messenger RNA Vaccines",
  abstract: "We revisit how modified nucleosides suppress innate immune recognition of messenger RNA.",
};
const atom = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/api/x</id><title>arXiv Query</title>
  <opensearch:itemsPerPage>100</opensearch:itemsPerPage><opensearch:totalResults>1</opensearch:totalResults><opensearch:startIndex>0</opensearch:startIndex>
  <entry>
    <id>http://arxiv.org/abs/${arxivOnly.id}v1</id>
    <title>${arxivOnly.title}</title>
    <summary>${arxivOnly.abstract}</summary>
    <published>${today}T10:00:00Z</published><updated>${today}T10:00:00Z</updated>
    <link href="https://arxiv.org/abs/${arxivOnly.id}v1"/>
    <category term="q-bio.BM" scheme="http://arxiv.org/schemas/atom"/><arxiv:primary_category term="q-bio.BM"/>
    <author><name>Katalin Karikó</name></author><author><name>Drew Weissman</name></author>
  </entry>
</feed>`;

describe.each(TRANSPORTS)("following an author from Slack over %s", (transport) => {
  const t = useTestBotWithSources(
    { transport },
    {
      hf: { env: "HF_API_URL", routes: { "/api/daily_papers": json(daily) } },
      arxiv: {
        env: "ARXIV_API_URL",
        path: "/api/query",
        routes: {
          "/api/query": { status: 200, headers: { "content-type": "application/atom+xml" }, body: atom },
        },
      },
    },
  );

  const papers = async (text: string) =>
    visibleText(await papersCommand(t.standIn, text, { channel: "C0PAPERS" }));

  it("refuses an empty name and unfollowing someone not followed, and changes nothing", async () => {
    await papers("schedule 08:00 UTC daily");
    expect(await papers('follow ""')).toMatch(/Say whom to follow/);
    expect(await papers("follow Karikó")).toMatch(/first name \(or initial\) and a surname/);
    expect(await papers('unfollow "Grace Hopper"')).toMatch(/not followed here, so nothing changed/);
    expect(await papers("settings")).toMatch(/Followed authors:\* none/);
  });

  it("puts the followed author's paper first in the next digest, marked, though it has the fewest upvotes, with the one only arXiv's author search finds", async () => {
    expect(await papers('follow "K. Kariko"')).toMatch(/Following \*K\. Kariko\*/);
    expect(await papers("settings")).toMatch(/Followed authors:\* \*K\. Kariko\*/);

    expect(await papers("digest now")).toMatch(/Posted/);
    const [digest] = await t.standIn.waitFor(() => {
      const posted = t.standIn.messages("C0PAPERS");
      return posted.length > 0 ? posted : undefined;
    });
    const text = visibleText(digest?.blocks);
    expect(text).toContain("new from Katalin Karikó, followed");
    // Her paper that only arXiv's author search found is in too.
    expect(text).toContain(arxivOnly.title);
    const search = t.sources.arxiv.requests.map((request) => request.query.get("search_query")).join(" ");
    expect(search).toContain("au:kariko_k");
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
