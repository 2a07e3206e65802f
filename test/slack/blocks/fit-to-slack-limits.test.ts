// Truncation that never breaks mrkdwn, and fitToSlackLimits as every renderer's last step.
import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { validateSlackPayload } from "../../../src/playground/validate-slack-payload.ts";
import {
  fitToSlackLimits,
  truncateMrkdwn,
  truncatePlainText,
} from "../../../src/slack/blocks/fit-to-slack-limits.ts";
import { cleanText, linkLabel, safeHttpUrl } from "../../../src/slack/blocks/untrusted-text.ts";

describe("truncation", () => {
  it("leaves short text alone and ends cut text with an ellipsis within the limit", () => {
    expect(truncatePlainText("short", 10)).toBe("short");
    expect(truncatePlainText("abcdefghij", 5)).toBe("abcd…");
  });

  it("never splits a surrogate pair", () => {
    const cut = truncatePlainText("ab🎉cd", 4);
    expect(cut).toBe("ab…");
  });

  it("never cuts inside an entity or a link", () => {
    expect(truncateMrkdwn("abc &amp; def", 7)).toBe("abc…");
    expect(truncateMrkdwn("see <https://arxiv.org/abs/1|a title> now", 20)).toBe("see…");
    expect(truncateMrkdwn("<https://a.org|x> and more text", 19)).toBe("<https://a.org|x>…");
  });
});

describe("fitToSlackLimits", () => {
  it("caps blocks at 50 for messages and 100 for views", () => {
    const blocks: KnownBlock[] = Array.from({ length: 120 }, () => ({ type: "divider" }));
    expect(fitToSlackLimits(blocks)).toHaveLength(50);
    expect(fitToSlackLimits(blocks, { surface: "view" })).toHaveLength(100);
  });

  it("shortens every over-long text, drops over-long image URLs, and the result validates", () => {
    const long = "&amp;".repeat(1_000);
    const blocks: KnownBlock[] = [
      { type: "header", text: { type: "plain_text", text: "h".repeat(500) } },
      {
        type: "section",
        text: { type: "mrkdwn", text: long },
        fields: Array.from({ length: 12 }, () => ({ type: "mrkdwn" as const, text: long })),
        accessory: { type: "image", image_url: `https://x.org/${"i".repeat(3_000)}`, alt_text: "a" },
      },
      {
        type: "context",
        elements: Array.from({ length: 12 }, () => ({ type: "plain_text" as const, text: "c" })),
      },
      {
        type: "actions",
        block_id: "b".repeat(300),
        elements: [
          {
            type: "button",
            action_id: "a".repeat(300),
            text: { type: "plain_text", text: "t".repeat(100) },
            value: "v".repeat(3_000),
          },
        ],
      },
    ];
    const fitted = fitToSlackLimits(blocks);
    expect(fitted[1]).not.toHaveProperty("accessory");
    expect(validateSlackPayload("chat.postMessage", { text: "t", blocks: fitted })).toEqual([]);
    expect(blocks[0]).toMatchObject({ text: { text: "h".repeat(500) } });
  });
});

describe("untrusted text helpers", () => {
  it("cleanText strips control characters and lone surrogates and collapses lines on request", () => {
    expect(cleanText("a\u0000b\u0007c\ud800d")).toBe("abc\ufffdd");
    expect(cleanText(" two\n lines\t", { singleLine: true })).toBe("two lines");
  });

  it("linkLabel escapes and replaces | so a label cannot split its link", () => {
    expect(linkLabel("a|b <c> & d", 100)).toBe("a∣b &lt;c&gt; &amp; d");
  });

  it("safeHttpUrl keeps only well-formed http(s) URLs and encodes what would break a link", () => {
    expect(safeHttpUrl("https://github.com/a/b")).toBe("https://github.com/a/b");
    expect(safeHttpUrl("https://x.org/a|b c<d>")).toBe("https://x.org/a%7Cb%20c%3Cd%3E");
    expect(safeHttpUrl("javascript:alert(1)")).toBeUndefined();
    expect(safeHttpUrl("https://user:pw@x.org/")).toBeUndefined();
    expect(safeHttpUrl("http://x.org/", { httpsOnly: true })).toBeUndefined();
    expect(safeHttpUrl("not a url")).toBeUndefined();
  });
});
