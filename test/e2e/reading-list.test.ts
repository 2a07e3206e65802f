// End to end: 🔖 reactions and *Save* fill a user's reading list; the App Home tab shows it and removes from it.
import { describe, expect, it } from "vitest";
import { useTestBot } from "../support/bot-harness.ts";
import {
  buttonsIn,
  eventually,
  firstResponse,
  settle,
  TRANSPORTS,
  visibleText,
  waitForMessages,
} from "../support/e2e-helpers.ts";

const CHANNEL = "C0PAPERS";

describe.each(TRANSPORTS)("the reading list over %s", (transport) => {
  const t = useTestBot({ transport });

  /** Shares `paper` so the bot has a message showing it in the channel; returns that message's ts. */
  async function sharedMessage(paper: string): Promise<string> {
    await t.standIn.sendBlockAction({ actionId: "paper_share", value: paper });
    const [posted] = await waitForMessages(t.standIn, CHANNEL);
    if (!posted) throw new Error("nothing shared");
    // The bot remembers which paper it posted once chat.postMessage has answered.
    await eventually(() => t.bot.services.readingList.paperAt({ channel: CHANNEL, ts: posted.ts }));
    return posted.ts;
  }

  function react(user: string, ts: string, reaction: string) {
    return t.standIn.sendEvent({
      type: "reaction_added",
      user,
      reaction,
      item_user: "UBOT",
      item: { type: "message", channel: CHANNEL, ts },
    });
  }

  it("a 🔖 reaction on a paper the bot posted saves it for the person who reacted", async () => {
    const ts = await sharedMessage("2111.01253");
    await react("U0GRACE", ts, "thumbsup");
    await react("U0GRACE", ts, "bookmark");
    await eventually(async () => (await t.bot.services.readingList.list("U0GRACE")).includes("2111.01253"));
    expect(await t.bot.services.readingList.list("U0GRACE")).toEqual(["2111.01253"]);
    // Their Home tab is refreshed with it.
    const home = await t.standIn.waitFor(() => t.standIn.homeView("U0GRACE"));
    expect(visibleText(home.view)).toContain("Neural Scene Flow Prior");
    expect(await t.bot.services.readingList.list("U0ADA")).toEqual([]);
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("a 🔖 reaction on a message that is not a paper saves nothing", async () => {
    const { message } = await t.standIn.sendUserMessage({ text: "lunch?", user: "U0ALAN" });
    await react("U0ALAN", message.ts, "bookmark");
    await settle();
    expect(await t.bot.services.readingList.list("U0ALAN")).toEqual([]);
    expect(t.standIn.calls("views.publish")).toEqual([]);
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("the Save button saves the paper and says so", async () => {
    const click = await t.standIn.sendBlockAction({ actionId: "paper_save", value: "2404.12754" });
    const text = visibleText(await firstResponse(t.standIn, click.responseUrlId));
    expect(text).toContain("Saved “Adaptive Regularization of Representation Rank");
    expect(await t.bot.services.readingList.list("U0ADA")).toContain("2404.12754");
    const again = await t.standIn.sendBlockAction({ actionId: "paper_save", value: "2404.12754" });
    expect(visibleText(await firstResponse(t.standIn, again.responseUrlId))).toContain("already on your");
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("the Home tab shows the saved papers and the digest settings; Remove takes a paper off", async () => {
    await t.standIn.sendSlashCommand({ text: "schedule 09:00 Europe/Berlin weekdays" });
    await t.bot.services.readingList.save("U0ALAN", "2111.01253");
    await t.bot.services.readingList.save("U0ALAN", "2404.12754");
    await t.standIn.sendEvent({ type: "app_home_opened", user: "U0ALAN", channel: "D0ALAN", tab: "home" });
    const home = await t.standIn.waitFor(() => t.standIn.homeView("U0ALAN"));
    expect(home.view.type).toBe("home");
    const shown = visibleText(home.view);
    expect(shown).toContain("Your reading list");
    expect(shown).toContain("Neural Scene Flow Prior");
    expect(shown).toContain("Adaptive Regularization of Representation Rank");
    expect(shown).toContain("Digest settings");
    expect(shown).toContain("09:00");
    expect(shown).toContain("/papers schedule");
    expect(buttonsIn(home.view).map((button) => button.value)).toEqual(["2404.12754", "2111.01253"]);

    await t.standIn.sendBlockAction({
      surface: "home",
      user: "U0ALAN",
      actionId: "reading_list_remove",
      value: "2404.12754",
    });
    const updated = await t.standIn.waitFor(() => {
      const view = t.standIn.homeView("U0ALAN");
      return view && buttonsIn(view.view).length === 1 ? view : undefined;
    });
    expect(visibleText(updated.view)).not.toContain("Adaptive Regularization of Representation Rank");
    expect(visibleText(updated.view)).toContain("Neural Scene Flow Prior");
    expect(await t.bot.services.readingList.list("U0ALAN")).toEqual(["2111.01253"]);
    expect(t.standIn.rejected()).toEqual([]);
  });
});
