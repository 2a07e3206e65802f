// The paper card's overflow menu (`paper_menu`): option values `<verb>:<paperId>` routed to a handler per verb.
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  OverflowAction,
  SlackActionMiddlewareArgs,
} from "@slack/bolt";
import { parsePaperRef } from "../../papers/arxiv-id.ts";
import { PAPER_MENU_ACTION_ID } from "../blocks/action-ids.ts";
import type { SlackMessage } from "../blocks/paper-card.ts";
import { type PaperMenuVerb, parsePaperMenuValue } from "../blocks/paper-menu.ts";
import { renderNotice } from "../blocks/usage.ts";
import { teachExplicitly } from "../learning/teach-channel.ts";
import type { ResponseUrlPoster } from "../response-url.ts";
import { similarPapersPage } from "../similar-results.ts";
import type { SlackFeatures } from "../slack-features.ts";

export interface PaperMenuContext {
  features: SlackFeatures;
  paperId: string;
  user: string;
  channel: string;
  team: string;
}

/** What a chosen option answers, privately to the person who chose it; undefined: nothing to say. */
export type PaperMenuHandler = (context: PaperMenuContext) => Promise<SlackMessage | undefined>;

/** verb → handler. */
export const paperMenuHandlers: Record<PaperMenuVerb, PaperMenuHandler> = {
  more: ({ features, team, channel, paperId }) =>
    teachExplicitly(features, { team, channel }, paperId, "positive", "menu"),
  less: ({ features, team, channel, paperId }) =>
    teachExplicitly(features, { team, channel }, paperId, "negative", "menu"),
  similar: ({ features, paperId }) => similarPapersPage(features, paperId),
};

/** Registers the one `paper_menu` listener; answers go to the clicker through response_url. */
export function registerPaperMenu(app: App, features: SlackFeatures, responses: ResponseUrlPoster): void {
  app.action<BlockAction<OverflowAction>>(PAPER_MENU_ACTION_ID, async (args) => {
    await args.ack();
    const reply = await answerMenu(features, args);
    if (reply && args.body.response_url) await responses.answer(args.body.response_url, reply);
  });
}

async function answerMenu(
  features: SlackFeatures,
  { body, action }: SlackActionMiddlewareArgs<BlockAction<OverflowAction>> & AllMiddlewareArgs,
): Promise<SlackMessage | undefined> {
  const chosen = parsePaperMenuValue(action.selected_option?.value ?? "");
  const handler =
    chosen && Object.hasOwn(paperMenuHandlers, chosen.verb)
      ? paperMenuHandlers[chosen.verb as PaperMenuVerb]
      : undefined;
  const paperId = chosen ? parsePaperRef(chosen.paperId) : null;
  if (!handler || !paperId) return renderNotice("That menu is out of date; search for the paper again.");
  return handler({
    features,
    paperId,
    user: body.user.id,
    channel: body.channel?.id ?? body.container?.channel_id ?? "",
    team: body.team?.id ?? body.user.team_id ?? "",
  });
}
