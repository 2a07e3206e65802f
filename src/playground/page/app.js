// The playground page: sidebar, channel, thread pane, App Home, developer pane, kept live by server-sent events.
import { renderBlocks } from "./blocks.js";
import { bindComposer } from "./composer.js";
import { devEntry } from "./dev-log.js";
import { el } from "./dom.js";
import { renderMessage } from "./messages.js";

const $ = (id) => document.getElementById(id);
const state = {
  me: "",
  channel: "",
  view: "channel",
  thread: null,
  dev: false,
  workspace: null,
  commands: [],
};
let names = {};

async function api(path, body) {
  const response = await fetch(`/page-api/${path}`, {
    method: body ? "POST" : "GET",
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify({ user: state.me, ...body }) : undefined,
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error ?? `HTTP ${response.status}`);
  return data;
}

function messageCtx(inThread) {
  return {
    names,
    me: state.me,
    bot: state.workspace.botUserId,
    onAction: (message, action) =>
      api("click", {
        channel: message.channel ?? state.channel,
        ts: message.ts,
        ephemeral: Boolean(message.ephemeral),
        ...action,
      }).catch(showError),
    onReact: (message, name) =>
      api("react", { channel: message.channel ?? state.channel, ts: message.ts, name }).catch(showError),
    ...(inThread
      ? {}
      : { onOpenThread: (message) => openThread(message.channel ?? state.channel, message.ts) }),
  };
}

function showError(error) {
  $(state.thread ? "thread-error" : "composer-error").textContent = error.message;
}

/** Replaces a list's messages, keeping the scroll at the bottom when it was there. */
function fill(list, messages, ctx) {
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.replaceChildren(...messages.map((message) => renderMessage(message, ctx)));
  if (messages.length === 0) list.append(el("p", { class: "empty", text: "No messages yet." }));
  if (atBottom) list.scrollTop = list.scrollHeight;
}

async function refreshChannel() {
  if (state.view !== "channel") return;
  const { messages } = await api(`channel?channel=${state.channel}&user=${state.me}`);
  fill($("messages"), messages, messageCtx(false));
}

async function refreshThread() {
  if (!state.thread) return;
  const { channel, ts } = state.thread;
  const { messages } = await api(`thread?channel=${channel}&ts=${ts}&user=${state.me}`);
  fill($("thread-messages"), messages, messageCtx(true));
}

async function refreshHome() {
  if (state.view !== "home") return;
  const { view } = await api(`home?user=${state.me}`);
  const ctx = { names, onAction: (action) => api("click", { surface: "home", ...action }).catch(showError) };
  $("home").replaceChildren(
    view ? renderBlocks(view.blocks, ctx) : el("p", { class: "empty", text: "Loading your Home tab…" }),
  );
}

async function refreshDev() {
  if (!state.dev) return;
  const { entries } = await api("activity");
  const list = $("dev-list");
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.replaceChildren(...entries.map(devEntry));
  if (atBottom) list.scrollTop = list.scrollHeight;
}

async function openThread(channel, ts) {
  state.thread = { channel, ts };
  $("thread-where").textContent = `#${names[channel] ?? channel}`;
  $("thread").hidden = false;
  await refreshThread();
  $("thread-input").focus();
}

function closeThread() {
  state.thread = null;
  $("thread").hidden = true;
  $("composer-input").focus();
}

async function show(view, channel) {
  state.view = view;
  if (channel) state.channel = channel;
  for (const item of document.querySelectorAll(".nav-item")) {
    const current = view === "home" ? item.id === "home-tab" : item.dataset.channel === state.channel;
    item.setAttribute("aria-current", current ? "page" : "false");
  }
  const home = view === "home";
  $("messages").hidden = home;
  $("composer").hidden = home;
  $("home").hidden = !home;
  const name = names[state.channel] ?? state.channel;
  $("view-title").textContent = home ? "paperboy · Home" : `#${name}`;
  $("view-sub").textContent = home
    ? ""
    : state.schedules?.[state.channel]
      ? `Daily digest: ${state.schedules[state.channel]}`
      : "";
  $("composer-input").placeholder =
    `Message #${name} — try /papers regularization, @paperboy …, or paste an arXiv link`;
  if (home) {
    $("home").replaceChildren(el("p", { class: "empty", text: "Loading your Home tab…" }));
    await api("home-opened", {}).catch(showError);
    await refreshHome();
  } else await refreshChannel();
}

async function loadWorkspace() {
  const { workspace, schedules, commands } = await api("workspace");
  state.workspace = workspace;
  state.schedules = schedules;
  state.commands = commands;
  names = Object.fromEntries([
    ...workspace.users.map((user) => [user.id, user.realName]),
    ...workspace.channels.map((channel) => [channel.id, channel.name]),
  ]);
  const people = workspace.users.filter((user) => !user.isBot);
  state.me ||= people[0]?.id ?? "";
  $("person").replaceChildren(...people.map((user) => el("option", { value: user.id, text: user.realName })));
  $("person").value = state.me;
  const channels = workspace.channels.filter((channel) => !channel.dmWith);
  state.channel ||= channels[0]?.id ?? "";
  $("channels").replaceChildren(
    ...channels.map((channel) =>
      el(
        "li",
        {},
        el("button", {
          type: "button",
          class: "nav-item",
          "data-channel": channel.id,
          text: `# ${channel.name}${schedules[channel.id] ? "  🗓" : ""}`,
          title: schedules[channel.id] ? `Daily digest: ${schedules[channel.id]}` : "No digest",
          onclick: () => show("channel", channel.id),
        }),
      ),
    ),
  );
  const lines = Object.entries(schedules).map(([id, line]) => `#${names[id] ?? id}: ${line}`);
  $("schedule").textContent = lines.length ? `Digest: ${lines.join("; ")}` : "No digest scheduled.";
}

let pending;
/** Many changes arrive together (a digest is several calls): refresh once per burst. */
function scheduleRefresh() {
  clearTimeout(pending);
  pending = setTimeout(() => {
    refreshChannel().catch(() => {});
    refreshThread().catch(() => {});
    refreshHome().catch(() => {});
    refreshDev().catch(() => {});
  }, 60);
}

function connect() {
  const events = new EventSource("/page-api/events");
  events.addEventListener("open", () => $("live").classList.add("on"));
  events.addEventListener("error", () => $("live").classList.remove("on"));
  events.addEventListener("change", scheduleRefresh);
}

async function start() {
  bindComposer({
    form: $("composer"),
    name: "composer",
    label: "Message",
    sendLabel: "Send",
    commands: () => state.commands,
    send: (text) => api("send", { channel: state.channel, text }),
  });
  bindComposer({
    form: $("thread-composer"),
    name: "thread",
    label: "Reply",
    placeholder: "Reply… (@paperboy what problem does this solve?)",
    sendLabel: "Reply",
    send: (text) => api("send", { channel: state.thread.channel, threadTs: state.thread.ts, text }),
  });
  await loadWorkspace();
  $("person").addEventListener("change", () => {
    state.me = $("person").value;
    show(state.view);
    refreshThread().catch(() => {});
  });
  $("home-tab").addEventListener("click", () => show("home"));
  $("thread-close").addEventListener("click", closeThread);
  $("run-digest").addEventListener("click", async () => {
    $("digest-status").textContent = "Running…";
    const result = await api("run-digest", {}).catch((error) => ({ said: error.message }));
    $("digest-status").textContent = result.said.replace(/<#(\w+)>/g, (_, id) => `#${names[id] ?? id}`);
    loadWorkspace().catch(() => {});
  });
  $("dev-toggle").addEventListener("click", () => {
    state.dev = !state.dev;
    $("dev").hidden = !state.dev;
    $("dev-toggle").setAttribute("aria-pressed", String(state.dev));
    refreshDev().catch(() => {});
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && state.thread && $("thread").contains(document.activeElement)) closeThread();
  });
  connect();
  await show("channel", state.channel);
  $("composer-input").focus();
  document.body.dataset.ready = "true";
}

start().catch((error) => {
  document.body.prepend(
    el("p", { class: "fatal", role: "alert", text: `The playground could not load: ${error.message}` }),
  );
});
