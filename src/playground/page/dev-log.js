// The developer pane's entries: a Web API call, a response_url post, a refused call or a delivery to the app, with its JSON.
import { el } from "./dom.js";

/** One activity entry as a collapsible list item: time and a one-line title, the entry's JSON inside. */
export function devEntry(entry) {
  const title =
    entry.kind === "call"
      ? `${entry.method} → ${entry.status}${entry.response?.ok === false ? ` ${entry.response.error}` : ""}`
      : entry.kind === "response"
        ? `response_url → ${entry.status}`
        : entry.kind === "rejected"
          ? `REFUSED ${entry.method}: ${entry.error}`
          : `→ app: ${entry.type} (ack ${entry.ack.status} in ${entry.ack.ms} ms)`;
  const { kind: _kind, at, ...shown } = entry;
  return el(
    "li",
    { class: `dev-entry ${entry.kind}` },
    el(
      "details",
      {},
      el(
        "summary",
        {},
        el("time", { text: new Date(at).toLocaleTimeString() }),
        el("span", { text: ` ${title}` }),
      ),
      el("pre", { text: JSON.stringify(shown, null, 2) }),
    ),
  );
}
