// The message box: Enter sends, Shift+Enter breaks the line, and a slash command shows its usage hint as you type.
import { el } from "./dom.js";

/**
 * Fills and wires a composer form: a message box `#<name>-input` labelled `label`, a `sendLabel` button and
 * an error line `#<name>-error`; with `commands` (a function listing `{command, description, usageHint}`),
 * also the usage hint `#hint` above them. `send(text)` resolves when the stand-in has delivered the message
 * or command to the app (answers arrive over live updates).
 */
export function bindComposer({ form, name, label, placeholder, sendLabel, commands, send }) {
  const hint = commands ? el("div", { id: "hint", class: "hint", hidden: true }) : null;
  const input = el("textarea", { id: `${name}-input`, rows: "1", placeholder });
  const error = el("p", { id: `${name}-error`, class: "composer-error", role: "alert" });
  form.replaceChildren(
    ...(hint ? [hint] : []),
    el("label", { class: "sr-only", for: input.id, text: label }),
    input,
    el("button", { type: "submit", class: "btn primary send", text: sendLabel }),
    error,
  );
  const showHint = () => {
    if (!hint) return;
    const typed = input.value;
    const word = typed.split(/\s/)[0] ?? "";
    const matches = typed.startsWith("/") ? commands().filter((c) => c.command.startsWith(word)) : [];
    hint.hidden = matches.length === 0;
    hint.replaceChildren(
      ...matches.map((c) =>
        el(
          "div",
          { class: "hint-row" },
          el("b", { text: c.command }),
          el("span", { class: "usage", text: ` ${c.usageHint}` }),
          el("div", { class: "hint-desc", text: c.description }),
        ),
      ),
    );
  };
  const grow = () => {
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight, 200)}px`;
  };
  const submit = async () => {
    const text = input.value.trim();
    if (!text) return;
    error.textContent = "";
    input.value = "";
    grow();
    showHint();
    try {
      await send(text);
    } catch (failure) {
      error.textContent = failure.message;
      input.value = text;
    }
  };
  input.addEventListener("input", () => {
    showHint();
    grow();
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
    if (event.key === "Escape" && hint) hint.hidden = true;
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });
}
