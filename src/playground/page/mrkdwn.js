// Slack mrkdwn (as apps send it on the wire) to HTML: every character of the input is escaped here, once.

/** Common emoji shortcodes; unknown ones stay as `:name:` text. */
export const EMOJI = {
  bookmark: "🔖",
  "+1": "👍",
  thumbsup: "👍",
  "-1": "👎",
  thumbsdown: "👎",
  tada: "🎉",
  eyes: "👀",
  fire: "🔥",
  rocket: "🚀",
  heart: "❤️",
  warning: "⚠️",
  white_check_mark: "✅",
  heavy_check_mark: "✔️",
  x: "❌",
  memo: "📝",
  newspaper: "📰",
  books: "📚",
  book: "📖",
  page_facing_up: "📄",
  bulb: "💡",
  mag: "🔍",
  calendar: "📅",
  speech_balloon: "💬",
  thinking_face: "🤔",
  star: "⭐",
  sparkles: "✨",
  robot_face: "🤖",
  point_right: "👉",
  link: "🔗",
  hourglass: "⌛",
  hourglass_flowing_sand: "⏳",
  information_source: "ℹ️",
  question: "❓",
  wave: "👋",
  smile: "😄",
  slightly_smiling_face: "🙂",
  chart_with_upwards_trend: "📈",
  microscope: "🔬",
  clipboard: "📋",
  pushpin: "📌",
  no_entry_sign: "🚫",
  arrow_up: "⬆️",
  small_red_triangle: "🔺",
};

const HTML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML content and quoted attributes. */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/** Slack's wire format escapes only these three; everything else arrives as typed. */
function decodeWire(text) {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Only web and mail links become links; anything else (javascript:, data:) is shown as text. */
export function safeHref(url) {
  return /^(https?:\/\/|mailto:)/i.test(url) ? url : undefined;
}

/**
 * Renders mrkdwn to HTML. `names` maps user and channel ids to display names. Handles links
 * (`<url|label>`), mentions (`<@U…>`, `<#C…|name>`, `<!here>`), *bold*, _italic_, ~strike~, `code`,
 * ```pre```, `>` quotes, `•`/`-`/`1.` lists and `:emoji:`.
 */
export function mrkdwnToHtml(input, names = {}) {
  const source = String(input ?? "").replace(/\uE000/g, "");
  const pieces = [];
  // Placeholders (U+E000 n U+E000) stand for finished HTML while the rest is formatted; the input has them removed.
  const hold = (html) => `\uE000${pieces.push(html) - 1}\uE000`;
  let text = source.replace(/```([\s\S]*?)```/g, (_, code) =>
    hold(`<pre>${escapeHtml(decodeWire(code.replace(/^\n/, "")))}</pre>`),
  );
  text = text.replace(/<([^<>]*)>/g, (_, inner) => hold(angle(inner, names)));
  text = text.replace(/`([^`\n]+)`/g, (_, code) => hold(`<code>${escapeHtml(decodeWire(code))}</code>`));
  const html = blocksOf(escapeHtml(decodeWire(text)));
  return html.replace(/\uE000(\d+)\uE000/g, (_, n) => pieces[Number(n)] ?? "");
}

/** A `<…>` sequence: a link, a mention, a channel, a special mention, or (if none) its escaped text. */
function angle(inner, names) {
  const [target = "", label] = splitOnce(inner, "|");
  if (target.startsWith("@")) {
    const id = target.slice(1);
    return `<span class="mention">@${escapeHtml(names[id] ?? label ?? id)}</span>`;
  }
  if (target.startsWith("#")) {
    const id = target.slice(1);
    return `<span class="mention">#${escapeHtml(label ?? names[id] ?? id)}</span>`;
  }
  if (target.startsWith("!")) {
    const special = target.slice(1).split("^")[0];
    return `<span class="mention">@${escapeHtml(label ?? special)}</span>`;
  }
  const url = decodeWire(target);
  const href = safeHref(url);
  const shown = inline(escapeHtml(decodeWire(label ?? target)));
  if (!href) return escapeHtml(decodeWire(inner));
  return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${shown}</a>`;
}

function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at === -1 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}

/** Lines to paragraphs, quotes and lists (input already escaped, so `>` is `&gt;`). */
function blocksOf(escaped) {
  const out = [];
  let list;
  let quote = [];
  const flushQuote = () => {
    if (quote.length > 0) out.push(`<blockquote>${quote.join("<br>")}</blockquote>`);
    quote = [];
  };
  const flushList = () => {
    if (list) out.push(`<${list.tag}>${list.items.map((item) => `<li>${item}</li>`).join("")}</${list.tag}>`);
    list = undefined;
  };
  for (const line of escaped.split("\n")) {
    const quoted = /^&gt;\s?(.*)$/.exec(line);
    const bullet = /^\s*(?:•|◦|-|\*)\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (quoted) {
      flushList();
      quote.push(inline(quoted[1]));
    } else if (bullet || numbered) {
      flushQuote();
      const tag = bullet ? "ul" : "ol";
      if (list?.tag !== tag) flushList();
      list ??= { tag, items: [] };
      list.items.push(inline((bullet ?? numbered)[1]));
    } else {
      flushQuote();
      flushList();
      out.push(`<span class="line">${inline(line)}</span>`);
    }
  }
  flushQuote();
  flushList();
  return out.join("");
}

/** Bold, italic, strike and emoji on escaped text (markers only at word edges, as Slack does). */
function inline(escaped) {
  return escaped
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, "$1<b>$2</b>")
    .replace(/(^|[^\w_])_(?=\S)([^_\n]*?\S)_(?!\w)/g, "$1<i>$2</i>")
    .replace(/(^|[^\w~])~(?=\S)([^~\n]*?\S)~(?!\w)/g, "$1<s>$2</s>")
    .replace(/:([a-z0-9_+-]+):/g, (whole, name) => EMOJI[name] ?? whole);
}

/** Plain text (plain_text objects, fallbacks): escaped, emoji shortcodes shown when asked. */
export function plainToHtml(text, emoji = true) {
  const escaped = escapeHtml(text ?? "");
  return emoji ? escaped.replace(/:([a-z0-9_+-]+):/g, (whole, name) => EMOJI[name] ?? whole) : escaped;
}
