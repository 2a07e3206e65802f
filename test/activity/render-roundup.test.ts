// The roundup message: hostile titles shown as text, Slack's limits kept with the most papers, a quiet week's note or nothing.
import { describe, expect, it } from "vitest";
import type { ActivityCounts } from "../../src/activity/activity-ledger.ts";
import { composeRoundup } from "../../src/activity/compose-roundup.ts";
import { validateSlackPayload } from "../../src/playground/validate-slack-payload.ts";
import { renderRoundupMessage } from "../../src/slack/weekly/render-roundup.ts";
import { makePaper } from "../digest/digest-test-kit.ts";

const HOSTILE = "<!channel> *Attention* | <https://evil.example|click> & more > less";

function roundupOf(papers: Record<string, ActivityCounts>, digestPapers: string[] = []) {
  return composeRoundup({
    channel: "C0PAPERS",
    week: "2026-W14",
    activity: { papers },
    digestPapers: new Set(digestPapers),
    quiet: "note",
  });
}

describe("the roundup message", () => {
  it("shows a hostile title as text, and passes Slack's checks", () => {
    const roundup = roundupOf({ "2603.00001": { liked: 2 } }, ["2603.00001"]);
    const entry = roundup.active[0];
    if (!entry) throw new Error("one paper expected");
    entry.paper = makePaper("2603.00001", HOSTILE);
    entry.threadUrl = "https://paperboy-lab.slack.com/archives/C0PAPERS/p1774947600000000";
    const digestEntry = roundup.digestLiked[0];
    if (digestEntry) digestEntry.paper = entry.paper;
    const message = renderRoundupMessage(roundup);
    if (!message) throw new Error("a message expected");
    expect(validateSlackPayload("chat.postMessage", { channel: "C0PAPERS", ...message })).toEqual([]);
    const json = JSON.stringify(message.blocks);
    expect(json).not.toContain("<!channel>");
    expect(json).toContain("&lt;!channel&gt;");
    expect(json).toContain("<https://paperboy-lab.slack.com/archives/C0PAPERS/p1774947600000000|thread>");
  });

  it("lists the eight most active papers, most active first, and stays within Slack's limits", () => {
    const papers = Object.fromEntries(
      Array.from({ length: 600 }, (_, i) => [
        `2603.${String(10_000 + i).slice(1)}`,
        { reacted: i + 1, liked: i % 3 },
      ]),
    );
    const roundup = roundupOf(papers, Object.keys(papers));
    expect(roundup.active.map((entry) => entry.paperId).slice(0, 2)).toEqual(["2603.0599", "2603.0598"]);
    expect(roundup.active).toHaveLength(8);
    expect(roundup.digestLiked).toHaveLength(5);
    expect(roundup.paperCount).toBe(600);
    const message = renderRoundupMessage(roundup);
    if (!message) throw new Error("a message expected");
    expect(validateSlackPayload("chat.postMessage", { channel: "C0PAPERS", ...message })).toEqual([]);
  });

  it("for a quiet week is a one-line note, or nothing when set to skip", () => {
    expect(renderRoundupMessage(roundupOf({}))?.text).toBe(
      "A quiet week in <#C0PAPERS> (Mon 30 Mar – Sun 5 Apr): no paper was saved, discussed or reacted to.",
    );
    expect(renderRoundupMessage({ ...roundupOf({}), quiet: "skip" })).toBeUndefined();
  });
});
