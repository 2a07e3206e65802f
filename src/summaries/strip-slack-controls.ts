// Defence in depth for LLM text: turns Slack control sequences into harmless words before anything stores them.
// Renderers still escape everything with escapeMrkdwn; this makes sure even an unescaped path cannot
// ping a channel or forge a link (https://api.slack.com/reference/surfaces/formatting#advanced).

// <!channel>, <!here|label>, <@U123>, <#C123|general>, <https://x|label>, <mailto:…>
const CONTROL = /<([!@#][^<>]*|(?:https?|mailto|tel|ftp|slack):[^<>]*)>/gi;
const BARE_BROADCAST = /@(channel|here|everyone)\b/gi;

/** Replaces every Slack control sequence with plain text: a mention by its label or name, a link by "label (url)". */
export function stripSlackControls(text: string): string {
  let current = text;
  // Repeat until stable: removing one sequence can join the pieces of another ("<!<!here>channel>").
  for (let pass = 0; pass < 10; pass++) {
    const next = current
      .replace(CONTROL, (_, inner: string) => plainText(inner))
      .replace(BARE_BROADCAST, "$1");
    if (next === current) break;
    current = next;
  }
  return current;
}

function plainText(inner: string): string {
  const [target = "", label] = splitOnce(inner, "|");
  const sigil = target[0];
  if (sigil === "!" || sigil === "@" || sigil === "#") {
    // <!channel> → "channel"; <!subteam^S1|@team> → "team"; <@U1|ann> → "ann"; <#C1|general> → "#general"
    const name = (label ?? target.slice(1).split("^")[0] ?? "").replace(/^[@!]+/, "");
    return sigil === "#" && label ? `#${name}` : name;
  }
  return label ? `${label} (${target})` : target;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const index = text.indexOf(separator);
  return index === -1 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)];
}
