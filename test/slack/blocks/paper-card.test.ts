// renderPaperCard: one card for every surface, escaped once, linked safely, within limits.
import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import type { Paper } from "../../../src/papers/paper.ts";
import { validateSlackPayload } from "../../../src/playground/validate-slack-payload.ts";
import { renderPaperCard, renderPaperMessage } from "../../../src/slack/blocks/paper-card.ts";
import { samplePaper } from "./sample-paper.ts";

const texts = (blocks: KnownBlock[]) => JSON.stringify(blocks);
const headline = (blocks: KnownBlock[]) => (blocks[0] as { text: { text: string } }).text.text;

describe("renderPaperCard", () => {
  it("shows the linked title, first three authors with et al., date, category and upvotes", () => {
    const blocks = renderPaperCard(samplePaper);
    expect(headline(blocks)).toBe(
      "*<https://arxiv.org/abs/2302.06675|Symbolic Discovery of Optimization Algorithms>*\n" +
        "Xiangning Chen, Chen Liang, Da Huang et al.\n" +
        "2023-02-13 · cs.LG · ▲ 42 upvotes",
    );
  });

  it("uses the Hugging Face thumbnail as an image accessory", () => {
    const [first] = renderPaperCard(samplePaper);
    expect(first).toMatchObject({
      accessory: {
        type: "image",
        image_url: samplePaper.thumbnail,
        alt_text: expect.stringContaining("Symbolic"),
      },
    });
    const [noThumb] = renderPaperCard({ ...samplePaper, thumbnail: "http://insecure.example/x.png" });
    expect(noThumb).not.toHaveProperty("accessory");
  });

  it("links arXiv, PDF, Hugging Face and the code repository", () => {
    const context = renderPaperCard(samplePaper).find((block) => block.type === "context");
    expect(context).toEqual({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text:
            "<https://arxiv.org/abs/2302.06675|arXiv> · <https://arxiv.org/pdf/2302.06675|PDF> · " +
            "<https://huggingface.co/papers/2302.06675|Hugging Face> · <https://github.com/google/automl|Code>",
        },
      ],
    });
  });

  it("shows the TL;DR with its label, or else the snippet", () => {
    const withTldr = renderPaperCard(samplePaper, {
      tldr: { text: "Lion beats AdamW.", label: "AI summary · gpt-4o-mini" },
      snippet: "ignored",
    });
    expect(withTldr[1]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: "*TL;DR* Lion beats AdamW.\n_AI summary · gpt-4o-mini_" },
    });
    expect(texts(withTldr)).not.toContain("ignored");
    const withSnippet = renderPaperCard(samplePaper, { snippet: "program search & more" });
    expect(withSnippet[1]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: "program search &amp; more" },
    });
  });

  it("adds the requested buttons with their action_ids and the paper id as value", () => {
    const actions = renderPaperCard(samplePaper, { actions: ["share", "summarize", "discuss", "save"] }).at(
      -1,
    );
    expect(actions).toMatchObject({
      type: "actions",
      elements: [
        { action_id: "paper_share", text: { text: "Share to channel" }, value: "2302.06675" },
        { action_id: "paper_summarize", text: { text: "Summarize" }, value: "2302.06675" },
        { action_id: "paper_discuss", text: { text: "Discuss" }, value: "2302.06675", style: "primary" },
        { action_id: "paper_save", text: { text: "Save" }, value: "2302.06675" },
        {
          type: "overflow",
          action_id: "paper_menu",
          options: [{ text: { type: "plain_text", text: "Similar papers" }, value: "similar:2302.06675" }],
        },
      ],
    });
    expect(renderPaperCard(samplePaper).some((block) => block.type === "actions")).toBe(false);
  });

  it("leaves the menu out when the paper id would not fit an option value (75 characters)", () => {
    const actions = renderPaperCard({ ...samplePaper, id: "x".repeat(70) }, { actions: ["share"] }).at(-1);
    expect(JSON.stringify(actions)).not.toContain("paper_menu");
  });

  it("says where a paper was found when it came from a source", () => {
    expect(texts(renderPaperCard(samplePaper, { foundVia: "hf" }))).toContain("Found on Hugging Face");
    expect(texts(renderPaperCard(samplePaper, { foundVia: "local" }))).not.toContain("Found");
  });

  it("escapes a hostile title once and keeps it inside its link", () => {
    const hostile = { ...samplePaper, title: "<!channel> A|B <https://evil.example|arxiv> &lt; *x*" };
    const text = headline(renderPaperCard(hostile));
    expect(text.split("\n")[0]).toBe(
      "*<https://arxiv.org/abs/2302.06675|&lt;!channel&gt; A∣B &lt;https://evil.example∣arxiv&gt; &amp;lt; *x*>*",
    );
  });

  it("drops a code link that is not an http(s) URL and encodes | in a hostile id's URL", () => {
    const blocks = renderPaperCard({ ...samplePaper, id: "x|y>z", githubRepo: "javascript:alert(1)" });
    expect(texts(blocks)).not.toContain("javascript");
    expect(headline(blocks)).toContain("<https://arxiv.org/abs/x%7Cy%3Ez|");
  });

  it("handles a paper with no authors, no date and an empty title", () => {
    const bare: Paper = {
      id: "2401.00001",
      title: "  ",
      abstract: "",
      authors: [],
      categories: [],
      source: "arxiv",
    };
    expect(headline(renderPaperCard(bare))).toBe("*<https://arxiv.org/abs/2401.00001|Untitled paper>*");
  });

  it("renders a whole message with an escaped fallback text that passes the validator", () => {
    const message = renderPaperMessage({ ...samplePaper, title: "Q&A <b>" }, { actions: ["discuss"] });
    expect(message.text).toBe("Q&amp;A &lt;b&gt; (arXiv 2302.06675)");
    expect(validateSlackPayload("chat.postMessage", { channel: "C0PAPERS", ...message })).toEqual([]);
  });
});
