// The routing table for button clicks: action_id → handler, registered with Bolt in one place.
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
} from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { parsePaperRef } from "../../papers/arxiv-id.ts";
import {
  DISCUSS_NEW_ACTION_ID,
  JC_PRESENT_ACTION_ID,
  JC_VOTE_ACTION_ID,
  PAPER_ACTION_IDS,
  SEARCH_MORE_ACTION_ID,
} from "../blocks/action-ids.ts";
import type { SlackMessage } from "../blocks/paper-card.ts";
import { parseMoreResultsValue } from "../blocks/paper-list-message.ts";
import { READING_LIST_REMOVE_ACTION_ID } from "../blocks/reading-list-home.ts";
import { renderNotice } from "../blocks/usage.ts";
import { publishHome } from "../events/app-home.ts";
import { presentClick, voteClick } from "../journal-club/jc-actions.ts";
import { teachImplicitly } from "../learning/teach-channel.ts";
import { type Asker, discussFlow, findPaper, shareFlow, summarizeFlow } from "../paper-actions.ts";
import type { ResponseUrlPoster } from "../response-url.ts";
import { searchResultsPage } from "../search-results.ts";
import type { SlackFeatures } from "../slack-features.ts";
import { registerPaperMenu } from "./paper-menu.ts";

interface ActionContext {
  features: SlackFeatures;
  client: WebClient;
  asker: Asker;
  value: string;
}

/** What a click answers with: a new ephemeral message, a replacement of the clicked one, or nothing. */
type ActionReply = { message: SlackMessage; replace?: boolean } | undefined;

type ActionHandler = (context: ActionContext) => Promise<ActionReply>;

/** Runs `flow` on the paper named by the button's value, or says the value is not a paper. */
function withPaper(
  flow: (
    context: ActionContext,
    paper: NonNullable<Awaited<ReturnType<typeof findPaper>>>,
  ) => Promise<SlackMessage | undefined>,
): ActionHandler {
  return async (context) => {
    const id = parsePaperRef(context.value);
    const paper = id ? await findPaper(context.features, id) : undefined;
    if (!paper) return { message: renderNotice("That paper could not be found any more.") };
    const message = await flow(context, paper);
    return message ? { message } : undefined;
  };
}

export const actionHandlers: Record<string, ActionHandler> = {
  [SEARCH_MORE_ACTION_ID]: async ({ features, client, asker, value }) => {
    const more = parseMoreResultsValue(value);
    if (!more) return { message: renderNotice("That button is out of date; search again.") };
    const place = { team: asker.team, channel: asker.channel, client };
    return { message: await searchResultsPage(features, more.query, more.page, place), replace: true };
  },
  [PAPER_ACTION_IDS.summarize]: withPaper(({ features, asker }, paper) =>
    summarizeFlow(features, asker, paper),
  ),
  [PAPER_ACTION_IDS.share]: withPaper(async ({ features, client, asker }, paper) => {
    const reply = await shareFlow(features, client, asker, paper);
    await teachImplicitly(features, asker, paper, "share");
    return reply;
  }),
  [PAPER_ACTION_IDS.discuss]: withPaper(async ({ features, client, asker }, paper) => {
    const reply = await discussFlow(features, client, asker, paper);
    await teachImplicitly(features, asker, paper, "discuss");
    return reply;
  }),
  [DISCUSS_NEW_ACTION_ID]: withPaper(async ({ features, client, asker }, paper) => {
    const reply = await discussFlow(features, client, asker, paper, { startNew: true });
    await teachImplicitly(features, asker, paper, "discuss");
    return reply;
  }),
  [PAPER_ACTION_IDS.save]: withPaper(async ({ features, asker }, paper) => {
    const added = await features.readingList.save(asker.user, paper.id);
    // Saved from a channel (not the Home tab): the channel's roundup counts it.
    if (added && asker.channel)
      await features.activity?.recordActivity({ channel: asker.channel, paperId: paper.id, kind: "saved" });
    await teachImplicitly(features, asker, paper, "save");
    return renderNotice(
      added
        ? `Saved “${paper.title}” to your reading list (paperboy's Home tab).`
        : "That paper is already on your reading list.",
    );
  }),
  [READING_LIST_REMOVE_ACTION_ID]: async ({ features, client, asker, value }) => {
    const id = parsePaperRef(value);
    if (id) await features.readingList.remove(asker.user, id);
    await publishHome(features, client, asker.user);
    return undefined;
  },
  [JC_VOTE_ACTION_ID]: voteClick,
  [JC_PRESENT_ACTION_ID]: presentClick,
};

/** Registers every action in the table with one listener each. */
export function registerActions(app: App, features: SlackFeatures, responses: ResponseUrlPoster): void {
  registerPaperMenu(app, features, responses);
  for (const [actionId, handler] of Object.entries(actionHandlers)) {
    app.action<BlockAction<ButtonAction>>(actionId, async (args) => {
      await args.ack();
      await runAction(handler, features, responses, args);
    });
  }
}

async function runAction(
  handler: ActionHandler,
  features: SlackFeatures,
  responses: ResponseUrlPoster,
  { body, action, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs,
): Promise<void> {
  const channel = body.channel?.id ?? body.container?.channel_id ?? "";
  const asker: Asker = { user: body.user.id, channel, team: body.team?.id ?? body.user.team_id ?? "" };
  const reply = await handler({ features, client, asker, value: action.value ?? "" });
  if (!reply) return;
  if (body.response_url) {
    await responses.answer(body.response_url, reply.message, { replace: reply.replace === true });
  } else if (channel) {
    // App Home buttons have no response_url: answer privately in the channel if there is one.
    await client.chat.postEphemeral({ channel, user: asker.user, ...reply.message });
  }
}
