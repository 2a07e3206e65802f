// The playground's side of a start: its Slack stand-in with the page, imported only by a bot with no Slack credentials.
import { explainListenError } from "../config/port-in-use.ts";
import type { DigestFeature } from "../slack/digest/digest-feature.ts";
import { playgroundDigests } from "./fill-playground.ts";
import { playgroundPageRoutes } from "./page-routes.ts";
import { type SlackStandIn, startSlackStandIn } from "./slack-stand-in.ts";
import { playgroundWorkspace } from "./workspace.ts";

// What else the bot uses only in the playground, from here, so a bot connected to Slack never loads any of it.
export { fillPlayground, playgroundDigestChannels } from "./fill-playground.ts";
export { redirectToPage } from "./page-routes.ts";

/** Starts the stand-in playing the default workspace, with the page's routes; a taken port names PLAYGROUND_PORT. */
export async function startPlayground(options: {
  /** PAPERBOY_HOST (default 127.0.0.1 here); a container sets 0.0.0.0 so a published port reaches it. */
  host: string;
  port: number;
  /** The bot's digest feature, once composed (the page previews and posts digests through it). */
  digest: () => DigestFeature | undefined;
}): Promise<SlackStandIn> {
  let standIn: SlackStandIn | undefined;
  try {
    standIn = await startSlackStandIn({
      host: options.host,
      port: options.port,
      workspace: playgroundWorkspace(),
      routes: playgroundPageRoutes({ standIn: () => standIn, digests: playgroundDigests(options.digest) }),
    });
  } catch (error) {
    throw explainListenError(error, options.port, "PLAYGROUND_PORT");
  }
  return standIn;
}
