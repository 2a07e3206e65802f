// Property test: hostile titles, abstracts, authors, queries and LLM text never make a renderer emit anything
// Slack would reject or anything unsafe (broadcasts, forged links, raw <, >, &), and titles are escaped exactly once.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Paper } from "../../../src/papers/paper.ts";
import { validateSlackPayload } from "../../../src/playground/validate-slack-payload.ts";
import type { PaperAction } from "../../../src/slack/blocks/action-ids.ts";
import { renderPaperCard, renderPaperMessage } from "../../../src/slack/blocks/paper-card.ts";
import {
  encodeMoreResultsValue,
  parseMoreResultsValue,
  renderPaperListMessage,
} from "../../../src/slack/blocks/paper-list-message.ts";
import { cleanText } from "../../../src/slack/blocks/untrusted-text.ts";
import { renderNotice } from "../../../src/slack/blocks/usage.ts";

const FRAGMENTS = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<!subteam^S123>",
  "<https://evil.example|arxiv.org/abs/2302.06675>",
  "<https://evil.example>",
  "<@U0ADA>",
  "<#C0PAPERS>",
  "&lt;",
  "&amp;",
  "&gt;",
  "&",
  "<",
  ">",
  "|",
  "*",
  "_",
  "~",
  "`",
  "```",
  "> quote",
  "\u0000",
  "\u0007",
  "\u001b[31m",
  "\u0085",
  "\u202e",
  "\n",
  "\r\n",
  "\t",
  "🎉",
  "👩‍🔬",
  "\ud83d",
  "\udc00",
  ":smile:",
  "@channel",
  "é",
  " ",
];

const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: anyCodeUnit, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
);
const shortHostile = fc.array(piece, { maxLength: 25 }).map((parts) => parts.join(""));
/** Short hostile text, or the same repeated to 10,000 characters. */
const hostile = fc.oneof(
  { weight: 4, arbitrary: shortHostile },
  {
    weight: 1,
    arbitrary: shortHostile.map((text) =>
      (text === "" ? "x" : text).repeat(Math.ceil(10_000 / Math.max(1, text.length))).slice(0, 10_000),
    ),
  },
);
const arxivId = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1001, max: 2512 }), fc.integer({ min: 1, max: 99_999 }))
    .map(([a, b]) => `${a}.${String(b).padStart(5, "0")}`),
  fc.constant("hep-th/9901001"),
);
const url = fc.oneof(
  fc.constant(undefined),
  fc.webUrl(),
  hostile,
  fc.constantFrom(
    "javascript:alert(1)",
    "https://github.com/a/b|evil>",
    "https://x.org/?a=1&b=<2>",
    "http://insecure.example/t.png",
  ),
);

const paperArb = (id: fc.Arbitrary<string>) =>
  fc.record(
    {
      id,
      title: hostile,
      abstract: hostile,
      authors: fc.array(hostile, { maxLength: 8 }),
      categories: fc.array(hostile, { maxLength: 3 }),
      publishedAt: hostile,
      upvotes: fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.double()),
      githubRepo: url,
      thumbnail: url,
      source: fc.constantFrom("hf" as const, "arxiv" as const, "file" as const),
    },
    { requiredKeys: ["id", "title", "abstract", "authors", "categories", "source"] },
  ) as fc.Arbitrary<Paper>;

const cardOptions = fc.record(
  {
    tldr: fc.record({ text: hostile, label: hostile }),
    snippet: hostile,
    actions: fc.subarray<PaperAction>(["share", "summarize", "discuss", "save"]),
    foundVia: fc.oneof(fc.constantFrom("hf", "arxiv", "local"), hostile),
  },
  { requiredKeys: [] },
);

/** Every mrkdwn string in a payload (text objects of type mrkdwn, and the top-level text). */
function mrkdwnStrings(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) mrkdwnStrings(item, out);
  else if (value && typeof value === "object") {
    const fields = value as Record<string, unknown>;
    if (fields.type === "mrkdwn" && typeof fields.text === "string") out.push(fields.text);
    for (const item of Object.values(fields)) mrkdwnStrings(item, out);
  }
  return out;
}

const ALLOWED_LINK_HOSTS = new Set(["arxiv.org", "huggingface.co"]);

/** Links must point at the paper's own pages or its (well-formed) code repository, nowhere else. */
function assertOnlyExpectedLinks(texts: string[], paper: Paper): void {
  for (const text of texts) {
    expect(text).not.toMatch(/<!/);
    for (const match of text.matchAll(/<([^|>]+)\|/g)) {
      const href = (match[1] ?? "").replace(/&amp;/g, "&");
      const host = new URL(href).hostname;
      const repoHost = paper.githubRepo ? safeHost(paper.githubRepo) : undefined;
      expect(ALLOWED_LINK_HOSTS.has(host) || host === repoHost).toBe(true);
    }
  }
}

function safeHost(value: string): string | undefined {
  try {
    return new URL(value.trim()).hostname;
  } catch {
    return undefined;
  }
}

const decode = (text: string) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

describe("renderers under hostile input", () => {
  it("paper cards and paper messages always pass the stand-in's validator and link only where they should", () => {
    fc.assert(
      fc.property(
        paperArb(fc.oneof({ weight: 4, arbitrary: arxivId }, { weight: 1, arbitrary: hostile })),
        cardOptions,
        (paper, options) => {
          const message = renderPaperMessage(paper, options);
          expect(validateSlackPayload("chat.postMessage", { channel: "C0PAPERS", ...message })).toEqual([]);
          expect(
            validateSlackPayload("chat.unfurl", {
              unfurls: { "https://arxiv.org/abs/1": { blocks: message.blocks } },
            }),
          ).toEqual([]);
          assertOnlyExpectedLinks([message.text, ...mrkdwnStrings(message.blocks)], paper);
        },
      ),
    );
  });

  it("escapes a title exactly once: the link label reads back as the cleaned title", () => {
    fc.assert(
      fc.property(paperArb(arxivId), (paper) => {
        const [headline] = renderPaperCard(paper);
        const text = (headline as { text: { text: string } }).text.text;
        const label = /^\*<https:\/\/arxiv\.org\/abs\/[^|]+\|([^>]*)>\*/.exec(text)?.[1];
        const expected = cleanText(paper.title, { singleLine: true, maxLength: 250 }).replace(/\|/g, "∣");
        expect(label).toBeDefined();
        expect(decode(label ?? "")).toBe(expected || "Untitled paper");
      }),
    );
  });

  it("search result pages pass the validator for any query, hits and page", () => {
    const hit = fc.record({ paper: paperArb(arxivId), snippet: hostile }, { requiredKeys: ["paper"] });
    fc.assert(
      fc.property(
        fc.array(hit, { maxLength: 7 }),
        hostile,
        fc.integer({ min: 1, max: 1_000 }),
        fc.boolean(),
        (hits, query, page, hasMore) => {
          const message = renderPaperListMessage(hits, { query, page, hasMore });
          expect(validateSlackPayload("response_url", message)).toEqual([]);
          expect(message.blocks.length).toBeLessThanOrEqual(50);
          for (const text of mrkdwnStrings(message.blocks)) expect(text).not.toMatch(/<!/);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("More results values stay within 2,000 characters and decode to the query and page", () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1, max: 10_000 }), (query, page) => {
        const value = encodeMoreResultsValue(query, page);
        expect(value.length).toBeLessThanOrEqual(2_000);
        const decoded = parseMoreResultsValue(value);
        expect(decoded?.page).toBe(page);
        const cleaned = cleanText(query, { singleLine: true });
        if (cleaned.length <= 1_000 && !/["\\]/.test(cleaned)) expect(decoded?.query).toBe(cleaned);
      }),
    );
  });

  it("notices (which may quote LLM output or user input) pass the validator", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        expect(validateSlackPayload("chat.postEphemeral", { user: "U0ADA", ...renderNotice(text) })).toEqual(
          [],
        );
      }),
    );
  });
});
