// End to end: `/papers <query>` through the real bot and the Slack stand-in — cards, paging, no results.
import { describe, expect, it } from "vitest";
import { useTestBot } from "../support/bot-harness.ts";
import {
  buttonsIn,
  firstResponse,
  paperIdsIn,
  TRANSPORTS,
  visibleText,
  waitForResponses,
} from "../support/e2e-helpers.ts";

describe.each(TRANSPORTS)("/papers search over %s", (transport) => {
  const t = useTestBot({ transport });

  it("acks at once and answers with the top five paper cards, ephemeral, each with Share, Summarize and Discuss", async () => {
    const result = await t.standIn.sendSlashCommand({ text: "regularization" });
    expect(result.status).toBe(200);
    expect(result.transport).toBe(transport);
    expect(result.ackMs).toBeLessThan(3_000);
    const body = await firstResponse(t.standIn, result.responseUrlId);
    expect(body.response_type).toBe("ephemeral");
    expect(visibleText(body)).toContain("Results for “regularization”");
    expect(visibleText(body)).toMatch(/Regulariz/);
    expect(paperIdsIn(body)).toHaveLength(5);
    for (const id of paperIdsIn(body)) {
      const forPaper = buttonsIn(body).filter((button) => button.value === id);
      expect(forPaper.map((button) => button.action_id)).toEqual([
        "paper_share",
        "paper_summarize",
        "paper_discuss",
      ]);
    }
    expect(buttonsIn(body).some((button) => button.action_id === "search_more")).toBe(true);
    // Only the person who asked sees it: nothing in the channel.
    expect(t.standIn.ephemerals("C0PAPERS", "U0ADA")).toHaveLength(1);
    expect(t.standIn.messages("C0PAPERS")).toEqual([]);
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("*More results* replaces the message with the next page", async () => {
    const result = await t.standIn.sendSlashCommand({ text: "regularization" });
    const firstPage = paperIdsIn(await firstResponse(t.standIn, result.responseUrlId));
    const [shown] = t.standIn.ephemerals("C0PAPERS", "U0ADA");
    if (!shown) throw new Error("no results shown");

    const click = await t.standIn.sendBlockAction({ actionId: "search_more", message: shown });
    expect(click.status).toBe(200);
    const [replacement] = await waitForResponses(t.standIn, click.responseUrlId);
    expect(replacement?.body.replace_original).toBe(true);

    const ephemerals = t.standIn.ephemerals("C0PAPERS", "U0ADA");
    expect(ephemerals).toHaveLength(1);
    const secondPage = paperIdsIn(ephemerals[0]?.blocks);
    expect(visibleText(ephemerals[0]?.blocks)).toContain("(page 2)");
    expect(secondPage).toHaveLength(5);
    expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("says so when nothing matches and suggests a broader query", async () => {
    const result = await t.standIn.sendSlashCommand({ text: "xyzzyplugh quuxfrobnicator" });
    const body = await firstResponse(t.standIn, result.responseUrlId);
    const text = visibleText(body);
    expect(text).toContain("No papers matched");
    expect(text).toContain("broader query");
    expect(paperIdsIn(body)).toEqual([]);
    expect(t.standIn.messages("C0PAPERS")).toEqual([]);
    expect(t.standIn.rejected()).toEqual([]);
  });
});
