// The page's API on the stand-in: what it serves, and bad input answered with a clear message that changes nothing.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PAGE_COMMANDS } from "../../src/playground/page-api.ts";
import { playgroundPageRoutes } from "../../src/playground/page-routes.ts";
import { type SlackStandIn, startSlackStandIn } from "../../src/playground/slack-stand-in.ts";
import { playgroundWorkspace } from "../../src/playground/workspace.ts";

let standIn: SlackStandIn;

beforeAll(async () => {
  standIn = await startSlackStandIn({
    workspace: playgroundWorkspace(),
    routes: playgroundPageRoutes({ standIn: () => standIn }),
  });
});
afterAll(async () => {
  await standIn.close();
});

const post = (route: string, body: Record<string, unknown>) =>
  fetch(`${standIn.url}/page-api/${route}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("the playground page's routes", () => {
  it("serves the page at / with a strict content security policy, and its files, nothing outside the page folder", async () => {
    const page = await fetch(`${standIn.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="/page/app.js">');
    expect((await fetch(`${standIn.url}/page/mrkdwn.js`)).headers.get("content-type")).toContain(
      "javascript",
    );
    for (const path of [
      "/page/../page-api.ts",
      "/page/%2e%2e%2fpage-api.ts",
      "/page/missing.js",
      "/page/.hidden.js",
    ]) {
      expect((await fetch(`${standIn.url}${path}`)).status).toBe(404);
    }
  });

  it("lists Alice and Bob, #papers and #general, and /papers with the usage hint of manifest.yml", async () => {
    const body = (await (await fetch(`${standIn.url}/page-api/workspace`)).json()) as {
      workspace: { users: { realName: string; isBot?: boolean }[]; channels: { name: string }[] };
    };
    expect(body.workspace.users.filter((user) => !user.isBot).map((user) => user.realName)).toEqual([
      "Alice",
      "Bob",
    ]);
    expect(body.workspace.channels.map((channel) => channel.name)).toEqual(["papers", "general"]);
    const manifest = parse(readFileSync(new URL("../../manifest.yml", import.meta.url), "utf8")) as {
      features: { slash_commands: { command: string; description: string; usage_hint: string }[] };
    };
    const [papers] = manifest.features.slash_commands;
    expect(PAGE_COMMANDS).toEqual([
      { command: papers?.command, description: papers?.description, usageHint: papers?.usage_hint },
    ]);
  });

  it("answers bad input with a clear message and stores nothing", async () => {
    const cases: [string, Record<string, unknown>, number, RegExp][] = [
      ["send", { user: "U0MALLORY", channel: "C0PAPERS", text: "hi" }, 400, /Pick Alice or Bob/],
      ["send", { user: "U0ALICE", channel: "C0NOPE", text: "hi" }, 400, /No such channel/],
      ["send", { user: "U0ALICE", channel: "C0PAPERS", text: "   " }, 400, /Type something/],
      ["send", { user: "U0ALICE", channel: "C0PAPERS", text: "x".repeat(4_001) }, 400, /too long/],
      [
        "send",
        { user: "U0ALICE", channel: "C0PAPERS", text: "/giphy cats" },
        400,
        /\/giphy is not a command here/,
      ],
      [
        "react",
        { user: "U0ALICE", channel: "C0PAPERS", ts: "1.000001", name: "<script>" },
        400,
        /Not a reaction/,
      ],
      [
        "react",
        { user: "U0ALICE", channel: "C0PAPERS", ts: "1.000001", name: "bookmark" },
        404,
        /The message is gone/,
      ],
      ["run-digest", { user: "U0ALICE" }, 400, /No digest is configured/],
    ];
    for (const [route, body, status, message] of cases) {
      const response = await post(route, body);
      expect(response.status, route).toBe(status);
      expect(((await response.json()) as { error: string }).error).toMatch(message);
    }
    const formPost = await fetch(`${standIn.url}/page-api/send`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ user: "U0ALICE", channel: "C0PAPERS", text: "from another site" }),
    });
    expect(formPost.status).toBe(415);
    const unknown = await fetch(`${standIn.url}/page-api/channel?channel=C0NOPE&user=U0ALICE`);
    expect(unknown.status).toBe(404);
    expect(standIn.messages("C0PAPERS")).toEqual([]);
    expect(standIn.calls()).toEqual([]);
  });

  it("streams changes as server-sent events", async () => {
    const controller = new AbortController();
    const response = await fetch(`${standIn.url}/page-api/events`, { signal: controller.signal });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = response.body?.getReader();
    await reader?.read(); // the retry line
    await fetch(`${standIn.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { authorization: `Bearer ${standIn.botToken}`, "content-type": "application/json" },
      body: JSON.stringify({ channel: "C0GENERAL", text: "hello" }),
    });
    let seen = "";
    while (!seen.includes('"kind":"message"'))
      seen += new TextDecoder().decode((await reader?.read())?.value);
    expect(seen).toContain('"channel":"C0GENERAL"');
    controller.abort();
  });

  it("takes a reaction back when it is picked again, as Slack does, and tells the app with reaction_removed", async () => {
    const events: string[] = [];
    const app = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        events.push((JSON.parse(body) as { event: { type: string } }).event.type);
        res.end();
      });
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    standIn.setAppUrl(`http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`);
    try {
      const { message } = await standIn.sendUserMessage({
        text: "lunch?",
        user: "U0BOB",
        channel: "C0GENERAL",
      });
      const react = () =>
        post("react", { user: "U0ALICE", channel: "C0GENERAL", ts: message.ts, name: "tada" });
      const reactions = () => standIn.messages("C0GENERAL").find((m) => m.ts === message.ts)?.reactions ?? [];
      expect((await react()).status).toBe(200);
      expect(reactions()).toEqual([{ name: "tada", users: ["U0ALICE"], count: 1 }]);
      expect((await react()).status).toBe(200);
      expect(reactions()).toEqual([]);
      expect(events).toEqual(["message", "reaction_added", "reaction_removed"]);
    } finally {
      app.close();
    }
  });
});

describe("files uploaded with files.uploadV2", () => {
  it("are stored by the stand-in, shown in the channel and downloadable from the page", async () => {
    const { webApi } = await import("@slack/bolt");
    const client = new webApi.WebClient(standIn.botToken, {
      slackApiUrl: standIn.apiUrl,
      retryConfig: { retries: 0 },
    });
    const content = '@misc{lovelace1843notes,\n\ttitle = {Sch{\\" o}n \\& {Notes}},\n}\n';
    const channel = standIn.workspace.channels[0]?.id ?? "";
    const uploaded = await client.files.uploadV2({
      channel_id: channel,
      filename: "papers.bib",
      title: "papers.bib",
      content,
      initial_comment: "Your export",
    });
    expect(uploaded.ok).toBe(true);
    const [file] = standIn.files();
    expect(file).toMatchObject({ filename: "papers.bib", channel, completed: true });
    expect(file?.content?.toString("utf8")).toBe(content);
    const shown = standIn.messages(channel).find((message) => message.files);
    expect(shown?.text).toBe("Your export");
    const download = await fetch(`${standIn.url}/page-api/file?id=${file?.id}`);
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="papers.bib"');
    expect(await download.text()).toBe(content);
    expect((await fetch(`${standIn.url}/page-api/file?id=F404`)).status).toBe(404);
  });

  it("refuses to complete a file whose bytes never arrived", async () => {
    const { webApi } = await import("@slack/bolt");
    const client = new webApi.WebClient(standIn.botToken, {
      slackApiUrl: standIn.apiUrl,
      retryConfig: { retries: 0 },
    });
    const { file_id } = await client.files.getUploadURLExternal({ filename: "a.bib", length: 10 });
    await expect(
      client.files.completeUploadExternal({ files: [{ id: file_id ?? "" }] }),
    ).rejects.toMatchObject({ data: { error: "file_not_found" } });
  });
});
