// End to end: a reaction taken off a paper message comes off the week's counts that the roundup shows.
import { describe, expect, it } from "vitest";
import { useTestBot } from "../support/bot-harness.ts";
import {
  eventually,
  firstResponse,
  TRANSPORTS,
  visibleText,
  waitForMessages,
} from "../support/e2e-helpers.ts";

const CHANNEL = "C0PAPERS";
const PAPER = "2111.01253";

describe.each(TRANSPORTS)("reactions taken back over %s", (transport) => {
  // A Tuesday in ISO week 2026-W14.
  const t = useTestBot({ transport, now: () => new Date("2026-03-31T09:00:00Z") });

  const counts = async () => (await t.bot.weekly.ledger.week("T0PAPERS", CHANNEL, "2026-W14")).papers[PAPER];
  const preview = async () => {
    const sent = await t.standIn.sendSlashCommand({ text: "weekly preview", channel: CHANNEL });
    return visibleText(await firstResponse(t.standIn, sent.responseUrlId));
  };

  it("come off the roundup's likes and reactions, and a 🔖 taken off leaves the save", async () => {
    await t.standIn.sendSlashCommand({ text: `discuss ${PAPER}`, channel: CHANNEL });
    const [root] = await waitForMessages(t.standIn, CHANNEL);
    if (!root) throw new Error("no discussion posted");
    await eventually(() => t.bot.services.discussions.paperForThread(CHANNEL, root.ts));
    const on = (user: string, name: string) => ({ user, channel: CHANNEL, ts: root.ts, name });

    await t.standIn.addUserReaction(on("U0ADA", "+1"));
    await t.standIn.addUserReaction(on("U0GRACE", "heart"));
    await t.standIn.addUserReaction(on("U0ALAN", "eyes"));
    await t.standIn.addUserReaction(on("U0ALAN", "bookmark"));
    await eventually(async () => (await counts())?.saved === 1 && (await counts())?.liked === 2);
    expect(await preview()).toContain("1 reaction · :+1: 2 likes");

    await t.standIn.removeUserReaction(on("U0GRACE", "heart"));
    await t.standIn.removeUserReaction(on("U0ALAN", "eyes"));
    await t.standIn.removeUserReaction(on("U0ALAN", "bookmark"));
    await eventually(async () => (await counts())?.liked === 1);
    expect(await counts()).toEqual({ discussed: 1, saved: 1, liked: 1 });
    const shown = await preview();
    expect(shown).toContain(":bookmark: 1 save · :speech_balloon: 1 discussion · :+1: 1 like");
    expect(shown).not.toContain("reaction");
    // The person who took their 🔖 off still has the paper on their reading list.
    expect(await t.bot.services.readingList.list("U0ALAN")).toEqual([PAPER]);
    expect(t.standIn.rejected()).toEqual([]);
  });
});
