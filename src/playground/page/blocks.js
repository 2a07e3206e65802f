// Block Kit to DOM: header, section (text, fields, accessory), image, context, actions, divider, rich text fallback.
import { el, menuButton } from "./dom.js";
import { mrkdwnToHtml, plainToHtml, safeHref } from "./mrkdwn.js";

/** A text object (`mrkdwn` or `plain_text`) as HTML. */
export function textHtml(object, names) {
  if (!object) return "";
  if (object.type === "mrkdwn") return mrkdwnToHtml(object.text, names);
  return plainToHtml(object.text, object.emoji !== false);
}

/**
 * Renders `blocks`. `ctx.names` maps ids to names; `ctx.onAction({actionId, value})` is called for button
 * clicks and overflow choices.
 */
export function renderBlocks(blocks, ctx) {
  return el("div", { class: "blocks" }, ...(blocks ?? []).map((block) => renderBlock(block, ctx)));
}

function renderBlock(block, ctx) {
  switch (block?.type) {
    case "header":
      return el("div", {
        class: "b-header",
        role: "heading",
        "aria-level": "3",
        html: textHtml(block.text, ctx.names),
      });
    case "section":
      return section(block, ctx);
    case "divider":
      return el("hr", { class: "b-divider" });
    case "image":
      return image(
        block.image_url,
        block.alt_text,
        "b-image",
        block.title && textHtml(block.title, ctx.names),
      );
    case "context":
      return el(
        "div",
        { class: "b-context" },
        ...(block.elements ?? []).map((element) =>
          element.type === "image"
            ? image(element.image_url, element.alt_text, "b-context-img")
            : el("span", { html: textHtml(element, ctx.names) }),
        ),
      );
    case "actions":
      return el(
        "div",
        { class: "b-actions" },
        ...(block.elements ?? []).map((element) => control(element, ctx)),
      );
    case "rich_text":
      return el("div", { class: "b-section", text: richTextFallback(block) });
    default:
      return el("div", { class: "b-unknown", text: `[${String(block?.type)} block]` });
  }
}

function section(block, ctx) {
  const body = el("div", { class: "b-section-body" });
  if (block.text) body.append(el("div", { class: "b-text", html: textHtml(block.text, ctx.names) }));
  if (block.fields?.length) {
    body.append(
      el(
        "div",
        { class: "b-fields" },
        ...block.fields.map((field) => el("div", { html: textHtml(field, ctx.names) })),
      ),
    );
  }
  const node = el("div", { class: "b-section" }, body);
  const accessory = block.accessory;
  if (accessory?.type === "image")
    node.append(image(accessory.image_url, accessory.alt_text, "b-accessory-img"));
  else if (accessory) node.append(el("div", { class: "b-accessory" }, control(accessory, ctx)));
  return node;
}

function image(url, alt, className, title) {
  const src = safeHref(String(url ?? "")) && /^https?:/i.test(url) ? url : undefined;
  const img = src
    ? el("img", { class: className, src, alt: alt ?? "", loading: "lazy", referrerpolicy: "no-referrer" })
    : el("span", { class: `${className} missing`, text: alt ?? "image" });
  return title ? el("figure", { class: "b-figure" }, el("figcaption", { html: title }), img) : img;
}

/** A button, an overflow menu, or a labelled stand-in for elements the page does not support. */
function control(element, ctx) {
  if (element.type === "button") {
    const url = element.url && safeHref(element.url);
    return el("button", {
      type: "button",
      class: `btn ${element.style === "primary" ? "primary" : element.style === "danger" ? "danger" : ""}`,
      html: textHtml(element.text, ctx.names),
      "data-action-id": element.action_id,
      onclick: () => {
        if (url) window.open(url, "_blank", "noopener");
        ctx.onAction({ actionId: element.action_id, value: element.value });
      },
    });
  }
  if (element.type === "overflow") {
    const { toggle, menu } = menuButton({
      label: "More actions",
      text: "⋯",
      menuProps: { class: "menu" },
      items: (element.options ?? []).map((option) => ({
        props: { html: textHtml(option.text, ctx.names) },
        choose: () => ctx.onAction({ actionId: element.action_id, value: option.value }),
      })),
    });
    return el("span", { class: "overflow" }, toggle, menu);
  }
  return el("span", { class: "b-unknown", text: `[${String(element.type)}]` });
}

/** rich_text blocks (what Slack clients send for typed messages): their plain characters. */
function richTextFallback(block) {
  const walk = (node) =>
    typeof node?.text === "string" ? node.text : (node?.elements ?? []).map(walk).join("");
  return walk(block);
}
