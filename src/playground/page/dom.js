// DOM helpers the page's parts share: making an element, and an icon button that opens a small menu.

/** Makes an element; `html` is only ever output of mrkdwn.js (escaped there). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "html") node.innerHTML = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) if (child) node.append(child);
  return node;
}

/**
 * An icon button (`label` for screen readers, `text` shown) that opens a menu of `items`, each
 * `{ props, choose }`: `props` for its button, `choose()` run after the menu closes. The menu opens with
 * focus on its first item; Escape closes it and returns focus to the button. `menuProps` style the menu.
 */
export function menuButton({ label, text, menuProps, items }) {
  const menu = el("div", { ...menuProps, role: "menu", hidden: true });
  const toggle = el("button", {
    type: "button",
    class: "btn icon",
    "aria-label": label,
    "aria-haspopup": "menu",
    text,
    onclick: () => {
      menu.hidden = !menu.hidden;
      menu.querySelector("button")?.focus();
    },
  });
  for (const { props, choose } of items) {
    const onclick = () => {
      menu.hidden = true;
      choose();
    };
    menu.append(el("button", { ...props, type: "button", role: "menuitem", onclick }));
  }
  menu.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    menu.hidden = true;
    toggle.focus();
  });
  return { toggle, menu };
}
