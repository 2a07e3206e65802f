// Finding the paper in a paperboy message (for the 🔖 reaction path): metadata, card buttons, then paper links.
import { describe, expect, it } from "vitest";
import { paperIdFromMessage, paperIdsFromMessage } from "../../src/reading-list/paper-id-from-message.ts";
import { renderDiscussionStart } from "../../src/slack/blocks/discussion-message.ts";
import { renderPaperMessage } from "../../src/slack/blocks/paper-card.ts";
import { PAPER, SUMMARY } from "../discussion/discussion-fixtures.ts";

describe("paperIdFromMessage", () => {
  it("reads the id from a paper card's buttons", () => {
    const message = renderPaperMessage(PAPER, { actions: ["share", "discuss", "save"] });
    expect(paperIdFromMessage(message)).toBe("2405.01234");
  });

  it("reads the id from a discussion's opening message", () => {
    const message = renderDiscussionStart({
      paper: PAPER,
      summary: SUMMARY,
      questions: { questions: ["a", "b", "c"], origin: "template" },
    });
    expect(paperIdFromMessage(message)).toBe("2405.01234");
  });

  it("falls back to the card's arXiv link when there are no buttons", () => {
    expect(paperIdFromMessage(renderPaperMessage(PAPER))).toBe("2405.01234");
    expect(paperIdFromMessage({ text: "See https://arxiv.org/abs/2302.06675v2." })).toBe("2302.06675");
  });

  it("prefers message metadata", () => {
    const message = {
      ...renderPaperMessage(PAPER),
      metadata: { event_type: "paperboy_paper", event_payload: { paper_id: "2302.06675" } },
    };
    expect(paperIdFromMessage(message)).toBe("2302.06675");
  });

  it("gives null for a message about several papers or none, and ignores other buttons' values", () => {
    const digest = {
      blocks: [
        ...renderPaperMessage(PAPER, { actions: ["save"] }).blocks,
        ...renderPaperMessage({ ...PAPER, id: "2302.06675" }, { actions: ["save"] }).blocks,
      ],
    };
    expect(paperIdsFromMessage(digest)).toEqual(["2405.01234", "2302.06675"]);
    expect(paperIdFromMessage(digest)).toBeNull();
    expect(paperIdFromMessage({ text: "hello", blocks: [] })).toBeNull();
    const other = {
      blocks: [
        { type: "actions", elements: [{ type: "button", action_id: "something_else", value: "2302.06675" }] },
      ],
    };
    expect(paperIdFromMessage(other)).toBeNull();
    expect(paperIdFromMessage({ text: "https://evil.example/abs/2302.06675" })).toBeNull();
  });
});
