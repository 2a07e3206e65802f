// Paper threads: keeps each thread's messages as context, and answers @paperboy questions asked in them.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { renderDiscussionAnswer } from "../blocks/discussion-message.ts";
import { renderNotice } from "../blocks/usage.ts";
import { teachImplicitly } from "../learning/teach-channel.ts";
import type { SlackFeatures } from "../slack-features.ts";
import { takeUserAction } from "../user-limit.ts";

/** Every message in a thread is offered to the discussions feature, which keeps those of paper threads. */
export function threadMessageListener(features: SlackFeatures) {
  return async ({ message, body }: SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs) => {
    if (await forgetDeleted(features, message)) return;
    // Edits and joins carry no new text for the context.
    if (message.subtype !== undefined && message.subtype !== "bot_message") return;
    const m = message as {
      thread_ts?: string;
      ts: string;
      text?: string;
      user?: string;
      bot_id?: string;
      channel: string;
    };
    if (!m.thread_ts || m.thread_ts === m.ts) return;
    const kept = await features.discussions.recordThreadMessage({
      channel: m.channel,
      threadTs: m.thread_ts,
      user: m.user ?? m.bot_id ?? "unknown",
      text: m.text ?? "",
      ts: m.ts,
      isBot: m.bot_id !== undefined,
    });
    // A person's reply in a paper's thread (bots' messages do not count) goes into the channel's weekly
    // counts and is an implicit liking: the channel is interested in the paper.
    if (m.bot_id !== undefined) return;
    const paper = await features.discussions.paperForThread(m.channel, m.thread_ts);
    if (!paper) return;
    if (kept === "kept")
      await features.activity?.recordActivity({ channel: m.channel, paperId: paper.id, kind: "replied" });
    await teachImplicitly(features, { team: body.team_id, channel: m.channel }, paper, "reply");
  };
}

/**
 * A deleted paper thread is forgotten (cards stop linking it; the next *Discuss* starts a new one), and a
 * deleted reply comes off its thread's count. Slack deletes a root with replies by turning it into a
 * tombstone (`message_changed`), one without by `message_deleted`. True when the event was a deletion.
 */
async function forgetDeleted(features: SlackFeatures, message: unknown): Promise<boolean> {
  const m = message as {
    subtype?: string;
    channel: string;
    deleted_ts?: string;
    previous_message?: { ts?: string; thread_ts?: string };
    message?: { ts?: string; subtype?: string };
  };
  if (m.subtype === "message_changed" && m.message?.subtype === "tombstone" && m.message.ts) {
    await features.discussions.forgetThread({ channel: m.channel, ts: m.message.ts });
    return true;
  }
  if (m.subtype !== "message_deleted" || !m.deleted_ts) return false;
  const threadTs = m.previous_message?.thread_ts;
  if (threadTs && threadTs !== m.deleted_ts) {
    await features.discussions.forgetReply({ channel: m.channel, threadTs });
  } else {
    await features.discussions.forgetThread({ channel: m.channel, ts: m.deleted_ts });
  }
  return true;
}

/** `@paperboy <question>` in a paper thread gets an answer grounded in the paper. */
export function appMentionListener(features: SlackFeatures) {
  return async ({ event, client }: SlackEventMiddlewareArgs<"app_mention"> & AllMiddlewareArgs) => {
    const threadTs = event.thread_ts ?? event.ts;
    const user = event.user ?? "unknown";
    const reply = async (message: { text: string; blocks: unknown[] }) => {
      const posted = await client.chat.postMessage({
        channel: event.channel,
        thread_ts: threadTs,
        text: message.text,
        blocks: message.blocks as never,
      });
      // The bot's own messages never come back as events (ignoreSelf), so its answer is recorded here.
      if (posted.ts && event.thread_ts) {
        await features.discussions.recordThreadMessage({
          channel: event.channel,
          threadTs,
          user: "paperboy",
          text: message.text,
          ts: posted.ts,
          isBot: true,
        });
      }
    };
    // Waits for a thread still being recorded: the question may come before chat.postMessage answered the bot.
    const paper = event.thread_ts
      ? await features.discussions.awaitPaperForThread(event.channel, event.thread_ts)
      : undefined;
    if (!event.thread_ts || !paper) {
      return reply(
        renderNotice(
          "Ask me about a paper in its discussion thread: press *Discuss* on a paper, or type `/papers discuss 2302.06675`.",
        ),
      );
    }
    if (!(await takeUserAction(features.store, user, features.llmActionsPerUserPerHour))) {
      return reply(renderNotice("You have asked a lot of questions this hour; try again later."));
    }
    const answer = await features.discussions.answerQuestion({
      channel: event.channel,
      threadTs: event.thread_ts,
      question: event.text,
      user,
      questionTs: event.ts,
    });
    if (answer) await reply(renderDiscussionAnswer(answer));
  };
}
