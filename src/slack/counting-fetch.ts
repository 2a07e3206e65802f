// The fetch the Slack Web API clients use, counting what Slack answered: 429s and failed calls per method.
import type { Metrics } from "../server/metrics.ts";

/** The Web API method a request URL names (`…/api/chat.postMessage` → `chat.postMessage`). */
function methodOf(input: string | URL | Request): string {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const method = /\/([\w.]+)\/?(?:\?|$)/.exec(url)?.[1];
  return method ?? "unknown";
}

export function countingFetch(
  metrics: Pick<Metrics, "slackErrors" | "slackRateLimited">,
  base: typeof fetch = globalThis.fetch,
): typeof fetch {
  return async (input, init) => {
    const method = methodOf(input);
    let response: Response;
    try {
      response = await base(input, init);
    } catch (error) {
      metrics.slackErrors.inc({ method });
      throw error;
    }
    if (response.status === 429) {
      metrics.slackRateLimited.inc({ method });
    } else if (!response.ok) {
      metrics.slackErrors.inc({ method });
    } else if (response.headers.get("content-type")?.includes("json")) {
      // Slack refuses most calls with HTTP 200 and `ok: false`; a copy of the body tells, off the call's path.
      response
        .clone()
        .json()
        .then((body: unknown) => {
          if ((body as { ok?: unknown } | null)?.ok === false) metrics.slackErrors.inc({ method });
        })
        .catch(() => {});
    }
    return response;
  };
}
