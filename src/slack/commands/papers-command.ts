// `/papers`: acks at once, then parses the text and answers through response_url.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { missingPaperText } from "../../papers/missing-paper.ts";
import { renderPaperMessage } from "../blocks/paper-card.ts";
import { renderNotice, renderUsage } from "../blocks/usage.ts";
import { discussedHere } from "../discussed-here.ts";
import { nextEventLoopTurn } from "../event-loop-turn.ts";
import type { ResponseUrlPoster } from "../response-url.ts";
import { searchResultsPage } from "../search-results.ts";
import type { SlackFeatures } from "../slack-features.ts";
import type { CommandContext, CommandReply } from "./command-context.ts";
import { type PapersRequest, parsePapersCommand } from "./parse-papers-command.ts";

type Handler<K extends PapersRequest["kind"]> = (
  request: Extract<PapersRequest, { kind: K }>,
  context: CommandContext,
) => Promise<CommandReply>;

/** One handler per kind of request; the settings and discussion kinds come from their features. */
export type PapersHandlers = { [K in PapersRequest["kind"]]: Handler<K> };

export const baseHandlers: Pick<PapersHandlers, "help" | "invalid" | "search" | "paper"> = {
  help: async () => renderUsage(),
  invalid: async (request) => renderNotice(request.reason),
  search: async (request, { features, client, team, channel }) =>
    searchResultsPage(features, request.query, 1, { team, channel, client }),
  paper: async (request, { features, client, team, channel }) => {
    const found = await features.search.lookup(request.id);
    if (!found.paper) return renderNotice(missingPaperText(request.id, found));
    const summary = await features.summarizer.cached(found.paper);
    const options: Parameters<typeof renderPaperMessage>[1] = {
      actions: ["share", "summarize", "discuss", "save"],
      foundVia: found.foundVia ?? "local",
    };
    if (summary) options.tldr = { text: summary.tldr, label: summary.label };
    const here = await discussedHere(features, { team, channel, client }, [found.paper.id]);
    const discussed = here.get(found.paper.id);
    if (discussed) options.discussed = discussed;
    return renderPaperMessage(found.paper, options);
  },
};

/** The Bolt listener for `/papers`. */
export function papersCommandListener(
  features: SlackFeatures,
  handlers: PapersHandlers,
  responses: ResponseUrlPoster,
) {
  return async ({ command, ack, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    // Slack wants the ack within 3 s; every answer goes through response_url afterwards.
    await ack();
    // Other commands that have already arrived are acked before this one's work takes the CPU.
    await nextEventLoopTurn();
    const request = parsePapersCommand(command.text ?? "");
    features.metrics?.commands.inc({ kind: request.kind });
    const context: CommandContext = {
      features,
      client,
      user: command.user_id,
      channel: command.channel_id,
      team: command.team_id,
    };
    const handler = handlers[request.kind] as Handler<typeof request.kind>;
    const reply = await handler(request as never, context);
    if (reply) await responses.answer(command.response_url, reply);
  };
}
