// The page's mrkdwn renderer: Slack's formatting as HTML, and nothing from the text ever becomes markup of its own.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mrkdwnToHtml, plainToHtml } from "../../src/playground/page/mrkdwn.js";
import { toWireText } from "../../src/playground/wire-text.ts";
import { playgroundWorkspace } from "../../src/playground/workspace.ts";
import { escapeText } from "../../src/slack/blocks/untrusted-text.ts";

const NAMES = { U0ALICE: "Alice", UBOT: "paperboy", C0PAPERS: "papers" };
// The only markup the renderer makes; every attribute it writes is one of these, with a safe href.
// Opening tags with exactly the attributes the renderer writes, and the closing tags of those elements.
const ALLOWED_TAG =
  /^(<(b|i|s|code|pre|blockquote|ul|ol|li|br|span( class="(mention|line)")?|a href="(https?:\/\/|mailto:)[^"<>]*" target="_blank" rel="noopener noreferrer")>|<\/(b|i|s|code|pre|blockquote|ul|ol|li|span|a)>)$/;

function tagsOf(html: string): string[] {
  return html.match(/<[^>]*>/g) ?? [];
}

describe("mrkdwnToHtml", () => {
  it("renders Slack's formatting: bold, italics, strike, code, links, mentions, quotes, lists, emoji", () => {
    const html = mrkdwnToHtml(
      "*Bold* _it_ ~gone~ `x < y` <https://arxiv.org/abs/2302.06675|the paper> <@U0ALICE> <#C0PAPERS|papers> <!here> :bookmark:\n&gt; quoted\n• one\n• two\n1. first",
      NAMES,
    );
    expect(html).toContain("<b>Bold</b>");
    expect(html).toContain("<i>it</i>");
    expect(html).toContain("<s>gone</s>");
    expect(html).toContain("<code>x &lt; y</code>");
    expect(html).toContain(
      '<a href="https://arxiv.org/abs/2302.06675" target="_blank" rel="noopener noreferrer">the paper</a>',
    );
    expect(html).toContain('<span class="mention">@Alice</span>');
    expect(html).toContain('<span class="mention">#papers</span>');
    expect(html).toContain('<span class="mention">@here</span>');
    expect(html).toContain("🔖");
    expect(html).toContain("<blockquote>quoted</blockquote>");
    expect(html).toContain("<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>");
  });

  it("keeps snake_case words and arithmetic as they are", () => {
    expect(mrkdwnToHtml("max_tokens and 2*3*4", NAMES)).toBe(
      '<span class="line">max_tokens and 2*3*4</span>',
    );
  });

  it("shows hostile titles as text: tags, script, event handlers and javascript: links stay inert", () => {
    const hostile = `<img src=x onerror=alert(1)> <script>alert(2)</script> "quote' <javascript:alert(3)|click> <a href="x">`;
    // As the bot sends it (escaped once) and as raw wire text a buggy app might send.
    for (const text of [escapeText(hostile), hostile, `*${hostile}*`, `<https://ok.example|${hostile}>`]) {
      const html = mrkdwnToHtml(text, NAMES);
      for (const tag of tagsOf(html)) expect(tag).toMatch(ALLOWED_TAG);
      expect(html).not.toMatch(/<(img|script|svg)/i);
      expect(html).not.toContain('javascript:alert(3)"');
    }
    expect(mrkdwnToHtml(escapeText(hostile), NAMES)).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("never makes markup of its own from any text (property)", () => {
    const pieces = fc.constantFrom(
      "<",
      ">",
      "&",
      "&lt;",
      "&amp;",
      '"',
      "'",
      "*",
      "_",
      "~",
      "`",
      "```",
      "|",
      "@",
      "#",
      "!",
      "\n",
      "&gt; ",
      "• ",
      "http://a.b",
      "javascript:",
      "script",
      "img onerror=",
      ":bookmark:",
      "\uE0001\uE000",
      "x",
      " ",
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 40 }), (parts) => {
        const html = mrkdwnToHtml(parts.join(""), NAMES);
        for (const tag of tagsOf(html)) expect(tag).toMatch(ALLOWED_TAG);
        // Outside tags, no raw quote or angle bracket survives.
        expect(html.replace(/<[^>]*>/g, "")).not.toMatch(/[<>"]/);
      }),
      { numRuns: 500 },
    );
  });

  it("draws a bare Slack link as a link, its closing tag included (a case the property found)", () => {
    const html = mrkdwnToHtml("<http://a.b>", NAMES);
    expect(html).toContain('<a href="http://a.b" target="_blank" rel="noopener noreferrer">');
    for (const tag of tagsOf(html)) expect(tag).toMatch(ALLOWED_TAG);
  });

  it("escapes plain text", () => {
    expect(plainToHtml('<b>"hi"</b> :+1:')).toBe("&lt;b&gt;&quot;hi&quot;&lt;/b&gt; 👍");
  });
});

describe("toWireText", () => {
  it("escapes &, <, > and encodes @mentions, #channels and links as a Slack client does", () => {
    const wire = toWireText(
      "@paperboy is <this> & https://arxiv.org/abs/2302.06675 in #papers? @nobody",
      playgroundWorkspace(),
    );
    expect(wire).toBe(
      "<@UBOT> is &lt;this&gt; &amp; <https://arxiv.org/abs/2302.06675> in <#C0PAPERS|papers>? @nobody",
    );
  });
});
