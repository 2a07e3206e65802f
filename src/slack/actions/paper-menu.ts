// The card's overflow menu router: `paper_menu` option values are `<verb>:<paperId>`, each verb has a handler.

import type { SlackMessage } from "../blocks/paper-card.ts";
import { type PaperMenuVerb, parsePaperMenuValue } from "../blocks/paper-menu.ts";
import { renderNotice } from "../blocks/usage.ts";
import { similarPapersPage } from "../similar-results.ts";
import type { SlackFeatures } from "../slack-features.ts";

/** What a menu choice gets: the features and the paper id (the option value after its verb). */
interface MenuContext {
  features: SlackFeatures;
  value: string;
}

type MenuReply = { message: SlackMessage; replace?: boolean } | undefined;

/** One handler per verb; learning adds `more` and `less` here. */
export const paperMenuHandlers: Record<PaperMenuVerb, (context: MenuContext) => Promise<MenuReply>> = {
  similar: async ({ features, value }) => ({ message: await similarPapersPage(features, value) }),
};

/** The `paper_menu` action: picks the verb's handler from the chosen option's value. */
export async function paperMenuAction(context: MenuContext): Promise<MenuReply> {
  const parsed = parsePaperMenuValue(context.value);
  const handler =
    parsed && Object.hasOwn(paperMenuHandlers, parsed.verb)
      ? paperMenuHandlers[parsed.verb as PaperMenuVerb]
      : undefined;
  if (!parsed || !handler) return { message: renderNotice("That menu is out of date; search again.") };
  return handler({ ...context, value: parsed.paperId });
}
