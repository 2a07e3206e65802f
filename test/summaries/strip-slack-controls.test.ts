// LLM text loses every Slack control sequence before it is cached or shown, whatever the model writes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeMrkdwn } from "../../src/slack/mrkdwn.ts";
import { stripSlackControls } from "../../src/summaries/strip-slack-controls.ts";

describe("stripSlackControls", () => {
  it.each([
    ["reply <!channel> now", "reply channel now"],
    ["<!here|here> and <!everyone>", "here and everyone"],
    ["ask <@U024BE7LH>", "ask U024BE7LH"],
    ["ask <@U024BE7LH|ann>", "ask ann"],
    ["in <#C024BE7LR|general>", "in #general"],
    ["<!subteam^SAZ94GDB8|@team> ping", "team ping"],
    ["see <https://evil.example|the paper>", "see the paper (https://evil.example)"],
    ["see <https://evil.example>", "see https://evil.example"],
    ["mail <mailto:a@b.c|me>", "mail me (mailto:a@b.c)"],
    ["<<!channel>!channel>", "<channel!channel>"],
    ["<!<!here>channel>", "herechannel"],
    ["hey @channel and @here", "hey channel and here"],
  ])("turns %j into %j", (input, expected) => {
    expect(stripSlackControls(input)).toBe(expected);
  });

  it("leaves ordinary text with angle brackets alone", () => {
    expect(stripSlackControls("accuracy < 5% and x > y; <b>bold</b>")).toBe(
      "accuracy < 5% and x > y; <b>bold</b>",
    );
  });

  it("leaves no control sequence in any mix of attack fragments", () => {
    const fragment = fc.constantFrom(
      "<",
      ">",
      "!",
      "@",
      "#",
      "|",
      "channel",
      "here",
      "https://x.y",
      "U1",
      " ",
      "^",
      "a",
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), (parts) => {
        const out = stripSlackControls(parts.join(""));
        expect(out).not.toMatch(/<[!@#][^<>]*>|<https?:[^<>]*>|@(channel|here|everyone)\b/i);
        expect(escapeMrkdwn(out)).not.toMatch(/[<>]/);
      }),
      { numRuns: 500 },
    );
  });
});
