// validateSlackPayload: Slack's Block Kit limits and paperboy's text-safety rules, as a pure function.
import { describe, expect, it } from "vitest";
import { findUnsafeMrkdwn } from "../../src/playground/find-unsafe-mrkdwn.ts";
import { checkSlackPayload, validateSlackPayload } from "../../src/playground/validate-slack-payload.ts";

const section = (text: string, type = "mrkdwn") => ({ type: "section", text: { type, text } });
const button = (fields: Record<string, unknown> = {}) => ({
  type: "button",
  action_id: "paper_discuss",
  text: { type: "plain_text", text: "Discuss" },
  value: "2302.06675",
  ...fields,
});
const post = (blocks: unknown[], text = "fallback") =>
  validateSlackPayload("chat.postMessage", { text, blocks });

describe("validateSlackPayload limits", () => {
  it("accepts a well-formed message with a header, linked section, context, image and buttons", () => {
    expect(
      post([
        { type: "header", text: { type: "plain_text", text: "Results for <!channel> & co" } },
        section("*<https://arxiv.org/abs/2302.06675|A &amp; B &lt;3&gt;>*\nby <@U0ADA> in <#C0PAPERS>"),
        { type: "context", elements: [{ type: "mrkdwn", text: "<https://arxiv.org/pdf/2302.06675|PDF>" }] },
        { type: "image", image_url: "https://example.org/a.png", alt_text: "a" },
        { type: "actions", elements: [button(), button({ action_id: "paper_save" })] },
        { type: "divider" },
      ]),
    ).toEqual([]);
  });

  it.each([
    [
      "51 blocks",
      Array.from({ length: 51 }, () => ({ type: "divider" })),
      "must provide no more than 50 items [json-pointer:/blocks]",
    ],
    [
      "section text of 3,001",
      [section("x".repeat(3_001))],
      "must be less than 3001 characters [json-pointer:/blocks/0/text/text]",
    ],
    [
      "an empty section text",
      [section("")],
      "must be more than 0 characters [json-pointer:/blocks/0/text/text]",
    ],
    [
      "a header of 151",
      [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }],
      "must be less than 151 characters [json-pointer:/blocks/0/text/text]",
    ],
    [
      "a mrkdwn header",
      [{ type: "header", text: { type: "mrkdwn", text: "h" } }],
      "must be plain_text [json-pointer:/blocks/0/text/type]",
    ],
    [
      "button text of 76",
      [{ type: "actions", elements: [button({ text: { type: "plain_text", text: "b".repeat(76) } })] }],
      "must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]",
    ],
    [
      "button value of 2,001",
      [{ type: "actions", elements: [button({ value: "v".repeat(2_001) })] }],
      "must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]",
    ],
    [
      "action_id of 256",
      [{ type: "actions", elements: [button({ action_id: "a".repeat(256) })] }],
      "must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]",
    ],
    [
      "block_id of 256",
      [{ type: "divider", block_id: "b".repeat(256) }],
      "must be less than 256 characters [json-pointer:/blocks/0/block_id]",
    ],
    [
      "duplicate block_ids",
      [
        { type: "divider", block_id: "x" },
        { type: "divider", block_id: "x" },
      ],
      "duplicate block_id [json-pointer:/blocks/1/block_id]",
    ],
    [
      "11 context elements",
      [{ type: "context", elements: Array.from({ length: 11 }, () => ({ type: "plain_text", text: "c" })) }],
      "must provide no more than 10 items [json-pointer:/blocks/0/elements]",
    ],
    [
      "11 fields",
      [{ type: "section", fields: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "f" })) }],
      "must provide no more than 10 items [json-pointer:/blocks/0/fields]",
    ],
    [
      "a field of 2,001",
      [{ type: "section", fields: [{ type: "mrkdwn", text: "f".repeat(2_001) }] }],
      "must be less than 2001 characters [json-pointer:/blocks/0/fields/0/text]",
    ],
    [
      "an unknown block type",
      [{ type: "carousel" }],
      'unsupported block type "carousel" [json-pointer:/blocks/0/type]',
    ],
  ])("rejects %s", (_name, blocks, expected) => {
    expect(post(blocks)).toContain(expected);
  });

  it("requires a text fallback on chat.postMessage, chat.postEphemeral and chat.update", () => {
    for (const method of ["chat.postMessage", "chat.postEphemeral", "chat.update"]) {
      const problems = checkSlackPayload(method, { user: "U0ADA", blocks: [{ type: "divider" }] });
      expect(problems.map((problem) => problem.error)).toEqual(["no_text"]);
    }
  });

  it("allows 100 blocks in a Home view and rejects 101", () => {
    const view = (n: number) => ({
      view: { type: "home", blocks: Array.from({ length: n }, () => ({ type: "divider" })) },
    });
    expect(validateSlackPayload("views.publish", view(100))).toEqual([]);
    expect(validateSlackPayload("views.publish", view(101))).toEqual([
      "must provide no more than 100 items [json-pointer:/view/blocks]",
    ]);
  });

  it("checks every unfurl's blocks and text", () => {
    const unfurls = { "https://arxiv.org/abs/1": { blocks: [section("<!everyone>")] } };
    expect(validateSlackPayload("chat.unfurl", { unfurls })).toEqual([
      "broadcast mention <!everyone> at offset 0 [json-pointer:/unfurls/https:~1~1arxiv.org~1abs~11/blocks/0/text/text]",
    ]);
  });

  it("lets a response_url body that only deletes the original go without text", () => {
    expect(validateSlackPayload("response_url", { delete_original: true })).toEqual([]);
    expect(validateSlackPayload("response_url", { replace_original: true })).toHaveLength(1);
  });

  it("rejects control characters and lone surrogates anywhere, and link_names / parse=full", () => {
    expect(post([section("bell \u0007")])).toContain(
      "contains a control character [json-pointer:/blocks/0/text/text]",
    );
    expect(post([], "half \ud83d emoji")).toContain("contains a lone UTF-16 surrogate [json-pointer:/text]");
    expect(validateSlackPayload("chat.postMessage", { text: "hi", link_names: true })).toHaveLength(1);
    expect(validateSlackPayload("chat.postMessage", { text: "hi", parse: "full" })).toHaveLength(1);
    expect(post([section("tab\tnewline\n emoji 🎉")])).toEqual([]);
  });

  it("ignores methods that carry no message content", () => {
    expect(validateSlackPayload("users.info", { user: "<!channel>" })).toEqual([]);
  });
});

describe("validateSlackPayload text safety", () => {
  it.each([
    ["<!channel> wake up", "broadcast mention <!channel>"],
    ["<!here|here>", "broadcast mention <!here>"],
    ["hi <!everyone>", "broadcast mention <!everyone>"],
    ["<!subteam^S123>", "unexpected special command"],
    ["a < b", "unescaped <"],
    ["a > b", "unescaped >"],
    ["R&D", "unescaped &"],
    ["&quot;quoted&quot;", "unescaped &"],
    ["<https://evil.example|arxiv.org|abs>", "second | inside link label"],
    ["<https://x.org/?a=1&b=2|x>", "unescaped & inside link"],
    ["<javascript:alert(1)|x>", "unexpected control sequence"],
    ["<https://ok.org|>", "empty link label"],
    ["<<@U0ADA>>", "unescaped <"],
  ])("flags %j as %s", (text, problem) => {
    const problems = checkSlackPayload("chat.postMessage", { text });
    expect(problems.some((found) => found.error === "unsafe_text" && found.message.includes(problem))).toBe(
      true,
    );
  });

  it.each([
    "plain words",
    "&amp; &lt;tag&gt;",
    "<@U0ADA> and <@W0123>",
    "<#C0PAPERS> or <#C0PAPERS|papers>",
    "<https://arxiv.org/abs/2302.06675|Title &amp; more>",
    "<https://x.org/?a=1&amp;b=2>",
    "<mailto:ada@example.org|Ada>",
    "*bold* _italic_ ~strike~ `code`",
  ])("accepts %j", (text) => {
    expect(findUnsafeMrkdwn(text)).toEqual([]);
  });

  it("does not read plain_text as mrkdwn: Slack shows it literally", () => {
    expect(post([section("<!channel> & <b>", "plain_text")])).toEqual([]);
  });
});
