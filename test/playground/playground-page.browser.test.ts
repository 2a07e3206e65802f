// The playground in a real browser (Debian's Chromium via playwright-core): digest, search, discuss, answer, save, Home.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.ts";
import { silentLogger } from "../../src/logger.ts";
import { type RunningBot, startBot } from "../../src/main.ts";
import type { Paper } from "../../src/papers/paper.ts";
import { SOURCES_DOWN } from "../support/bot-child.ts";

const CHROMIUM = "/usr/bin/chromium";
const OUT = join(import.meta.dirname, "../../test-output/playground");
const HOSTILE_TITLE = `Regularization <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> *not bold* &amp; <https://evil.example|click>`;
const hostilePaper: Paper = {
  id: "2611.09999",
  title: HOSTILE_TITLE,
  abstract: `We study regularization. <b onmouseover="window.__pwned=3">Hover</b> ]]> "quotes" 'too' & <@U0ALICE> <!channel>.`,
  authors: [`<svg onload="window.__pwned=4">`, "Mallory `code`"],
  categories: ["cs.LG"],
  publishedAt: "2026-07-01",
  source: "file",
};

const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser)
  process.stdout.write(
    `playground browser test skipped: no browser at ${CHROMIUM} (apt-get install chromium)\n`,
  );

describe.skipIf(!hasBrowser)("the playground page in Chromium", () => {
  let bot: RunningBot;
  let browser: BrowserContext;
  let page: Page;
  let dataDir: string;
  let profileDir: string;
  const shot = (name: string) => page.screenshot({ path: join(OUT, `${name}.png`) });

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), "paperboy-page-"));
    profileDir = mkdtempSync(join(tmpdir(), "paperboy-chromium-"));
    const config = loadConfig(
      {
        PORT: "0",
        PAPERBOY_DATA_DIR: dataDir,
        PAPERBOY_STORE_URL: `memory://page-${process.pid}`,
        ...SOURCES_DOWN,
        PAPERBOY_REMOTE_TIMEOUT_MS: "50",
        PAPERBOY_SEARCH_THREADS: "0",
      },
      dataDir,
    );
    bot = await startBot(config, silentLogger(), { slackRetries: 0 });
    bot.services.index.upsert([hostilePaper]);
    await bot.fillPlayground?.(() => {});
    // A fresh profile (playwright passes it to Chromium as --user-data-dir).
    browser = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  });

  it("shows the digest, searches, discusses, answers in the thread, saves with 🔖 and lists it in the App Home", async () => {
    const playground = bot.playground;
    if (!playground) throw new Error("not in playground mode");
    const redirect = await fetch(`${bot.url}/`, { redirect: "manual" });
    expect(redirect.headers.get("location")).toBe(`${playground.url}/`);
    await page.goto(`${playground.url}/`);
    const channel = page.locator("#messages");
    await expect
      .poll(() => channel.locator(".b-header").first().textContent(), { timeout: 15_000 })
      .toMatch(/Papers for/);
    await expect.poll(() => page.locator("#channels").textContent()).toContain("# papers");
    expect(await page.locator("#view-sub").textContent()).toMatch(/Daily digest: 09:00 UTC/);
    await shot("01-digest");

    const input = page.locator("#composer-input");
    // A hostile title reaches the page as text: no element from it, no script run.
    await input.fill(`/papers ${hostilePaper.id}`);
    await input.press("Enter");
    const card = channel.locator(".msg.ephemeral").filter({ hasText: "Mallory" }).last();
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    expect(await card.textContent()).toContain('<img src=x onerror="window.__pwned=1">');
    expect(await card.textContent()).toContain("<script>window.__pwned=2</script>");
    expect(await card.textContent()).toContain('<svg onload="window.__pwned=4">');
    expect(await page.locator('img[src="x"], script:not([src]), svg, b[onmouseover]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    await shot("03b-hostile-title");

    await input.click();
    await input.pressSequentially("/papers regularization");
    await expect.poll(() => page.locator("#hint").textContent()).toContain("discuss 2302.06675");
    await shot("02-typing-hint");
    const before = await channel.locator(".msg.ephemeral").count();
    await input.press("Enter");
    const results = channel.locator(".msg.ephemeral").nth(before);
    expect(await results.textContent()).toContain("Only visible to you");
    await expect
      .poll(() => results.locator("[data-action-id=paper_discuss]").count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(await results.textContent()).toMatch(/regularization/i);
    await shot("03-search-results");

    const firstTitle = (await results.locator(".b-section .b-text a").first().textContent()) ?? "";
    const posted = await channel.locator(".msg:not(.ephemeral)").count();
    await results.locator("[data-action-id=paper_discuss]").first().click();
    const discussion = channel.locator(".msg:not(.ephemeral)").nth(posted);
    await expect.poll(() => discussion.textContent(), { timeout: 15_000 }).toContain(firstTitle);
    await discussion.hover();
    await discussion.getByRole("button", { name: "Reply in thread" }).click();
    await shot("04-discussion-thread");

    const threadInput = page.locator("#thread-input");
    await threadInput.fill("@paperboy what problem does this solve?");
    await threadInput.press("Enter");
    const thread = page.locator("#thread-messages");
    await expect.poll(() => thread.locator(".msg").count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    const answer = thread.locator(".msg").last();
    expect(await answer.locator(".author").textContent()).toBe("paperboy");
    expect(await answer.textContent()).toMatch(/abstract/i);
    expect(await thread.textContent()).toContain("@paperboy what problem does this solve?");
    await shot("05-thread-answer");

    await discussion.hover();
    await discussion.getByRole("button", { name: "Add reaction" }).click();
    await discussion.getByRole("menuitem", { name: "React with bookmark" }).click();
    await expect.poll(() => discussion.getByRole("button", { name: "bookmark reaction, 1" }).count()).toBe(1);
    await shot("06-bookmarked");

    await page.locator("#home-tab").click();
    await expect.poll(() => page.locator("#home").textContent(), { timeout: 15_000 }).toContain(firstTitle);
    expect(await page.locator("#home").textContent()).toContain("1 saved paper");
    await shot("07-app-home");

    // A pasted paper link in #general unfurls as the paper's card under the message.
    await page
      .locator("#channels")
      .getByRole("button", { name: /general/ })
      .click();
    await input.fill("have a look https://arxiv.org/abs/2111.01253");
    await input.press("Enter");
    const unfurl = channel.locator(".msg .attachment").first();
    await expect.poll(() => unfurl.textContent(), { timeout: 15_000 }).toContain("Neural Scene Flow Prior");
    expect(await channel.locator(".msg a", { hasText: "https://arxiv.org/abs/2111.01253" }).count()).toBe(1);
    await shot("08-unfurl");

    // The next scheduled digest, now: a second digest appears in #papers, with other papers than the first.
    await page
      .locator("#channels")
      .getByRole("button", { name: /papers/ })
      .click();
    const digests = channel.locator(".b-header", { hasText: "Papers for" });
    // The channel's messages are fetched after the click: wait for them rather than count at once.
    await expect.poll(() => digests.count()).toBe(1);
    await page.locator("#run-digest").click();
    await expect
      .poll(() => page.locator("#digest-status").textContent(), { timeout: 30_000 })
      .toMatch(/: posted, \d+ papers/);
    await expect.poll(() => digests.count()).toBe(2);

    // Bob sees the channel but not Alice's ephemeral search results, and has his own (empty) reading list.
    expect(await channel.locator(".msg.ephemeral").count()).toBeGreaterThan(0);
    await page.locator("#person").selectOption({ label: "Bob" });
    await expect.poll(() => channel.locator(".msg.ephemeral").count()).toBe(0);
    expect(await digests.count()).toBe(2);
    await page.locator("#home-tab").click();
    await expect
      .poll(() => page.locator("#home").textContent(), { timeout: 15_000 })
      .toContain("Nothing saved yet");
    await page.locator("#person").selectOption({ label: "Alice" });

    await page.locator("#dev-toggle").click();
    await expect.poll(() => page.locator("#dev-list").textContent()).toContain("chat.postMessage");
    await page.emulateMedia({ colorScheme: "dark" });
    await shot("09-dark-developer-pane");
    expect(playground.rejected()).toEqual([]);
  }, 120_000);
});
