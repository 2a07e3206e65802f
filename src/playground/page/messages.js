// One message as Slack shows it: author, time, blocks (or text), attachments, unfurls, reactions, thread link.
import { renderBlocks } from "./blocks.js";
import { el, menuButton } from "./dom.js";
import { EMOJI, mrkdwnToHtml } from "./mrkdwn.js";

/** The reactions the picker offers. */
export const PICKER = ["bookmark", "+1", "-1", "eyes", "tada"];

/**
 * Renders `message`. `ctx`: `names`, `bot` (the bot's user id), `onAction(message, action)`,
 * `onReact(message, name)`, `onOpenThread(message)` (omit inside the thread pane).
 */
export function renderMessage(message, ctx) {
  // Ephemeral messages come from the app; their `user` is the one person who sees them.
  const author = message.ephemeral ? ctx.bot : message.user;
  const isBot = author === ctx.bot || Boolean(message.bot_id);
  const name = ctx.names[author] ?? author;
  const blockCtx = { names: ctx.names, onAction: (action) => ctx.onAction(message, action) };
  const body = message.blocks?.length
    ? renderBlocks(message.blocks, blockCtx)
    : el("div", { class: "b-text", html: mrkdwnToHtml(message.text, ctx.names) });
  const node = el(
    "article",
    {
      class: `msg${message.ephemeral ? " ephemeral" : ""}`,
      "data-ts": message.ts,
      "aria-label": `${name}${message.ephemeral ? ", only visible to you" : ""}`,
    },
    el("div", {
      class: `avatar${isBot ? " bot" : ""}`,
      "aria-hidden": "true",
      text: isBot ? "🗞️" : name.slice(0, 1),
    }),
    el(
      "div",
      { class: "msg-main" },
      el(
        "div",
        { class: "msg-head" },
        el("span", { class: "author", text: name }),
        isBot ? el("span", { class: "tag", text: "APP" }) : null,
        el("time", { datetime: new Date(Number(message.ts) * 1000).toISOString(), text: clock(message.ts) }),
        message.edited ? el("span", { class: "edited", text: "(edited)" }) : null,
      ),
      message.ephemeral ? el("div", { class: "only-you", text: "👁 Only visible to you" }) : null,
      body,
      ...(message.attachments ?? []).map((attachment) => renderAttachment(attachment, blockCtx)),
      ...(message.unfurls ?? []).flatMap((unfurls) =>
        Object.entries(unfurls).map(([url, attachment]) => renderAttachment(attachment, blockCtx, url)),
      ),
      ...(message.files ?? []).map(fileChip),
      reactionsRow(message, ctx),
      threadLink(message, ctx),
    ),
    message.ephemeral ? null : hoverBar(message, ctx),
  );
  return node;
}

/** A shared file (files.uploadV2), as a download link. */
function fileChip(file) {
  return el(
    "a",
    {
      class: "attachment file",
      href: `/page-api/file?id=${encodeURIComponent(file.id)}`,
      download: file.name,
    },
    `📎 ${file.title ?? file.name}`,
  );
}

function clock(ts) {
  return new Date(Number(ts) * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** A message attachment or an unfurl: a coloured bar with blocks, or title and text. */
function renderAttachment(attachment, blockCtx, url) {
  const content = attachment?.blocks?.length
    ? renderBlocks(attachment.blocks, blockCtx)
    : el(
        "div",
        {},
        attachment?.title
          ? el("div", { class: "b-text", html: mrkdwnToHtml(`*${attachment.title}*`, blockCtx.names) })
          : null,
        el("div", {
          class: "b-text",
          html: mrkdwnToHtml(attachment?.text ?? attachment?.fallback ?? "", blockCtx.names),
        }),
      );
  return el(
    "div",
    { class: "attachment", "aria-label": url ? "Link preview" : "Attachment" },
    url ? el("div", { class: "unfurl-url", text: url }) : null,
    content,
  );
}

function reactionsRow(message, ctx) {
  if (!message.reactions?.length) return null;
  return el(
    "div",
    { class: "reactions" },
    ...message.reactions.map((reaction) => {
      const mine = reaction.users.includes(ctx.me);
      return el(
        "button",
        {
          type: "button",
          class: `reaction${mine ? " mine" : ""}`,
          "aria-label": `${reaction.name} reaction, ${reaction.count}`,
          "aria-pressed": String(mine),
          onclick: () => ctx.onReact(message, reaction.name),
        },
        el("span", { text: EMOJI[reaction.name] ?? `:${reaction.name}:` }),
        el("span", { class: "count", text: String(reaction.count) }),
      );
    }),
  );
}

function threadLink(message, ctx) {
  if (!ctx.onOpenThread || !message.reply_count) return null;
  const n = message.reply_count;
  return el("button", {
    type: "button",
    class: "thread-link",
    text: `${n} ${n === 1 ? "reply" : "replies"}`,
    onclick: () => ctx.onOpenThread(message),
  });
}

/** React and reply buttons; reachable by keyboard (shown on hover and on focus). */
function hoverBar(message, ctx) {
  const { toggle: react, menu: picker } = menuButton({
    label: "Add reaction",
    text: "☺+",
    menuProps: { class: "picker", "aria-label": "Add a reaction" },
    items: PICKER.map((name) => ({
      props: { "aria-label": `React with ${name}`, title: `:${name}:`, text: EMOJI[name] },
      choose: () => ctx.onReact(message, name),
    })),
  });
  const reply = ctx.onOpenThread
    ? el("button", {
        type: "button",
        class: "btn icon",
        "aria-label": "Reply in thread",
        text: "💬",
        onclick: () => ctx.onOpenThread(message),
      })
    : null;
  return el("div", { class: "hover-bar" }, react, reply, picker);
}
