// The actions a paper offers wherever it is shown (Share, Summarize, Discuss, Save), as Slack-side flows.
import type { WebClient } from "@slack/web-api";
import type { Paper } from "../papers/paper.ts";
import { renderDiscussionStart, renderExistingDiscussion } from "./blocks/discussion-message.ts";
import { fitMessage } from "./blocks/fit-to-slack-limits.ts";
import { renderPaperMessage, type SlackMessage } from "./blocks/paper-card.ts";
import { renderSummaryBullets } from "./blocks/summary-bullets.ts";
import { renderNotice } from "./blocks/usage.ts";
import { discussedHere, threadPermalink } from "./discussed-here.ts";
import type { SlackFeatures } from "./slack-features.ts";
import { takeUserAction } from "./user-limit.ts";

export interface Asker {
  user: string;
  channel: string;
  team: string;
}

const TOO_MANY = "You have used your summaries and discussions for this hour; try again later.";

/** Finds a paper by id for an action; undefined (and the caller says so) when it cannot be found. */
export async function findPaper(features: SlackFeatures, id: string): Promise<Paper | undefined> {
  return (await features.search.lookup(id)).paper;
}

/** *Summarize*: the LLM TL;DR and bullets, as an ephemeral card for the person who asked. */
export async function summarizeFlow(
  features: SlackFeatures,
  asker: Asker,
  paper: Paper,
): Promise<SlackMessage> {
  const cached = await features.summarizer.cached(paper);
  if (!cached && !(await takeUserAction(features.store, asker.user, features.llmActionsPerUserPerHour))) {
    return renderNotice(TOO_MANY);
  }
  const summary = cached ?? (await features.summarizer.summarize(paper));
  const message = renderPaperMessage(paper, {
    tldr: { text: summary.tldr, label: summary.label },
    actions: ["share", "discuss", "save"],
  });
  if (summary.bullets) message.blocks.push(renderSummaryBullets(summary.bullets));
  return fitMessage(message);
}

/** *Share to channel*: posts the paper card in the channel for everyone, naming who shared it. */
export async function shareFlow(features: SlackFeatures, client: WebClient, asker: Asker, paper: Paper) {
  const summary = await features.summarizer.cached(paper);
  const options: Parameters<typeof renderPaperMessage>[1] = { actions: ["summarize", "discuss", "save"] };
  if (summary) options.tldr = { text: summary.tldr, label: summary.label };
  const place = { team: asker.team, channel: asker.channel, client };
  const discussed = (await discussedHere(features, place, [paper.id])).get(paper.id);
  if (discussed) options.discussed = discussed;
  const message = renderPaperMessage(paper, options);
  // A user id from Slack's own payload is trusted control syntax; it is checked before use anyway.
  const sharer = /^[UW][A-Z0-9]+$/.test(asker.user) ? `<@${asker.user}>` : "Someone";
  message.blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `Shared by ${sharer}` }] });
  const posted = await client.chat.postMessage({
    channel: asker.channel,
    text: message.text,
    blocks: message.blocks,
  });
  if (posted.ts)
    await features.readingList.rememberPaperMessage({
      channel: asker.channel,
      ts: posted.ts,
      paperId: paper.id,
    });
  return renderNotice(`Shared “${paper.title}” in this channel.`);
}

/**
 * *Discuss*: posts the paper as its own message to talk about in its thread, or links the existing thread
 * (with *Start a new discussion*, which comes back here with `startNew`).
 */
export async function discussFlow(
  features: SlackFeatures,
  client: WebClient,
  asker: Asker,
  paper: Paper,
  options: { startNew?: boolean } = {},
) {
  if (!(await takeUserAction(features.store, asker.user, features.llmActionsPerUserPerHour))) {
    return renderNotice(TOO_MANY);
  }
  const started = await features.discussions.startDiscussion({
    team: asker.team,
    channel: asker.channel,
    paper,
    ...(options.startNew ? { startNew: true } : {}),
  });
  if ("existing" in started) {
    const place = { team: asker.team, channel: asker.channel, client };
    return renderExistingDiscussion(paper, await threadPermalink(features, place, started.existing.ts));
  }
  if ("inProgress" in started)
    return renderNotice("A discussion of this paper is being started right now; look for it in the channel.");
  try {
    const message = renderDiscussionStart(started.start);
    const posted = await client.chat.postMessage({
      channel: asker.channel,
      text: message.text,
      blocks: message.blocks,
    });
    if (!posted.ts) throw new Error("chat.postMessage returned no ts");
    await started.commit(posted.ts);
    await features.activity?.recordActivity({ channel: asker.channel, paperId: paper.id, kind: "discussed" });
    await features.readingList.rememberPaperMessage({
      channel: asker.channel,
      ts: posted.ts,
      paperId: paper.id,
    });
    return undefined;
  } catch (error) {
    await started.abandon();
    throw error;
  }
}
