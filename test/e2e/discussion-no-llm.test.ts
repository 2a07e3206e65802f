// End to end without an LLM: a discussion still starts, and @paperboy answers with labelled abstract sentences.
import { describe, expect, it } from "vitest";
import { useTestBot } from "../support/bot-harness.ts";
import { eventually, TRANSPORTS, visibleText, waitForMessages } from "../support/e2e-helpers.ts";

const CHANNEL = "C0PAPERS";

describe.each(TRANSPORTS)("discussions without an LLM over %s", (transport) => {
  const t = useTestBot({ transport });

  it("posts the paper with its extract and three questions, and answers from the abstract, labelled", async () => {
    await t.standIn.sendSlashCommand({ text: "discuss 2111.01253" });
    const [root] = await waitForMessages(t.standIn, CHANNEL);
    if (!root) throw new Error("nothing posted");
    const start = visibleText(root.blocks);
    expect(start).toContain("Neural Scene Flow Prior");
    expect(start).toContain("Extract from the abstract");
    expect(start).toMatch(/1\. .+\n2\. .+\n3\. .+/);
    await eventually(() => t.bot.services.discussions.paperForThread(CHANNEL, root.ts), 5_000, "the thread");

    await t.standIn.sendUserMessage({
      text: "<@UBOT> does it need offline training data?",
      threadTs: root.ts,
    });
    const reply = await t.standIn.waitFor(
      () => t.standIn.thread(CHANNEL, root.ts).find((m) => m.user === "UBOT" && m.ts !== root.ts),
      5_000,
      "an answer in the thread",
    );
    const answer = visibleText(reply.blocks);
    expect(answer).toContain("No LLM configured — the abstract sentences closest to your question:");
    expect(answer).toContain("offline datasets");
    expect(answer).toContain("Based on the abstract.");
    expect(t.standIn.messages(CHANNEL)).toHaveLength(1);
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("@paperboy outside a paper thread says how to start one, in a thread reply", async () => {
    const { message } = await t.standIn.sendUserMessage({ text: "<@UBOT> what is new today?" });
    const reply = await t.standIn.waitFor(
      () => t.standIn.thread(CHANNEL, message.ts).find((m) => m.user === "UBOT"),
      5_000,
      "a reply",
    );
    expect(visibleText(reply.blocks)).toContain("/papers discuss");
    expect(t.standIn.rejected()).toEqual([]);
  });
});
