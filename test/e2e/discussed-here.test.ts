// End to end: a paper discussed in a channel says so, with its thread link and reply count, wherever it appears there.
import { describe, expect, it } from "vitest";
import { useTestBot } from "../support/bot-harness.ts";
import {
  buttonsIn,
  eventually,
  firstResponse,
  TRANSPORTS,
  visibleText,
  waitForMessages,
} from "../support/e2e-helpers.ts";

const CHANNEL = "C0PAPERS";
const TEAM = "T0PAPERS";
const PAPER = "2111.01253";
const TITLE = "Neural Scene Flow Prior";
const OTHER_PAPER = "2404.12754";
const TODAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }).format(
  new Date(),
);

/** The card of `paper`'s "Discussed here" line in a message, or undefined when it has none. */
function discussedLine(body: unknown): string | undefined {
  return visibleText(body)
    .split("\n")
    .find((line) => line.includes("Discussed here"));
}

describe.each(TRANSPORTS)("“Discussed here” over %s", (transport) => {
  const t = useTestBot({ transport });

  /** Discusses PAPER in CHANNEL and has people reply `replies` times; returns the thread's root. */
  async function discussWithReplies(replies: number, channel = CHANNEL) {
    await t.standIn.sendSlashCommand({ text: `discuss ${PAPER}`, channel });
    const [root] = await waitForMessages(t.standIn, channel);
    if (!root) throw new Error("no discussion posted");
    for (let n = 0; n < replies; n++) {
      const user = ["U0ADA", "U0GRACE", "U0ALAN"][n % 3] ?? "U0ADA";
      await t.standIn.sendUserMessage({ text: `reply ${n}`, user, channel, threadTs: root.ts });
    }
    // Events are acked before they are handled: wait until the bot has counted every reply.
    await eventually(
      async () => {
        const here = await t.bot.services.discussions.discussedHere({
          team: TEAM,
          channel,
          paperIds: [PAPER],
        });
        return here.get(PAPER)?.replies === replies;
      },
      5_000,
      `${replies} counted replies`,
    );
    return root;
  }

  it("a discussed paper, searched, looked up, unfurled and shared in the same channel, links its thread with the reply count", async () => {
    const root = await discussWithReplies(3);
    const thread = `/archives/${CHANNEL}/p${root.ts.replace(".", "")}`;
    const expected = `Discussed here on ${TODAY}> · 3 replies`;

    const search = await t.standIn.sendSlashCommand({ text: "neural scene flow prior" });
    const results = await firstResponse(t.standIn, search.responseUrlId);
    const line = discussedLine(results);
    expect(line).toContain(expected);
    expect(line).toContain(thread);
    // Only the discussed paper's card carries the line.
    expect(visibleText(results).match(/Discussed here/g)).toHaveLength(1);

    const lookup = await t.standIn.sendSlashCommand({ text: PAPER });
    expect(discussedLine(await firstResponse(t.standIn, lookup.responseUrlId))).toContain(expected);

    const url = `https://arxiv.org/abs/${PAPER}`;
    await t.standIn.sendUserMessage({ text: `see <${url}>` });
    const [unfurl] = await t.standIn.waitFor(() =>
      t.standIn.unfurls().length > 0 ? t.standIn.unfurls() : undefined,
    );
    expect(discussedLine(unfurl?.unfurls[url])).toContain(expected);
    expect(discussedLine(unfurl?.unfurls[url])).toContain(thread);

    await t.standIn.sendBlockAction({ actionId: "paper_share", value: PAPER });
    const shared = await t.standIn.waitFor(() =>
      t.standIn.messages(CHANNEL).find((m) => m.text.includes(TITLE) && m.ts !== root.ts),
    );
    expect(discussedLine(shared.blocks)).toContain(expected);
    // The permalink is asked once and then cached.
    expect(t.standIn.calls("chat.getPermalink").length).toBe(1);
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("is not shown in another channel, and a paper never discussed has no line", async () => {
    // Each test talks in its own channel: the bot's store outlives the stand-in's reset between tests.
    await discussWithReplies(1, "C0READING");
    const elsewhere = await t.standIn.sendSlashCommand({ text: PAPER, channel: "C0RANDOM" });
    expect(discussedLine(await firstResponse(t.standIn, elsewhere.responseUrlId))).toBeUndefined();
    const other = await t.standIn.sendSlashCommand({ text: OTHER_PAPER, channel: "C0READING" });
    const body = await firstResponse(t.standIn, other.responseUrlId);
    expect(discussedLine(body)).toBeUndefined();
  });

  it("discussing it again points to the first thread, and *Start a new discussion* starts a second one that cards then link", async () => {
    const channel = "C0GENERAL";
    const root = await discussWithReplies(2, channel);
    const again = await t.standIn.sendSlashCommand({ text: `discuss ${PAPER}`, channel });
    const answer = await firstResponse(t.standIn, again.responseUrlId);
    expect(visibleText(answer)).toContain("already being discussed in this channel");
    expect(visibleText(answer)).toContain(`/archives/${channel}/p${root.ts.replace(".", "")}`);
    expect(t.standIn.messages(channel)).toHaveLength(1);
    expect(buttonsIn(answer)).toEqual([
      { action_id: "paper_discuss_new", value: PAPER, text: "Start a new discussion" },
    ]);

    await t.standIn.sendBlockAction({ actionId: "paper_discuss_new", value: PAPER, channel });
    const [, second] = await waitForMessages(t.standIn, channel, 2);
    if (!second) throw new Error("no second discussion");
    const lookup = await t.standIn.sendSlashCommand({ text: PAPER, channel });
    const line = discussedLine(await firstResponse(t.standIn, lookup.responseUrlId));
    expect(line).toContain(`/archives/${channel}/p${second.ts.replace(".", "")}`);
    expect(line).toContain("no replies yet");
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("a deleted reply comes off the count, and a deleted thread is no longer linked or pointed to", async () => {
    const channel = "C0RANDOM";
    const root = await discussWithReplies(2, channel);
    const [, reply] = t.standIn.thread(channel, root.ts);
    if (!reply) throw new Error("no reply");
    const deleted = (ts: string, previous: Record<string, unknown>) =>
      t.standIn.sendEvent({
        type: "message",
        subtype: "message_deleted",
        hidden: true,
        channel,
        ts: `${Number(ts) + 5}`,
        deleted_ts: ts,
        previous_message: { type: "message", ...previous },
      });
    await deleted(reply.ts, { ts: reply.ts, thread_ts: root.ts, user: reply.user, text: reply.text });
    await eventually(async () => {
      const here = await t.bot.services.discussions.discussedHere({ team: TEAM, channel, paperIds: [PAPER] });
      return here.get(PAPER)?.replies === 1;
    });
    const lookup = await t.standIn.sendSlashCommand({ text: PAPER, channel });
    expect(discussedLine(await firstResponse(t.standIn, lookup.responseUrlId))).toContain("· 1 reply");

    await deleted(root.ts, { ts: root.ts, user: "UBOT", text: root.text });
    await eventually(
      async () => (await t.bot.services.discussions.discussedPapers({ team: TEAM, channel })).length === 0,
    );
    const after = await t.standIn.sendSlashCommand({ text: PAPER, channel });
    expect(discussedLine(await firstResponse(t.standIn, after.responseUrlId))).toBeUndefined();
    await t.standIn.sendSlashCommand({ text: `discuss ${PAPER}`, channel });
    const [, fresh] = await waitForMessages(t.standIn, channel, 2);
    expect(fresh?.ts).not.toBe(root.ts);
    expect(t.standIn.rejected()).toEqual([]);
  });
});
