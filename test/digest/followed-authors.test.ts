// Followed authors: their new papers are always in the digest, first and marked; follow commands refuse bad input.
import { describe, expect, it } from "vitest";
import { createChannelSettings } from "../../src/digest/channel-settings.ts";
import { composeDigest } from "../../src/digest/compose-digest.ts";
import { applyFollowChange, MAX_FOLLOWED } from "../../src/digest/followed-authors.ts";
import { renderDigestMessage } from "../../src/slack/digest/render-digest-message.ts";
import { createStateStore } from "../../src/state/state-store.ts";
import { channelConfig, makePaper } from "./digest-test-kit.ts";

const DATE = "2026-03-30";
const topical = makePaper("2603.00001", "Diffusion Models for Protein Design", { upvotes: 50 });
const popular = makePaper("2603.00003", "A Very Popular Paper on Agents", { upvotes: 300 });
const byJane = makePaper("2603.00009", "Medical Imaging With Sparse Labels", {
  upvotes: 0,
  authors: ["Wei Zhang", "Jane Q. Doe"],
});
const byJohn = makePaper("2603.00010", "A Paper by Another Doe", { upvotes: 1, authors: ["John Doe"] });

describe("a followed author's new papers in the digest", () => {
  const settings = channelConfig({
    channel: "C0PAPERS",
    topics: ["diffusion"],
    exclude: ["medical"],
    fill: "none",
    maxPapers: 2,
    follow: ["J. Doe"],
  });

  it("come first, marked, even off-topic, with fill none, using an excluded word, at no upvotes", () => {
    const digest = composeDigest({
      settings: { ...settings, follow: ["Doe, Jane"] },
      date: DATE,
      candidates: [topical, popular, byJane, byJohn],
      alreadyPosted: new Set(),
    });
    expect(digest.entries.map((entry) => [entry.paper.id, entry.reason])).toEqual([
      [byJane.id, "followed"],
      [topical.id, "topics"],
    ]);
    expect(digest.entries[0]?.why).toBe("new from Jane Q. Doe, followed");
    const card = JSON.stringify(renderDigestMessage(digest)?.blocks);
    expect(card).toContain("new from Jane Q. Doe, followed");
    // John Doe is another person: not followed, off-topic, so not in a fill-none digest.
    expect(digest.entries.map((entry) => entry.paper.id)).not.toContain(byJohn.id);
  });

  it("match every author an initial allows, and are not shown again once posted", () => {
    const digest = composeDigest({
      settings,
      date: DATE,
      candidates: [topical, byJane, byJohn],
      alreadyPosted: new Set(),
    });
    expect(digest.entries.map((entry) => entry.reason)).toEqual(["followed", "followed"]);
    const next = composeDigest({
      settings,
      date: DATE,
      candidates: [topical, byJane],
      alreadyPosted: new Set([byJane.id]),
    });
    expect(next.entries.map((entry) => entry.paper.id)).toEqual([topical.id]);
    expect(next.repeats).toEqual([byJane.id]);
  });
});

describe("following and unfollowing", () => {
  async function channelSettings() {
    const store = await createStateStore({ url: "memory://" });
    return createChannelSettings({ store, fileChannels: [] });
  }

  it("follows a name once, however it is spelled, lists it, and unfollows it by another spelling", async () => {
    const settings = await channelSettings();
    expect(
      await applyFollowChange(settings, "C0PAPERS", { action: "add", name: "  Jane   Doe " }),
    ).toMatchObject({
      kind: "followed",
      name: "Jane Doe",
      follow: ["Jane Doe"],
    });
    expect(await applyFollowChange(settings, "C0PAPERS", { action: "add", name: "doe, j." })).toMatchObject({
      kind: "already_followed",
      as: "Jane Doe",
    });
    expect(await applyFollowChange(settings, "C0PAPERS", { action: "list" })).toEqual({
      kind: "list",
      follow: ["Jane Doe"],
    });
    expect(await applyFollowChange(settings, "C0PAPERS", { action: "remove", name: "J. Doe" })).toEqual({
      kind: "unfollowed",
      removed: ["Jane Doe"],
      follow: [],
    });
  });

  it("refuses an empty name, a bare surname and unfollowing someone not followed, changing nothing", async () => {
    const settings = await channelSettings();
    await applyFollowChange(settings, "C0PAPERS", { action: "add", name: "Jane Doe" });
    const before = await settings.view("C0PAPERS");
    expect(await applyFollowChange(settings, "C0PAPERS", { action: "add", name: "  " })).toMatchObject({
      kind: "refused",
    });
    const bare = await applyFollowChange(settings, "C0PAPERS", { action: "add", name: "Doe" });
    expect(bare).toMatchObject({ kind: "refused" });
    expect(bare.kind === "refused" && bare.reason).toMatch(/surname/);
    expect(
      await applyFollowChange(settings, "C0PAPERS", { action: "remove", name: "John Doe" }),
    ).toMatchObject({
      kind: "not_followed",
      follow: ["Jane Doe"],
    });
    expect(await settings.view("C0PAPERS")).toEqual(before);

    // A channel nobody configured stays unconfigured after a refused or empty unfollow.
    expect(
      await applyFollowChange(settings, "C0OTHER", { action: "remove", name: "Jane Doe" }),
    ).toMatchObject({
      kind: "not_followed",
    });
    expect(await settings.get("C0OTHER")).toBeUndefined();
  });

  it("keeps the list bounded", async () => {
    const settings = await channelSettings();
    for (let i = 0; i < MAX_FOLLOWED; i++) {
      await applyFollowChange(settings, "C0PAPERS", {
        action: "add",
        name: `Author Number${String.fromCharCode(97 + (i % 26))}${i}x`,
      });
    }
    const refused = await applyFollowChange(settings, "C0PAPERS", { action: "add", name: "One More" });
    expect(refused).toMatchObject({ kind: "refused" });
    expect((await settings.view("C0PAPERS")).config.follow).toHaveLength(MAX_FOLLOWED);
  });
});
