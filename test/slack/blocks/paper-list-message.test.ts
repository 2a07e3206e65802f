// renderPaperListMessage, renderUsage and renderNotice: the /papers answers.
import { describe, expect, it } from "vitest";
import type { Paper } from "../../../src/papers/paper.ts";
import { validateSlackPayload } from "../../../src/playground/validate-slack-payload.ts";
import {
  encodeMoreResultsValue,
  parseMoreResultsValue,
  renderPaperListMessage,
} from "../../../src/slack/blocks/paper-list-message.ts";
import { renderNotice, renderUsage } from "../../../src/slack/blocks/usage.ts";
import { samplePaper } from "./sample-paper.ts";

const paper = (n: number): Paper => ({ ...samplePaper, id: `2302.0667${n}`, title: `Paper ${n}` });
const hits = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ paper: paper(i), snippet: `snippet ${i}` }));
const valid = (message: object) => validateSlackPayload("response_url", message);

describe("renderPaperListMessage", () => {
  it("shows a plain_text header, at most five cards with Share, Summarize, Discuss, and More results", () => {
    const message = renderPaperListMessage(hits(7), { query: "regularization", page: 1, hasMore: true });

    expect(message.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Results for “regularization”" },
    });
    const actionIds = message.blocks.flatMap((block) =>
      block.type === "actions"
        ? block.elements.map((element) => ("action_id" in element ? element.action_id : ""))
        : [],
    );
    expect(actionIds.filter((id) => id === "paper_discuss")).toHaveLength(5);
    expect(actionIds.at(-1)).toBe("search_more");
    expect(message.text).toBe("Results for “regularization”: 5 papers");
    expect(valid(message)).toEqual([]);
  });

  it("encodes the next page in the More results value", () => {
    const message = renderPaperListMessage(hits(5), { query: "vision", page: 2, hasMore: true });
    const more = message.blocks.at(-1);
    const value =
      more?.type === "actions" && more.elements[0] && "value" in more.elements[0]
        ? more.elements[0].value
        : "";
    expect(parseMoreResultsValue(value ?? "")).toEqual({ query: "vision", page: 3 });
    expect(message.blocks[0]).toMatchObject({ text: { text: "Results for “vision” (page 2)" } });
  });

  it("leaves out More results when there is no next page", () => {
    const message = renderPaperListMessage(hits(2), { query: "q", page: 1, hasMore: false });
    expect(JSON.stringify(message.blocks)).not.toContain("search_more");
  });

  it("says when nothing matched and suggests a broader query", () => {
    const message = renderPaperListMessage([], { query: "<!here> zzz", page: 1, hasMore: false });
    expect(message.text).toBe("No papers matched “&lt;!here&gt; zzz”. Try a broader query.");
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "No results for “<!here> zzz”" },
    });
    expect(JSON.stringify(message.blocks)).toContain("Try a broader query");
    expect(valid(message)).toEqual([]);
  });

  it("labels results as the index's alone when a source could not be reached, with or without hits", () => {
    for (const n of [3, 0]) {
      const message = renderPaperListMessage(hits(n), {
        query: "regularization",
        page: 1,
        hasMore: false,
        unreachable: "Hugging Face and arXiv",
      });
      expect(JSON.stringify(message.blocks)).toContain(
        "Hugging Face and arXiv could not be reached; these are the papers paperboy already had.",
      );
      expect(valid(message)).toEqual([]);
    }
    const answered = renderPaperListMessage(hits(3), { query: "regularization", page: 1, hasMore: false });
    expect(JSON.stringify(answered.blocks)).not.toContain("could not be reached");
  });

  it("keeps the header within 150 characters and the text escaped for a long hostile query", () => {
    const query = `${"<&>".repeat(100)}🎉`;
    const message = renderPaperListMessage(hits(1), { query, page: 1, hasMore: true });
    const header = message.blocks[0];
    expect(header?.type === "header" && header.text.text.length).toBeLessThanOrEqual(150);
    expect(valid(message)).toEqual([]);
  });
});

describe("More results value", () => {
  it("round-trips query and page, and stays within 2,000 characters for any query", () => {
    expect(parseMoreResultsValue(encodeMoreResultsValue('a "quoted" query', 4))).toEqual({
      query: 'a "quoted" query',
      page: 4,
    });
    const huge = encodeMoreResultsValue('"\\'.repeat(5_000), 2);
    expect(huge.length).toBeLessThanOrEqual(2_000);
    expect(parseMoreResultsValue(huge)?.page).toBe(2);
  });

  it("rejects values that are not ours", () => {
    expect(parseMoreResultsValue("2302.06675")).toBeUndefined();
    expect(parseMoreResultsValue('{"q":1,"p":2}')).toBeUndefined();
    expect(parseMoreResultsValue('{"q":"x","p":0}')).toBeUndefined();
  });
});

describe("renderUsage and renderNotice", () => {
  it("usage lists the commands and passes the validator", () => {
    const usage = renderUsage();
    expect(JSON.stringify(usage.blocks)).toContain("/papers discuss 2302.06675");
    expect(valid(usage)).toEqual([]);
  });

  it("a notice escapes what it is given", () => {
    const notice = renderNotice("No paper <2302.0> & <!channel>");
    expect(notice.text).toBe("No paper &lt;2302.0&gt; &amp; &lt;!channel&gt;");
    expect(valid(notice)).toEqual([]);
  });
});
