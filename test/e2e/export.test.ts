// End to end: `/papers export` uploads a reading list (to the person's DM) or a channel's discussed papers as a citation file.
import { parse } from "@retorquere/bibtex-parser";
import { describe, expect, it } from "vitest";
import { useTestBot } from "../support/bot-harness.ts";
import {
  eventually,
  firstResponse,
  settle,
  TRANSPORTS,
  visibleText,
  waitForMessages,
} from "../support/e2e-helpers.ts";

const SAVED = ["2111.01253", "2404.12754", "2007.00151"];

describe.each(TRANSPORTS)("export over %s", (transport) => {
  const t = useTestBot({ transport });

  async function answerTo(text: string, options: { user?: string; channel?: string } = {}) {
    const sent = await t.standIn.sendSlashCommand({ text, ...options });
    return visibleText(await firstResponse(t.standIn, sent.responseUrlId));
  }

  it("`/papers export` sends the reading list as BibTeX to the person's DM, and it parses back to the same papers", async () => {
    for (const id of SAVED) await t.bot.services.readingList.save("U0GRACE", id);
    const answer = await answerTo("export", { user: "U0GRACE" });
    expect(answer).toContain("Exported 3 papers as BibTeX");
    expect(answer).toContain("in your direct messages with paperboy");

    const [file] = t.standIn.files();
    expect(file).toMatchObject({ filename: "paperboy-reading-list-U0GRACE.bib", channel: "D0GRACE" });
    const parsed = parse(file?.content?.toString("utf8") ?? "", { sentenceCase: false });
    expect(parsed.errors).toEqual([]);
    // Newest saved first, each with its title from the index and its arXiv fields.
    expect(parsed.entries.map((entry) => entry.fields.eprint)).toEqual([...SAVED].reverse());
    for (const entry of parsed.entries) {
      const paper = t.bot.services.index.get(String(entry.fields.eprint));
      expect(entry.fields.title?.normalize("NFC")).toBe(paper?.title);
      expect(entry.fields.archiveprefix).toBe("arXiv");
    }
    // The DM shows the file as a message from the bot.
    const [shared] = t.standIn.messages("D0GRACE");
    expect(shared?.files).toHaveLength(1);
    expect(t.standIn.messages("C0PAPERS")).toEqual([]);
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("`/papers export channel ris` uploads the papers discussed in the channel to the channel", async () => {
    const channel = "C0READING";
    await t.standIn.sendSlashCommand({ text: "discuss 2111.01253", channel });
    await waitForMessages(t.standIn, channel);
    await eventually(
      async () =>
        (await t.bot.services.discussions.discussedPapers({ team: "T0PAPERS", channel })).length === 1,
    );
    const answer = await answerTo("export channel ris", { channel });
    expect(answer).toContain("Exported 1 paper as RIS");
    const [file] = t.standIn.files();
    expect(file).toMatchObject({ filename: `paperboy-channel-${channel}.ris`, channel });
    const ris = file?.content?.toString("utf8") ?? "";
    expect(ris).toContain("TI  - Neural Scene Flow Prior");
    expect(ris).toContain("DO  - 10.48550/arXiv.2111.01253");
    const posted = t.standIn.messages(channel).find((message) => message.files);
    expect(posted?.text).toContain("Papers discussed in this channel: 1 paper (RIS), exported by <@U0ADA>.");
  });

  it("bad input and empty lists get a clear message and upload nothing", async () => {
    expect(await answerTo("export pdf")).toContain("“pdf” is not something to export");
    expect(await answerTo("export mine mine")).toContain(
      "Use `/papers export [mine|channel] [bibtex|ris|csl-json]`",
    );
    expect(await answerTo("export", { user: "U0ALAN" })).toContain("Your reading list is empty");
    expect(await answerTo("export channel csl-json", { channel: "C0GENERAL" })).toContain(
      "No papers have been discussed in this channel yet",
    );
    await settle(100);
    expect(t.standIn.calls("files.getUploadURLExternal")).toEqual([]);
    expect(t.standIn.files()).toEqual([]);
  });

  it("says so when Slack refuses the upload, and nothing is shared", async () => {
    await t.bot.services.readingList.save("U0ADA", "2111.01253");
    t.standIn.failNext("files.completeUploadExternal", { kind: "error", error: "internal_error" });
    const answer = await answerTo("export", { user: "U0ADA" });
    expect(answer).toContain("Slack did not take the file just now; nothing was uploaded");
    expect(t.standIn.files()).toEqual([]);
  });
});
