// The App Home tab: saved papers and digest settings, escaped, within 100 blocks, with how to change settings.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.ts";
import { validateSlackPayload } from "../../src/playground/validate-slack-payload.ts";
import { READING_LIST_REMOVE_ACTION_ID, renderHomeView } from "../../src/slack/blocks/reading-list-home.ts";
import { escapeMrkdwn } from "../../src/slack/mrkdwn.ts";
import { PAPER } from "../discussion/discussion-fixtures.ts";

const paper = (n: number, title = `Paper ${n}`): Paper => ({
  ...PAPER,
  id: `2301.${String(n).padStart(5, "0")}`,
  title,
});

function expectValid(view: ReturnType<typeof renderHomeView>) {
  expect(validateSlackPayload("views.publish", { user_id: "U1", view })).toEqual([]);
}

describe("renderHomeView", () => {
  it("shows saved papers with links and a Remove button, then the settings and how to change them", () => {
    const view = renderHomeView({
      saved: [paper(2), paper(1)],
      channelSettingsMrkdwn: "#papers: weekdays 09:00 Europe/Berlin",
    });
    expectValid(view);
    expect(view.type).toBe("home");
    const json = JSON.stringify(view.blocks);
    expect(json).toContain("2 saved papers, newest first");
    expect(json.indexOf("Paper 2")).toBeLessThan(json.indexOf("Paper 1"));
    expect(json).toContain(`"action_id":"${READING_LIST_REMOVE_ACTION_ID}"`);
    expect(json).toContain('"value":"2301.00002"');
    expect(json).toContain("<https://arxiv.org/abs/2301.00002|Paper 2>");
    expect(json).toContain("#papers: weekdays 09:00 Europe/Berlin");
    expect(json).toContain("/papers schedule");
    expect(json).toContain("/papers topics");
  });

  it("says how to save papers when the list is empty, and when no channel has a digest", () => {
    const json = JSON.stringify(renderHomeView({ saved: [], channelSettingsMrkdwn: "" }).blocks);
    expect(json).toContain("Nothing saved yet");
    expect(json).toContain(":bookmark:");
    expect(json).toContain("No channel has a daily digest yet.");
  });

  it("stays within 100 blocks for a full reading list, saying how many more there are", () => {
    const saved = Array.from({ length: 100 }, (_, i) => paper(100 - i));
    const view = renderHomeView({ saved, channelSettingsMrkdwn: "x\n".repeat(5_000) });
    expectValid(view);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view.blocks)).toMatch(/…and \d+ more\./);
    expect(JSON.stringify(view.blocks)).toContain("/papers schedule");
  });

  it("keeps the digest module's settings mrkdwn as it is, channel links included", () => {
    const json = JSON.stringify(
      renderHomeView({
        saved: [],
        channelSettingsMrkdwn: "*<#C0PAPERS>* weekdays at 09:00 · topics: a &amp; b",
      }),
    );
    expect(json).toContain("*<#C0PAPERS>* weekdays at 09:00 · topics: a &amp; b");
  });

  it("escapes hostile titles and authors, and never un-escapes settings text", () => {
    const hostile = fc.oneof(
      fc.constantFrom("<!channel>", "<https://evil|arxiv.org>", "a & b", "<@U1>", "|", ">"),
      fc.string({ maxLength: 200 }),
    );
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        const view = renderHomeView({
          saved: [{ ...paper(1, a), authors: [b, a] }, paper(2, `${b}${a}`)],
          // The digest module escapes user input in its settings text before it gets here.
          channelSettingsMrkdwn: escapeMrkdwn(`${a}\n${b}`),
        });
        expectValid(view);
      }),
      { numRuns: 150 },
    );
    const json = JSON.stringify(
      renderHomeView({
        saved: [paper(1, "<!channel>")],
        channelSettingsMrkdwn: escapeMrkdwn("<https://evil|x>"),
      }),
    );
    expect(json).not.toContain("<!channel>");
    expect(json).toContain("&lt;https://evil|x&gt;");
  });
});
