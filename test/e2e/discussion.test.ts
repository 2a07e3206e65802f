// End to end: Discuss (command and button) posts a paper thread; @paperboy answers in it from the paper and thread.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createThreadStore, DEFAULT_THREAD_LIMITS } from "../../src/discussion/thread-store.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import {
  eventually,
  firstResponse,
  LLM_STARTER_QUESTION,
  LLM_THREAD_ANSWER,
  paperboyResponder,
  paperIdsIn,
  SPECTRAL_DECAY,
  settle,
  TRANSPORTS,
  visibleText,
  waitForMessages,
} from "../support/e2e-helpers.ts";
import { fixture, type HttpStandIn, startHttpStandIn } from "../support/http-stand-in.ts";
import { type OpenAiStandIn, startOpenAiStandIn } from "../support/openai-stand-in.ts";

const CHANNEL = "C0PAPERS";

describe.each(TRANSPORTS)("discussions with an LLM over %s", (transport) => {
  let t: TestBot;
  let llm: OpenAiStandIn;
  let hf: HttpStandIn;
  beforeAll(async () => {
    llm = await startOpenAiStandIn(paperboyResponder);
    // Hugging Face serves the full text of the fictional paper as Markdown, as huggingface.co/papers/{id}.md does.
    hf = await startHttpStandIn({
      [`/papers/${SPECTRAL_DECAY.id}.md`]: fixture("fulltext/hf-markdown-2405.01234.md"),
    });
    t = await startTestBot({
      transport,
      env: { OPENAI_BASE_URL: llm.baseURL, OPENAI_API_KEY: "sk-test", HF_API_URL: hf.url },
    });
    t.bot.services.index.upsert([SPECTRAL_DECAY]);
  });
  afterAll(async () => {
    await t?.close();
    await llm?.close();
    await hf?.close();
  });
  beforeEach(() => t.standIn.reset());

  it("`/papers discuss <id>` posts the paper as its own message: card, bullets and three questions", async () => {
    const result = await t.standIn.sendSlashCommand({ text: "discuss 2111.01253" });
    expect(result.status).toBe(200);
    const [posted] = await waitForMessages(t.standIn, CHANNEL);
    expect(posted?.user).toBe("UBOT");
    expect(posted?.bot_id).toBeDefined();
    const text = visibleText(posted?.blocks);
    expect(text).toContain("Neural Scene Flow Prior");
    expect(text).toMatch(/\*Problem\* .+\n\*Method\* .+\n\*Result\* .+/);
    expect(text).toContain(`1. ${LLM_STARTER_QUESTION}`);
    expect(text).toMatch(/\n2\. .+\n3\. .+/);
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("the Discuss button posts the paper; a second Discuss in the channel links the thread instead", async () => {
    const search = await t.standIn.sendSlashCommand({ text: "dynamical stability" });
    const [first] = paperIdsIn(await firstResponse(t.standIn, search.responseUrlId));
    if (!first) throw new Error("no search results");
    await t.standIn.sendBlockAction({ actionId: "paper_discuss", value: first });
    const [posted] = await waitForMessages(t.standIn, CHANNEL);
    const title = t.bot.services.index.get(first)?.title ?? "?";
    expect(visibleText(posted?.blocks)).toContain(title);

    const again = await t.standIn.sendSlashCommand({ text: `discuss ${first}` });
    const answer = visibleText(await firstResponse(t.standIn, again.responseUrlId));
    expect(answer).toContain("already being discussed in this channel");
    expect(answer).toContain(`/archives/${CHANNEL}/p${posted?.ts.replace(".", "")}`);
    await t.standIn.sendBlockAction({ actionId: "paper_discuss", value: first, message: { ts: "1.0" } });
    await settle(100);
    expect(t.standIn.messages(CHANNEL)).toHaveLength(1);
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("@paperboy in the thread answers from the abstract, the full text and the thread's earlier messages", async () => {
    await t.standIn.sendSlashCommand({ text: `discuss ${SPECTRAL_DECAY.id}` });
    const root = await t.standIn.waitFor(() => discussionRoot(t), 5_000, "the discussion's root");
    // The bot records thread → paper once chat.postMessage has answered, a moment after the post appears.
    await eventually(() => t.bot.services.discussions.paperForThread(CHANNEL, root), 5_000, "the thread");
    const remark = "I suspect the gain comes from the extra training time, not the penalty.";
    await t.standIn.sendUserMessage({ text: remark, threadTs: root, user: "U0GRACE" });
    // Events are acked before they are handled: let the remark be kept before asking (people type slower).
    const threads = createThreadStore(t.bot.services.store, DEFAULT_THREAD_LIMITS);
    await eventually(async () => (await threads.messages(CHANNEL, root)).length > 0, 5_000, "the remark");
    const requestsBefore = llm.requests.length;
    await t.standIn.sendUserMessage({ text: "<@UBOT> what is the main limitation?", threadTs: root });

    const reply = await t.standIn.waitFor(
      () => t.standIn.thread(CHANNEL, root).find((message) => message.user === "UBOT" && message.ts !== root),
      5_000,
      "an answer in the thread",
    );
    const shown = visibleText(reply.blocks);
    expect(shown).toContain(LLM_THREAD_ANSWER);
    expect(shown).toContain(
      "Based on the abstract, the full text (Hugging Face) and 1 earlier message in this thread.",
    );
    const asked = llm.requests
      .slice(requestsBefore)
      .find((request) => request.messages.some((message) => message.content.includes("<question>")));
    const prompt = asked?.messages.map((message) => message.content).join("\n") ?? "";
    expect(prompt).toContain("Attention maps in vision transformers tend to collapse");
    expect(prompt).toContain(remark);
    expect(prompt).toContain("what is the main limitation?");
    expect(hf.count(`/papers/${SPECTRAL_DECAY.id}.md`)).toBeGreaterThanOrEqual(1);
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("keeps a reply sent before Slack answered the bot's post, and a question in that moment is answered with it", async () => {
    // Another paper than above: that one already has its thread in this channel.
    const paper = {
      ...SPECTRAL_DECAY,
      id: "2405.01299",
      title: "Early Birds: Replies Before the Root Is Known",
    };
    t.bot.services.index.upsert([paper]);
    // Slack stores the discussion message (people see it and reply) but its answer to the bot comes late.
    const release = t.standIn.holdNextAnswer("chat.postMessage");
    await t.standIn.sendSlashCommand({ text: `discuss ${paper.id}` });
    const root = await t.standIn.waitFor(
      () => t.standIn.messages(CHANNEL).find((message) => message.user === "UBOT")?.ts,
      5_000,
      "the discussion message",
    );
    const early = "Posted the moment the card appeared: does it help on text models too?";
    await t.standIn.sendUserMessage({ text: early, threadTs: root, user: "U0GRACE" });
    // Let the bot handle the reply while its chat.postMessage is still unanswered.
    await settle(300);
    expect(await t.bot.services.discussions.paperForThread(CHANNEL, root)).toBeUndefined();
    const requestsBefore = llm.requests.length;
    const asking = t.standIn.sendUserMessage({
      text: "<@UBOT> what is the main limitation?",
      threadTs: root,
    });
    await settle(100);
    release();
    await asking;

    const reply = await t.standIn.waitFor(
      () => t.standIn.thread(CHANNEL, root).find((message) => message.user === "UBOT" && message.ts !== root),
      10_000,
      "an answer in the thread",
    );
    const shown = visibleText(reply.blocks);
    expect(shown).toContain(LLM_THREAD_ANSWER);
    expect(shown).toContain("1 earlier message in this thread");
    const asked = llm.requests
      .slice(requestsBefore)
      .find((request) => request.messages.some((message) => message.content.includes("<question>")));
    expect(asked?.messages.map((message) => message.content).join("\n")).toContain(early);
    expect(t.standIn.rejected()).toEqual([]);
  });
});

/** The ts of the Spectral Decay discussion message in the channel, once posted. */
function discussionRoot(t: TestBot): string | undefined {
  return t.standIn
    .messages(CHANNEL)
    .find((message) => message.user === "UBOT" && visibleText(message.blocks).includes("Spectral Decay"))?.ts;
}
