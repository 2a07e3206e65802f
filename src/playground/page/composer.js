// The message box: Enter sends, Shift+Enter breaks the line, and a slash command shows its usage hint as you type.
import { el } from "./blocks.js";

/**
 * Wires a composer form. `commands()` lists `{command, description, usageHint}`; `send(text)` resolves when
 * the stand-in has delivered the message or command to the app (answers arrive over live updates).
 */
export function bindComposer({ form, input, hint, error, commands, send }) {
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
