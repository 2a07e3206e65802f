// Builds the Bolt app for HTTP or Socket Mode: one middleware for de-duplication, the routing tables, one error sink.
import { type AnyMiddlewareArgs, App, type CodedError, HTTPReceiver } from "@slack/bolt";
import type { RetryOptions, WebClientOptions } from "@slack/web-api";
import { PaperboyError, userMessage } from "../errors.ts";
import { MAX_SLACK_BODY_BYTES } from "../server/body-limit.ts";
import { registerActions } from "./actions/index.ts";
import { renderNotice } from "./blocks/usage.ts";
import { boltLogger } from "./bolt-logger.ts";
import { registerCommands } from "./commands/index.ts";
import { countingFetch } from "./counting-fetch.ts";
import { registerEvents } from "./events/index.ts";
import { refuseMalformedBodies } from "./refuse-malformed-bodies.ts";
import { createResponseUrlPoster } from "./response-url.ts";
import { createShedReporter } from "./shed-reporter.ts";
import type { SlackFeatures } from "./slack-features.ts";
import { createWorkLimit } from "./work-limit.ts";

export interface SlackAppOptions {
  mode: "http" | "socket";
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl: string;
  features: SlackFeatures;
  /** Web API retries: a few with backoff in production (429s wait Retry-After); none in tests. */
  retryConfig?: RetryOptions;
  /** Web API request timeout. */
  timeoutMs?: number;
  /** Requests worked on at once, and how long one more waits (unacked) for a slot before it is turned away. */
  workLimit?: { maxActive: number; waitMs: number };
}

export interface SlackApp {
  app: App;
  /** HTTP mode: Bolt's request listener, mounted at /slack/events by the HTTP server. */
  requestListener?: HTTPReceiver["requestListener"];
  /** Requests being worked on now (at most the work limit). */
  activeRequests(): number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

// Slack re-delivers events it thinks were not acked; one delivery per event_id is handled (a day is plenty).
const EVENT_DEDUP_MS = 24 * 60 * 60_000;
// Every request acked is work held in memory until it is done: a flood faster than the bot can answer would
// otherwise queue without end (measured: ≈25 KB of RSS per queued /papers). 256 takes a burst of 200 at once.
const DEFAULT_WORK_LIMIT = { maxActive: 256, waitMs: 1_500 };
const BUSY_NOTICE = "paperboy is answering a lot of requests right now; please try again in a minute.";

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { features } = options;
  const logger = boltLogger(features.logger);
  const clientOptions: WebClientOptions = {
    slackApiUrl: options.apiUrl,
    // Socket Mode would otherwise set 100 retries on this shared object.
    retryConfig: options.retryConfig ?? { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 10_000 },
    timeout: options.timeoutMs ?? 10_000,
    ...(features.metrics ? { fetch: countingFetch(features.metrics) } : {}),
  };
  let receiver: HTTPReceiver | undefined;
  let app: App;
  if (options.mode === "socket") {
    app = new App({
      token: options.botToken,
      appToken: options.appToken ?? "",
      socketMode: true,
      logger,
      clientOptions,
      extendedErrorHandler: true,
      convoStore: false,
    });
  } else {
    receiver = new HTTPReceiver({
      signingSecret: options.signingSecret ?? "",
      logger,
      // Bodies sent without a Content-Length are cut off here too (the server refuses the others up front).
      bodyLimit: MAX_SLACK_BODY_BYTES,
    });
    app = new App({
      token: options.botToken,
      receiver,
      logger,
      clientOptions,
      extendedErrorHandler: true,
      // paperboy keeps its state in the store; Bolt's per-conversation middleware would only cost time.
      convoStore: false,
    });
  }

  const workLimit = createWorkLimit(options.workLimit ?? DEFAULT_WORK_LIMIT);
  const shed = createShedReporter({
    logger: features.logger,
    ...(features.metrics ? { counter: features.metrics.requestsShed } : {}),
  });
  app.use(async (args) => {
    const slot = await workLimit.enter();
    if (!slot) {
      shed(workLimit.active());
      // Events were acked by Bolt already; a command is told why nothing else comes.
      const { ack } = args as { ack?: (message?: object) => Promise<void> };
      await ack?.("command" in args ? renderNotice(BUSY_NOTICE) : undefined);
      return;
    }
    try {
      await args.next();
    } finally {
      slot.release();
    }
  });
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === "string" && !(await features.store.claim(`event:${eventId}`, EVENT_DEDUP_MS))) {
      features.metrics?.eventsDeduplicated.inc();
      return;
    }
    await next();
  });
  const responses = createResponseUrlPoster();
  registerCommands(app, features, responses);
  registerActions(app, features, responses);
  registerEvents(app, features);

  // The one error sink: a clear ephemeral message for the person who acted, internals only in the log.
  // Typed with Bolt's public types: the handler receives what its ExtendedErrorHandlerArgs (not exported) has.
  app.error(async ({ error, body }: { error: CodedError; body: AnyMiddlewareArgs["body"] }) => {
    const original = (error as { original?: unknown }).original ?? error;
    features.logger.error({ err: original }, "Slack listener failed");
    const text = describeForUser(original);
    const b = body as {
      response_url?: string;
      user_id?: string;
      channel_id?: string;
      user?: { id?: string };
      channel?: { id?: string };
      event?: { user?: string; channel?: string };
    };
    const message = renderNotice(text);
    try {
      if (b.response_url) {
        await responses.answer(b.response_url, message);
        return;
      }
      const user = b.user_id ?? b.user?.id ?? b.event?.user;
      const channel = b.channel_id ?? b.channel?.id ?? b.event?.channel;
      if (user && channel) await app.client.chat.postEphemeral({ channel, user, ...message });
    } catch (reportError) {
      features.logger.warn({ err: reportError }, "could not tell the user about an error");
    }
  });

  const slackApp: SlackApp = {
    app,
    activeRequests: () => workLimit.active(),
    start: async () => {
      // HTTP mode is served by our own server (requestListener); only Socket Mode connects out.
      if (options.mode === "socket") await app.start();
    },
    stop: async () => {
      if (options.mode === "socket") await app.stop();
      await responses.close();
    },
  };
  if (receiver)
    slackApp.requestListener = refuseMalformedBodies(receiver.requestListener, MAX_SLACK_BODY_BYTES);
  return slackApp;
}

/**
 * What the person who acted is told: a failed Slack Web API call (the SDK's `slack_webapi_*` errors) is
 * reported as such, with Slack's error code, rather than as an internal error; anything else by its code.
 */
function describeForUser(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && code.startsWith("slack_webapi_")) {
    const slackError = (error as { data?: { error?: unknown } }).data?.error;
    const detail = typeof slackError === "string" ? `(Slack answered: ${slackError})` : undefined;
    return new PaperboyError("slack_api", detail).message;
  }
  return userMessage(error);
}
