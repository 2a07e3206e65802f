// End to end: *Share to channel* posts the paper card in the channel as the bot, naming who shared it.
import { describe, expect, it } from "vitest";
import { useTestBot } from "../support/bot-harness.ts";
import {
  buttonsIn,
  firstResponse,
  TRANSPORTS,
  visibleText,
  waitForMessages,
} from "../support/e2e-helpers.ts";

describe.each(TRANSPORTS)("Share to channel over %s", (transport) => {
  const t = useTestBot({ transport });

  it("posts the card in the channel as the bot and confirms privately", async () => {
    const lookup = await t.standIn.sendSlashCommand({ text: "2111.01253" });
    await firstResponse(t.standIn, lookup.responseUrlId);
    const click = await t.standIn.sendBlockAction({ actionId: "paper_share", value: "2111.01253" });
    const [posted] = await waitForMessages(t.standIn, "C0PAPERS");
    expect(posted?.user).toBe("UBOT");
    expect(posted?.bot_id).toBe(t.standIn.workspace.botId);
    expect(posted?.text).toContain("Neural Scene Flow Prior");
    const shown = visibleText(posted?.blocks);
    expect(shown).toContain("Neural Scene Flow Prior");
    expect(shown).toContain("Shared by <@U0ADA>");
    // The shared card offers the channel Summarize, Discuss and Save, not Share again.
    expect(buttonsIn(posted?.blocks).map((button) => button.action_id)).toEqual([
      "paper_summarize",
      "paper_discuss",
      "paper_save",
    ]);
    const confirmation = await firstResponse(t.standIn, click.responseUrlId);
    expect(confirmation.response_type).toBe("ephemeral");
    expect(visibleText(confirmation)).toContain("Shared “Neural Scene Flow Prior” in this channel.");
    expect(t.standIn.messages("C0PAPERS")).toHaveLength(1);
    expect(t.standIn.rejected()).toEqual([]);
  });
});
