// renderSummaryBullets: one bolded, capped, escaped problem / method / result section for Summarize and Discuss.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findUnsafeMrkdwn } from "../../../src/playground/find-unsafe-mrkdwn.ts";
import { validateSlackPayload } from "../../../src/playground/validate-slack-payload.ts";
import { SLACK_LIMITS } from "../../../src/slack/blocks/slack-limits.ts";
import { BULLET_MAX, renderSummaryBullets } from "../../../src/slack/blocks/summary-bullets.ts";

const textOf = (bullets: Parameters<typeof renderSummaryBullets>[0]) =>
  renderSummaryBullets(bullets).text.text;

describe("renderSummaryBullets", () => {
  it("shows the three bullets bolded, one a line", () => {
    expect(
      textOf({
        problem: "Attention collapses.",
        method: "Penalize singular values.",
        result: "Plus 2.1 points.",
      }),
    ).toBe("*Problem* Attention collapses.\n*Method* Penalize singular values.\n*Result* Plus 2.1 points.");
  });

  it("escapes each bullet once, on one line, without controls", () => {
    const text = textOf({
      problem: "<!channel> & <https://evil.example|arxiv.org>",
      method: "two\nlines\u0007",
      result: "&amp; stays literal",
    });
    expect(text).toBe(
      "*Problem* &lt;!channel&gt; &amp; &lt;https://evil.example|arxiv.org&gt;\n" +
        "*Method* two lines\n" +
        "*Result* &amp;amp; stays literal",
    );
    expect(findUnsafeMrkdwn(text)).toEqual([]);
  });

  it("caps each bullet, and keeps the Result line even when escaping makes every bullet five times longer", () => {
    const long = "x".repeat(BULLET_MAX * 2);
    const [problem] = textOf({ problem: long, method: "m", result: "r" }).split("\n");
    expect(problem).toBe(`*Problem* ${"x".repeat(BULLET_MAX - 1)}…`);

    const ampersands = "&".repeat(BULLET_MAX);
    const text = textOf({ problem: ampersands, method: ampersands, result: ampersands });
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(text).toMatch(/^\*Problem\* (&amp;)+…\n\*Method\* (&amp;)+…\n\*Result\* (&amp;)+…$/);
  });

  it("always gives a section Slack accepts and nothing unsafe, whatever the model wrote", () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 2_000 }),
      fc.constantFrom("<!here>", "&", "<", ">", "|", "*", "\ud83d", "a".repeat(5_000), "&<>".repeat(900)),
    );
    fc.assert(
      fc.property(hostile, hostile, hostile, (problem, method, result) => {
        const block = renderSummaryBullets({ problem, method, result });
        expect(
          validateSlackPayload("chat.postMessage", { channel: "C1", text: "t", blocks: [block] }),
        ).toEqual([]);
        expect(findUnsafeMrkdwn(block.text.text)).toEqual([]);
        expect(block.text.text.split("\n")).toHaveLength(3);
      }),
    );
  });
});
