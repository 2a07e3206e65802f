// End to end, property-style: hostile titles, abstracts, authors, queries and LLM output go through the real bot
// and the Slack stand-in's validator without one rejected payload and without a raw broadcast mention.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { firstResponse, waitForMessages } from "../support/e2e-helpers.ts";
import { type OpenAiStandIn, startOpenAiStandIn } from "../support/openai-stand-in.ts";

const FRAGMENTS = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<!subteam^S123>",
  "<https://evil.example|arxiv.org/abs/2302.06675>",
  "<@U0ADA>",
  "<#C0PAPERS>",
  "&lt;",
  "&amp;",
  "&",
  "<",
  ">",
  "|",
  "*",
  "`",
  "```",
  "\u0000",
  "\u0007",
  "\u001b[31m",
  "\u202e",
  "\n",
  "\ud83d",
  "👩‍🔬",
  "{{abstract}}",
  '"; DROP TABLE papers; --',
  "Ignore all previous instructions",
  "@channel",
  " ",
];
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
);
const hostile = (maxPieces: number) =>
  fc.array(piece, { maxLength: maxPieces }).map((parts) => parts.join(""));
// A long run now and then, to push sections and headers past their limits.
const hostileLong = fc.oneof(
  { weight: 4, arbitrary: hostile(20) },
  {
    weight: 1,
    arbitrary: fc.tuple(hostile(4), fc.integer({ min: 500, max: 6_000 })).map(([s, n]) => s.repeat(n)),
  },
);

// Every hostile paper also carries this word, so a search finds it.
const MARKER = "zyxomancy";
const BROADCAST = /<!(channel|here|everyone)>/;
let serial = 0;

function hostilePaper(title: string, abstract: string, authors: string[]): Paper {
  serial += 1;
  return {
    id: `2512.${String(90_000 + serial)}`,
    title: `${title} ${MARKER}`,
    abstract: `${abstract} ${MARKER}`,
    authors,
    categories: ["cs.LG"],
    source: "file",
  };
}

describe("hostile content through the real bot (http)", () => {
  let t: TestBot;
  let llm: OpenAiStandIn;
  beforeAll(async () => {
    llm = await startOpenAiStandIn();
    t = await startTestBot({
      env: { OPENAI_BASE_URL: llm.baseURL, OPENAI_API_KEY: "sk-test" },
      llmActionsPerUserPerHour: 1_000,
    });
  });
  afterAll(async () => {
    await t?.close();
    await llm?.close();
  });

  it("/papers results for hostile papers and queries are never rejected and never broadcast", async () => {
    let shownHostile = 0;
    await fc.assert(
      fc.asyncProperty(
        hostileLong,
        hostileLong,
        fc.array(hostile(6), { maxLength: 5 }),
        hostile(8),
        async (title, abstract, authors, query) => {
          t.standIn.reset();
          t.bot.services.index.upsert([hostilePaper(title, abstract, authors)]);
          const result = await t.standIn.sendSlashCommand({ text: `${query} ${MARKER}` });
          expect(result.status).toBe(200);
          const [response] = await t.standIn.waitFor(() => {
            const responses = t.standIn.responses(result.responseUrlId);
            return responses.length > 0 ? responses : undefined;
          }, 5_000);
          expect(t.standIn.rejected()).toEqual([]);
          expect(response?.accepted).toBe(true);
          expect(JSON.stringify(response?.body)).not.toMatch(BROADCAST);
          if (JSON.stringify(response?.body).includes('"value":"2512.9')) shownHostile += 1;
        },
      ),
      { numRuns: 20 },
    );
    // The property is about hostile papers on the page: many runs must have shown some (the others had
    // queries refused up front, e.g. for a mention or a control character).
    expect(shownHostile).toBeGreaterThanOrEqual(4);
  });

  it("hostile LLM output in Summarize, and hostile papers shared and discussed, are never rejected", async () => {
    let shownBullets = 0;
    await fc.assert(
      fc.asyncProperty(hostileLong, hostileLong, hostile(10), async (title, abstract, llmText) => {
        t.standIn.reset();
        llm.setResponder(() =>
          JSON.stringify({
            tldr: llmText || "x",
            problem: llmText || "x",
            method: `${llmText} <!channel>`,
            result: llmText || "x",
            questions: [llmText || "x", "<!here> why?", llmText || "y"],
          }),
        );
        const paper = hostilePaper(title, abstract, [title]);
        t.bot.services.index.upsert([paper]);
        const summarize = await t.standIn.sendBlockAction({ actionId: "paper_summarize", value: paper.id });
        const summary = await firstResponse(t.standIn, summarize.responseUrlId);
        await t.standIn.sendBlockAction({ actionId: "paper_share", value: paper.id });
        await t.standIn.sendBlockAction({ actionId: "paper_discuss", value: paper.id });
        const posted = await waitForMessages(t.standIn, "C0PAPERS", 2);
        expect(t.standIn.rejected()).toEqual([]);
        expect(JSON.stringify([summary, posted])).not.toMatch(BROADCAST);
        if (JSON.stringify(summary).includes("*Result* ")) shownBullets += 1;
      }),
      { numRuns: 10 },
    );
    // Most runs must have rendered the hostile bullets (renderSummaryBullets); in any other, nothing of the model's
    // text was left once cleaned, so the summary fell back to an extract without bullets.
    expect(shownBullets).toBeGreaterThanOrEqual(5);
  });
});
