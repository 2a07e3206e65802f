// Paper discussion threads: start one per paper and channel, keep its context from events, answer questions in it.
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { getOrInsert } from "../get-or-insert.ts";
import type { Logger } from "../logger.ts";
import type { Paper } from "../papers/paper.ts";
import type { StateStore } from "../state/state-store.ts";
import type { LlmClient } from "../summaries/llm-client.ts";
import { loadPrompt, type PromptTemplate } from "../summaries/prompt-template.ts";
import type { Summary } from "../summaries/summary.ts";
import {
  abstractAnswer,
  buildAnswerMessages,
  cleanQuestion,
  type DiscussionAnswer,
  llmAnswer,
} from "./answer-question.ts";
import { type DiscussionMemory, discussionMemory } from "./discussion-memory.ts";
import type { FullTextFetcher } from "./full-text-fetcher.ts";
import { type StarterQuestions, starterQuestions } from "./starter-questions.ts";
import { createThreadStore, DEFAULT_THREAD_LIMITS, type ThreadLimits } from "./thread-store.ts";

/** What discussions need from the summaries module (its summarizer never throws). */
export interface PaperSummarizer {
  summarize(paper: Paper): Promise<Summary>;
}

export interface DiscussionsOptions {
  store: StateStore;
  summarizer: PaperSummarizer;
  /** Without it, starter questions come from templates and answers quote the abstract. */
  llm?: LlmClient;
  fullText: FullTextFetcher;
  logger: Logger;
  now?: () => Date;
  /** Directory holding discuss.md and questions.md. Default: the repository's `prompts/`. */
  promptsDir?: string;
  /** Full-text characters sent with a question (an excerpt chosen for it). Default 12,000. */
  excerptChars?: number;
  /** Budget for one LLM call (questions or an answer), retries included. Default 30 s. */
  llmTimeoutMs?: number;
  /** How long a second *Discuss* on the same paper waits for the first to be posted. Default 15 s. */
  raceWaitMs?: number;
  threadLimits?: Partial<ThreadLimits>;
}

/** Where an existing thread is: `permalinkHint` is `/archives/{channel}/p{ts digits}`, to put after the workspace URL. */
export interface ExistingThread {
  ts: string;
  permalinkHint: string;
}

/** What a new discussion opens with: the paper, its summary and the questions to start the thread. */
export interface DiscussionStart {
  paper: Paper;
  summary: Summary;
  questions: StarterQuestions;
}

/** What `startDiscussion` decided. */
export type StartDiscussionResult =
  | { existing: ExistingThread }
  /** Someone else is posting this paper's thread right now and it did not appear within `raceWaitMs`. */
  | { inProgress: true }
  | {
      /** What the new discussion's message shows; the Slack layer renders and posts it. */
      start: DiscussionStart;
      /** Call with the posted message's ts: records thread ↔ paper and frees the start claim. */
      commit(ts: string): Promise<void>;
      /** Call when posting failed, so another *Discuss* can start at once. */
      abandon(): Promise<void>;
    };

export interface Discussions {
  /**
   * Starts a paper's thread in a channel, or points to the one already there. `startNew` starts a second
   * thread anyway (someone pressed *Start a new discussion*); the new one is what the paper's cards link to.
   */
  startDiscussion(input: {
    team: string;
    channel: string;
    paper: Paper;
    startNew?: boolean;
  }): Promise<StartDiscussionResult>;
  /** Which of `paperIds` were discussed in this channel: their thread, when it started and its replies so far. */
  discussedHere: DiscussionMemory["discussedHere"];
  /** The papers discussed in a channel, newest thread first (snapshots kept with their threads). */
  discussedPapers: DiscussionMemory["discussedPapers"];
  /**
   * Keeps a message of a paper thread as context. A reply to a thread not known yet, in a channel where a
   * discussion is being posted, is held briefly and kept once that thread is recorded (it may be the new
   * discussion: its reply can arrive before `chat.postMessage` answers). `ignored`: nothing stored.
   */
  recordThreadMessage(input: {
    channel: string;
    threadTs: string;
    user: string;
    text: string;
    ts: string;
    isBot: boolean;
  }): Promise<"kept" | "held" | "ignored">;
  /** Answers a question asked in a paper thread; null when the thread is not one. */
  answerQuestion(input: {
    channel: string;
    threadTs: string;
    question: string;
    user: string;
    /** The question message's ts, so it is not also sent as an "earlier message". */
    questionTs?: string;
  }): Promise<DiscussionAnswer | null>;
  /** The paper a thread (or a discussion's root message) is about, if it is a paper thread. */
  paperForThread(channel: string, threadTs: string): Promise<Paper | undefined>;
  /**
   * Like `paperForThread`, but when a discussion is being posted in the channel and the thread is not known
   * yet, waits (up to `raceWaitMs`) for it to be recorded: a question can come before `chat.postMessage` answers.
   */
  awaitPaperForThread(channel: string, threadTs: string): Promise<Paper | undefined>;
  /**
   * Forgets a thread whose root message was deleted, so the next *Discuss* starts a new one instead of
   * linking to nothing. False when it was not a paper thread.
   */
  forgetThread(input: { channel: string; ts: string }): Promise<boolean>;
  /** A reply to a paper thread was deleted: its "N replies" goes down by one. */
  forgetReply(input: { channel: string; threadTs: string }): Promise<void>;
}

const START_CLAIM_MS = 120_000;
// How long after a start replies to unknown threads in its channel are held: chat.postMessage answers within
// seconds, even after a 429 or two. Short, because it also delays "not a paper thread" for other mentions there.
const POSTING_WINDOW_MS = 30_000;
// How long a question waits for its thread to be recorded before being told it is not in a paper thread.
const QUESTION_WAIT_MS = 5_000;
const RACE_POLL_MS = 100;
const DEFAULT_PROMPTS_DIR = fileURLToPath(new URL("../../prompts/", import.meta.url));

/** Builds the discussion feature on the state store, the summarizer, the full-text fetcher and (optionally) an LLM. */
export function createDiscussions(options: DiscussionsOptions): Discussions {
  const { store, summarizer, llm, fullText, logger } = options;
  const now = options.now ?? (() => new Date());
  const threads = createThreadStore(store, { ...DEFAULT_THREAD_LIMITS, ...options.threadLimits });
  const excerptChars = options.excerptChars ?? 12_000;
  const llmTimeoutMs = options.llmTimeoutMs ?? 30_000;
  const raceWaitMs = options.raceWaitMs ?? 15_000;
  const promptsDir = options.promptsDir ?? DEFAULT_PROMPTS_DIR;
  const prompts = new Map<string, Promise<PromptTemplate>>();
  // Loaded once; a failed load is retried next time rather than cached.
  const prompt = (name: string) => () => {
    return getOrInsert(prompts, name, () => {
      const pending = loadPrompt(name, promptsDir);
      pending.catch(() => prompts.delete(name));
      return pending;
    });
  };

  const existing = (channel: string, ts: string): { existing: ExistingThread } => ({
    existing: { ts, permalinkHint: `/archives/${channel}/p${ts.replace(".", "")}` },
  });

  /** Polls `look` until it finds something or `waitMs` has passed: for a thread another request is recording. */
  const pollFor = async <T>(look: () => Promise<T | undefined>, waitMs: number): Promise<T | undefined> => {
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      await sleep(RACE_POLL_MS);
      const found = await look();
      if (found) return found;
    }
    return undefined;
  };

  return {
    async startDiscussion({ team, channel, paper, startNew = false }) {
      const known = startNew ? undefined : await threads.threadFor(team, channel, paper.id);
      if (known) return existing(channel, known);
      const claimKey = `discussion:starting:${team}:${channel}:${paper.id}`;
      if (!(await store.claim(claimKey, START_CLAIM_MS))) {
        // Two people pressed Discuss together: the other one is posting; point at their thread.
        const ts = await pollFor(() => threads.threadFor(team, channel, paper.id), raceWaitMs);
        return ts ? existing(channel, ts) : { inProgress: true };
      }
      try {
        // The first check and the claim are not atomic together: a thread may have been committed between them.
        const committed = startNew ? undefined : await threads.threadFor(team, channel, paper.id);
        if (committed) {
          await store.release(claimKey);
          return existing(channel, committed);
        }
        const summary = await summarizer.summarize(paper);
        const questions = await starterQuestions({
          paper,
          summary,
          ...(llm ? { llm } : {}),
          prompt: prompt("questions"),
          timeoutMs: llmTimeoutMs,
          logger,
        });
        // From here the caller posts: replies to the new thread may arrive before `commit` records it.
        await threads.markPosting(channel, POSTING_WINDOW_MS);
        return {
          start: { paper, summary, questions },
          async commit(ts) {
            try {
              await threads.save({ team, channel, ts, paper, startedAt: now().toISOString() });
              // After the save: a reply held from now on sees the thread itself (see recordThreadMessage).
              const held = await threads.fold(channel, ts);
              if (held > 0) await threads.countReplies(channel, ts, held, now());
              logger.info({ channel, ts, paper: paper.id }, "discussion started");
            } finally {
              await store.release(claimKey);
            }
          },
          abandon: () => store.release(claimKey),
        };
      } catch (error) {
        await store.release(claimKey);
        throw error;
      }
    },

    async recordThreadMessage({ channel, threadTs, user, text, ts, isBot }) {
      // The root is the bot's own card; a message without text (a file, a join) adds nothing.
      if (ts === threadTs) return "ignored";
      const known = await threads.thread(channel, threadTs);
      // Every reply counts for "Discussed here · 12 replies", even one with only a file.
      if (known) await threads.countReplies(channel, threadTs, 1, now());
      if (!text.trim()) return "ignored";
      const message = { user, text, ts, isBot };
      if (known) {
        await threads.append(channel, threadTs, message);
        return "kept";
      }
      if (!(await threads.isPosting(channel))) return "ignored";
      await threads.hold(channel, threadTs, message);
      // Checked again after holding: `commit` saves, then folds. Had it folded before this hold, its save came
      // first too, so the thread is known now and the message is kept here; else the fold will find it.
      if (!(await threads.thread(channel, threadTs))) return "held";
      await threads.countReplies(channel, threadTs, 1, now());
      await threads.append(channel, threadTs, message);
      return "kept";
    },

    async answerQuestion({ channel, threadTs, question, user, questionTs }) {
      const record = await threads.thread(channel, threadTs);
      if (!record) return null;
      const { paper } = record;
      const asked = cleanQuestion(question);
      if (!asked) return emptyQuestionAnswer();
      if (!llm) return abstractAnswer(paper, asked, "no_llm");
      // The question may have come right as the thread was recorded, before `commit` folded the held replies.
      const held = await threads.fold(channel, threadTs);
      if (held > 0) await threads.countReplies(channel, threadTs, held, now());
      const earlier = (await threads.messages(channel, threadTs)).filter(
        (m) => m.ts !== questionTs && cleanQuestion(m.text) !== asked,
      );
      try {
        const text = await fullText.get(paper.id).catch((error: unknown) => {
          logger.warn({ err: error, paper: paper.id }, "full text lookup failed");
          return null;
        });
        const context = { paper, question: asked, fullText: text, thread: earlier, excerptChars };
        const messages = buildAnswerMessages(await prompt("discuss")(), context);
        const reply = await llm.complete(messages, { signal: AbortSignal.timeout(llmTimeoutMs) });
        const answer = llmAnswer(reply.text, context);
        if (answer) {
          logger.info(
            { channel, threadTs, user, paper: paper.id, basedOn: answer.basedOn },
            "discussion answer",
          );
          return answer;
        }
        logger.warn({ paper: paper.id }, "discussion answer: the model replied with nothing usable");
      } catch (error) {
        logger.warn(
          { err: error, paper: paper.id },
          "discussion answer: the model failed; quoting the abstract",
        );
      }
      return abstractAnswer(paper, asked, "llm_failed");
    },

    async paperForThread(channel, threadTs) {
      return (await threads.thread(channel, threadTs))?.paper;
    },

    async awaitPaperForThread(channel, threadTs) {
      const paperOfThread = async () => (await threads.thread(channel, threadTs))?.paper;
      const known = await paperOfThread();
      if (known || !(await threads.isPosting(channel))) return known;
      return pollFor(paperOfThread, Math.min(raceWaitMs, QUESTION_WAIT_MS));
    },

    forgetThread: ({ channel, ts }) => threads.forget(channel, ts),
    async forgetReply({ channel, threadTs }) {
      if (await threads.thread(channel, threadTs)) await threads.uncountReply(channel, threadTs);
    },

    ...discussionMemory(threads),
  };
}

function emptyQuestionAnswer(): DiscussionAnswer {
  const answer =
    "Ask me something about the paper in the same message, e.g. “@paperboy what is the main limitation?”";
  return { text: answer, answer, basis: "", basedOn: [], origin: "usage" };
}
