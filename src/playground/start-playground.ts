// The playground's side of a start: its Slack stand-in with the page, imported only by a bot with no Slack credentials.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ChannelConfig } from "../config/channel-config.ts";
import { explainListenError } from "../config/port-in-use.ts";
import type { DigestRun } from "../digest/run-digest.ts";
import type { DigestFeature } from "../slack/digest/digest-feature.ts";
import {
  type FillDeps,
  fillPlayground,
  playgroundDigestChannels,
  playgroundDigests,
} from "./fill-playground.ts";
import { playgroundPageRoutes, redirectToPage } from "./page-routes.ts";
import { type SlackStandIn, startSlackStandIn } from "./slack-stand-in.ts";
import { playgroundWorkspace } from "./workspace.ts";

/** A started playground: the stand-in, and what the bot does differently because it plays to it. */
export interface Playground {
  standIn: SlackStandIn;
  /** The bot's own address leads to the page. */
  homeRoute(req: IncomingMessage, res: ServerResponse): boolean;
  /** The digest channels when the config names none: #papers, daily. */
  digestChannels: ChannelConfig[];
  /** Ingests papers, posts the first digest and starts the schedule (progress lines name the channels). */
  fill(deps: Omit<FillDeps, "channelName">): Promise<DigestRun[]>;
}

/** Starts the stand-in playing the default workspace, with the page's routes; a taken port names PLAYGROUND_PORT. */
export async function startPlayground(options: {
  /** PAPERBOY_HOST (default 127.0.0.1 here); a container sets 0.0.0.0 so a published port reaches it. */
  host: string;
  port: number;
  /** The bot's digest feature, once composed (the page previews and posts digests through it). */
  digest: () => DigestFeature | undefined;
}): Promise<Playground> {
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
  const { workspace, url } = standIn;
  return {
    standIn,
    homeRoute: redirectToPage(`${url}/`),
    digestChannels: playgroundDigestChannels("C0PAPERS"),
    fill: (deps) =>
      fillPlayground({
        ...deps,
        channelName: (id) => workspace.channels.find((channel) => channel.id === id)?.name,
      }),
  };
}
