// The Slack app as the bot starts it: in HTTP mode Bolt is loaded and the app built when Slack's first request
// arrives, not at start (Bolt's index loads Express, OAuth and the Socket Mode client: ≈45% of the modules a
// start would load). Socket Mode connects out at start, so there it is built and started before /readyz.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SlackApp, SlackAppOptions } from "./app.ts";

/** What startBot needs of the Slack app: the listener for /slack/events (HTTP mode), start and stop. */
export interface StartableSlackApp {
  /** HTTP mode: mounted at /slack/events; the first request builds the app (≈0.1–0.2 s), later ones wait for it. */
  requestListener?: (req: IncomingMessage, res: ServerResponse) => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function lazySlackApp(options: SlackAppOptions): StartableSlackApp {
  const { features } = options;
  let building: Promise<SlackApp> | undefined;
  let built: SlackApp | undefined;
  const build = () => {
    building ??= import("./app.ts").then(({ createSlackApp }) => {
      built = createSlackApp(options);
      return built;
    });
    return building;
  };
  features.metrics?.gaugeFrom(
    "paperboy_slack_requests_active",
    "Slack requests being worked on now (at most the work limit; more wait or are turned away)",
    () => built?.activeRequests() ?? 0,
  );
  const app: StartableSlackApp = {
    start: async () => {
      if (options.mode === "socket") await (await build()).start();
    },
    stop: async () => {
      // A build that failed left nothing to stop (each request was answered 500 and logged).
      const slack = await building?.catch(() => undefined);
      await slack?.stop();
    },
  };
  if (options.mode === "http") {
    app.requestListener = (req, res) => {
      if (built?.requestListener) return built.requestListener(req, res);
      build().then(
        (slack) => slack.requestListener?.(req, res),
        (error: unknown) => {
          features.logger.error({ err: error }, "the Slack app could not be built");
          res.statusCode = 500;
          res.end();
        },
      );
    };
  }
  return app;
}
