// The routing table for button clicks: action_id → handler, registered with Bolt in one place.
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  OverflowAction,
  SlackActionMiddlewareArgs,
} from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { parsePaperRef } from "../../papers/arxiv-id.ts";
import { PAPER_ACTION_IDS, SEARCH_MORE_ACTION_ID } from "../blocks/action-ids.ts";
import type { SlackMessage } from "../blocks/paper-card.ts";
import { parseMoreResultsValue } from "../blocks/paper-list-message.ts";
import { PAPER_MENU_ACTION_ID } from "../blocks/paper-menu.ts";
import { READING_LIST_REMOVE_ACTION_ID } from "../blocks/reading-list-home.ts";
import { renderNotice } from "../blocks/usage.ts";
import { publishHome } from "../events/app-home.ts";
import { type Asker, discussFlow, findPaper, shareFlow, summarizeFlow } from "../paper-actions.ts";
import type { ResponseUrlPoster } from "../response-url.ts";
import { searchResultsPage } from "../search-results.ts";
import type { SlackFeatures } from "../slack-features.ts";
import { paperMenuAction } from "./paper-menu.ts";

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
  [SEARCH_MORE_ACTION_ID]: async ({ features, value }) => {
    const more = parseMoreResultsValue(value);
    if (!more) return { message: renderNotice("That button is out of date; search again.") };
    return { message: await searchResultsPage(features, more.query, more.page), replace: true };
  },
  [PAPER_ACTION_IDS.summarize]: withPaper(({ features, asker }, paper) =>
    summarizeFlow(features, asker, paper),
  ),
  [PAPER_ACTION_IDS.share]: withPaper(({ features, client, asker }, paper) =>
    shareFlow(features, client, asker, paper),
  ),
  [PAPER_ACTION_IDS.discuss]: withPaper(({ features, client, asker }, paper) =>
    discussFlow(features, client, asker, paper),
  ),
  [PAPER_ACTION_IDS.save]: withPaper(async ({ features, asker }, paper) => {
    const added = await features.readingList.save(asker.user, paper.id);
    return renderNotice(
      added
        ? `Saved “${paper.title}” to your reading list (paperboy's Home tab).`
        : "That paper is already on your reading list.",
    );
  }),
  [PAPER_MENU_ACTION_ID]: paperMenuAction,
  [READING_LIST_REMOVE_ACTION_ID]: async ({ features, client, asker, value }) => {
    const id = parsePaperRef(value);
    if (id) await features.readingList.remove(asker.user, id);
    await publishHome(features, client, asker.user);
    return undefined;
  },
};

/** Registers every action in the table with one listener each. */
export function registerActions(app: App, features: SlackFeatures, responses: ResponseUrlPoster): void {
  for (const [actionId, handler] of Object.entries(actionHandlers)) {
    app.action<BlockAction<ButtonAction | OverflowAction>>(actionId, async (args) => {
      await args.ack();
      await runAction(handler, features, responses, args);
    });
  }
}

async function runAction(
  handler: ActionHandler,
  features: SlackFeatures,
  responses: ResponseUrlPoster,
  {
    body,
    action,
    client,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction | OverflowAction>> & AllMiddlewareArgs,
): Promise<void> {
  const channel = body.channel?.id ?? body.container?.channel_id ?? "";
  const asker: Asker = { user: body.user.id, channel, team: body.team?.id ?? body.user.team_id ?? "" };
  // A button carries its value; an overflow menu choice carries the option's.
  const value = action.type === "overflow" ? action.selected_option.value : (action.value ?? "");
  const reply = await handler({ features, client, asker, value });
  if (!reply) return;
  if (body.response_url) {
    await responses.answer(body.response_url, reply.message, { replace: reply.replace === true });
  } else if (channel) {
    // App Home buttons have no response_url: answer privately in the channel if there is one.
    await client.chat.postEphemeral({ channel, user: asker.user, ...reply.message });
  }
}
