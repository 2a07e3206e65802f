// Starting a paper's discussion thread: the message, one thread per paper and channel, and the Discuss race.
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { validateSlackPayload } from "../../src/playground/validate-slack-payload.ts";
import { renderDiscussionStart } from "../../src/slack/blocks/discussion-message.ts";
import { createOpenAiLlmClient } from "../../src/summaries/openai-llm-client.ts";
import { type OpenAiStandIn, startOpenAiStandIn } from "../support/openai-stand-in.ts";
import { fakeSummarizer, PAPER, SUMMARY, setup } from "./discussion-fixtures.ts";

const where = { team: "T1", channel: "C1", paper: PAPER };
let llmStandIn: OpenAiStandIn | undefined;

afterEach(async () => {
  await llmStandIn?.close();
  llmStandIn = undefined;
});

function messageOf(
  result: Awaited<ReturnType<Awaited<ReturnType<typeof setup>>["discussions"]["startDiscussion"]>>,
) {
  if (!("start" in result)) throw new Error(`expected a new message, got ${JSON.stringify(result)}`);
  return { ...result, message: renderDiscussionStart(result.start) };
}

describe("startDiscussion", () => {
  it("composes the card, the three summary bullets and three questions, within Slack's limits", async () => {
    const { discussions } = await setup();
    const { message } = messageOf(await discussions.startDiscussion(where));
    const json = JSON.stringify(message.blocks);
    expect(json).toContain("Spectral Decay: Regularizing Attention by Its Singular Values");
    expect(json).toContain("*Problem* Vision transformer attention collapses on small datasets.");
    expect(json).toContain("*Method* Penalize each attention matrix");
    expect(json).toContain("*Result* Plus 2.1 top-1 points");
    expect(json).toContain("paper_save");
    const questions = json.match(/\\n[123]\. /g) ?? [];
    expect(questions).toHaveLength(3);
    expect(message.text).toContain("Discussion: Spectral Decay");
    expect(validateSlackPayload("chat.postMessage", { channel: "C1", ...message })).toEqual([]);
  });

  it("without an LLM, builds questions from the paper's summary bullets", async () => {
    const { discussions } = await setup();
    const { message } = messageOf(await discussions.startDiscussion(where));
    const json = JSON.stringify(message.blocks);
    expect(json).toContain("Penalize each attention matrix's largest singular value.”");
    expect(json).toContain("Questions drawn from the paper");
  });

  it("links to the existing thread when the paper is already discussed in that channel", async () => {
    const { discussions } = await setup();
    const first = messageOf(await discussions.startDiscussion(where));
    await first.commit("1700000000.000100");
    const again = await discussions.startDiscussion(where);
    expect(again).toEqual({
      existing: { ts: "1700000000.000100", permalinkHint: "/archives/C1/p1700000000000100" },
    });
    // Another channel gets its own thread.
    expect("start" in (await discussions.startDiscussion({ ...where, channel: "C2" }))).toBe(true);
  });

  it("posts one thread when three people press Discuss at the same moment", async () => {
    const summarizer = fakeSummarizer(SUMMARY, 150);
    const { discussions } = await setup({ summarizer });
    // Each caller behaves like the Bolt listener: post the message if it got one, then commit its ts.
    const press = async (ts: string) => {
      const result = await discussions.startDiscussion(where);
      if ("start" in result) await result.commit(ts);
      return result;
    };
    const results = await Promise.all([
      press("1700000000.000201"),
      press("1700000000.000202"),
      press("1700000000.000203"),
    ]);
    const fresh = results.filter((r) => "start" in r);
    expect(fresh).toHaveLength(1);
    const winnerTs = `1700000000.00020${results.indexOf(fresh[0] as (typeof results)[number]) + 1}`;
    for (const result of results.filter((r) => !("start" in r))) {
      expect(result).toEqual({
        existing: { ts: winnerTs, permalinkHint: `/archives/C1/p${winnerTs.replace(".", "")}` },
      });
    }
    expect(summarizer.calls).toBe(1);
  });

  it("sends the losers of the race to the winner's thread once it is posted", async () => {
    const { discussions } = await setup();
    const winner = messageOf(await discussions.startDiscussion(where));
    const loser = discussions.startDiscussion(where);
    setTimeout(() => void winner.commit("1700000000.000300"), 200);
    expect(await loser).toMatchObject({ existing: { ts: "1700000000.000300" } });
  });

  it("says a thread is being started when the winner does not post in time, and frees the slot on abandon", async () => {
    const { discussions } = await setup({ raceWaitMs: 300 });
    const winner = messageOf(await discussions.startDiscussion(where));
    expect(await discussions.startDiscussion(where)).toEqual({ inProgress: true });
    await winner.abandon();
    expect("start" in (await discussions.startDiscussion(where))).toBe(true);
  });

  it("asks the LLM for the questions when one is configured, and uses templates when its answer is garbage", async () => {
    llmStandIn = await startOpenAiStandIn(() =>
      JSON.stringify({
        questions: [
          "Does spectral decay still help when <!channel> pretraining data is plentiful?",
          "Why two power-iteration steps — is the estimate good enough?",
          "Which ablation would separate spectral decay from plain weight decay?",
        ],
      }),
    );
    const llm = createOpenAiLlmClient({
      apiKey: "test",
      baseURL: llmStandIn.baseURL,
      model: "test-model",
      maxRetries: 0,
      logger: silentLogger(),
    });
    const { discussions } = await setup({ llm });
    const { message } = messageOf(await discussions.startDiscussion(where));
    const json = JSON.stringify(message.blocks);
    expect(json).toContain("Why two power-iteration steps");
    expect(json).toContain("Questions suggested by the AI model");
    expect(json).not.toContain("<!channel>");
    const request = llmStandIn.requests[0];
    expect(request?.response_format).toEqual({ type: "json_object" });
    expect(request?.messages.map((m) => m.content).join("\n")).toContain("<paper>\nTitle: Spectral Decay");

    llmStandIn.setMode({ kind: "garbage" });
    const other = messageOf(await discussions.startDiscussion({ ...where, channel: "C9" }));
    expect(JSON.stringify(other.message.blocks)).toContain("Questions drawn from the paper");
  });

  it("builds questions from the abstract when the summary has no bullets", async () => {
    const { discussions } = await setup({
      summarizer: fakeSummarizer({
        tldr: "An extract.",
        origin: "extractive",
        label: "Extract from the abstract",
      }),
    });
    const { message } = messageOf(await discussions.startDiscussion(where));
    const json = JSON.stringify(message.blocks);
    expect(json).toContain("“We propose spectral decay, a regularizer");
    expect(json).toContain("“On ImageNet-1k subsets with 10% of the labels");
    expect(json).not.toContain("*Problem*");
  });
});
