// Scans one piece of mrkdwn for control syntax paperboy never means to send: broadcasts, raw <, >, & and odd links.
// Slack parses `<…>` as control sequences and `&…;` as entities (https://docs.slack.dev/messaging/formatting-message-text),
// so anything outside the few sequences the renderers produce is untrusted text that escaped escaping.

const ENTITY = /^&(?:amp|lt|gt);/;
const USER_MENTION = /^@[UW][A-Z0-9]+$/;
const CHANNEL_MENTION = /^#C[A-Z0-9]+(?:\|[^|]*)?$/;
const BROADCAST = /^!(channel|here|everyone)(?:\|.*)?$/s;
const LINK = /^((?:https?:\/\/|mailto:)[^\s|<>]+)(?:\|(.*))?$/s;

/** Where in a string a problem was found, and what it is. */
export interface UnsafeSpan {
  offset: number;
  problem: string;
}

/**
 * Returns every unsafe span in `text`, read as Slack mrkdwn; `[]` means the text is safe to send.
 * Accepted: `&amp;` `&lt;` `&gt;`, `<@U…>`, `<#C…>`, and well-formed `<https://…|label>` links whose URL and
 * label contain no raw `&` and whose label holds no second `|` (Slack would split the link there).
 */
export function findUnsafeMrkdwn(text: string): UnsafeSpan[] {
  const found: UnsafeSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === "&") {
      if (!ENTITY.test(text.slice(i, i + 5)))
        found.push({ offset: i, problem: `unescaped & ${excerpt(text, i)}` });
      i += 1;
    } else if (char === ">") {
      found.push({ offset: i, problem: `unescaped > ${excerpt(text, i)}` });
      i += 1;
    } else if (char === "<") {
      const close = text.indexOf(">", i + 1);
      const nextOpen = text.indexOf("<", i + 1);
      if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
        found.push({ offset: i, problem: `unescaped < ${excerpt(text, i)}` });
        i += 1;
        continue;
      }
      found.push(...checkControlSequence(text.slice(i + 1, close), i));
      i = close + 1;
    } else {
      i += 1;
    }
  }
  return found;
}

function checkControlSequence(inner: string, offset: number): UnsafeSpan[] {
  const shown = `<${inner.length > 40 ? `${inner.slice(0, 40)}…` : inner}>`;
  if (USER_MENTION.test(inner) || CHANNEL_MENTION.test(inner)) return [];
  const broadcast = BROADCAST.exec(inner);
  if (broadcast) return [{ offset, problem: `broadcast mention <!${broadcast[1]}>` }];
  if (inner.startsWith("!")) return [{ offset, problem: `unexpected special command ${shown}` }];
  const link = LINK.exec(inner);
  if (!link) return [{ offset, problem: `unexpected control sequence ${shown}` }];
  const problems: UnsafeSpan[] = [];
  const url = link[1] ?? "";
  const label = link[2];
  if (!isParsableUrl(url)) problems.push({ offset, problem: `malformed link URL ${shown}` });
  for (const part of label === undefined ? [url] : [url, label]) {
    const amp = part.search(/&(?!(?:amp|lt|gt);)/);
    if (amp !== -1) problems.push({ offset, problem: `unescaped & inside link ${shown}` });
  }
  if (label?.includes("|")) problems.push({ offset, problem: `second | inside link label ${shown}` });
  if (label === "") problems.push({ offset, problem: `empty link label ${shown}` });
  return problems;
}

function isParsableUrl(url: string): boolean {
  try {
    new URL(url.replace(/&amp;/g, "&"));
    return true;
  } catch {
    return false;
  }
}

function excerpt(text: string, at: number): string {
  const start = Math.max(0, at - 10);
  return JSON.stringify(text.slice(start, at + 20));
}
