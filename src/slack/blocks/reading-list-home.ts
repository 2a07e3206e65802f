// The App Home tab: the user's reading list and the channels' digest settings, with how to change them.
import type { HomeView, KnownBlock, SectionBlock } from "@slack/types";
import { type Paper, paperLinks } from "../../papers/paper.ts";
import { fitToSlackLimits } from "./fit-to-slack-limits.ts";
import { SLACK_LIMITS } from "./slack-limits.ts";
import { context, header, section } from "./text-blocks.ts";
import { cleanText, escapeText, linkLabel, mrkdwnLink } from "./untrusted-text.ts";

/** action_id of the *Remove* button next to a saved paper; its value is the paper id. */
export const READING_LIST_REMOVE_ACTION_ID = "reading_list_remove";

const SETTINGS_HELP = [
  "*Change a channel's digest* by typing in that channel:",
  "• `/papers schedule 09:00 Europe/Berlin weekdays` — when it is posted",
  "• `/papers topics add diffusion` · `/papers exclude medical` — what it is ranked for",
  "• `/papers digest on` · `off` — turn it on or off; `/papers settings` shows the current ones",
].join("\n");
// Blocks that are not saved papers: two headers, intro, divider, settings sections, help, "and N more".
const RESERVED_BLOCKS = 14;

/**
 * Renders the Home tab: the saved papers (newest first; linked title, authors, links and a *Remove*
 * button each), then the digest settings the digest module provides (safe mrkdwn it has escaped itself,
 * with channel links) and how to change them. At most 100 blocks; a long list ends with "…and N more".
 */
export function renderHomeView(input: { saved: Paper[]; channelSettingsMrkdwn: string }): HomeView {
  const blocks: KnownBlock[] = [header("Your reading list")];
  if (input.saved.length === 0) {
    blocks.push(
      section(
        "Nothing saved yet. React with :bookmark: to a paper paperboy posted, or press *Save* on a paper card, and it appears here.",
      ),
    );
  } else {
    const room = SLACK_LIMITS.viewBlocks - RESERVED_BLOCKS;
    const shown = input.saved.slice(0, room);
    const n = input.saved.length;
    blocks.push(
      context(`${n} saved paper${n === 1 ? "" : "s"}, newest first. React with :bookmark: to save more.`),
    );
    for (const paper of shown) blocks.push(savedPaper(paper));
    if (n > shown.length) blocks.push(context(`…and ${n - shown.length} more.`));
  }
  blocks.push({ type: "divider" }, header("Digest settings"));
  const settings = cleanText(input.channelSettingsMrkdwn);
  for (const chunk of settings ? chunks(settings, SLACK_LIMITS.sectionText).slice(0, 4) : []) {
    blocks.push(section(chunk));
  }
  if (!settings) blocks.push(section("No channel has a daily digest yet."));
  blocks.push(section(SETTINGS_HELP));
  return { type: "home", blocks: fitToSlackLimits(blocks, { surface: "view" }) };
}

function savedPaper(paper: Paper): SectionBlock {
  const links = paperLinks(paper);
  const title = linkLabel(paper.title, 250) || "Untitled paper";
  const authors = paper.authors
    .slice(0, 3)
    .map((name) => escapeText(name, { singleLine: true, maxLength: 80 }));
  const byline = [authors.join(", ") + (paper.authors.length > 3 ? " et al." : ""), paper.publishedAt ?? ""]
    .map((part) =>
      part === paper.publishedAt ? escapeText(part, { singleLine: true, maxLength: 30 }) : part,
    )
    .filter(Boolean)
    .join(" · ");
  const linkLine = [
    mrkdwnLink(links.abs, "arXiv"),
    mrkdwnLink(links.pdf, "PDF"),
    mrkdwnLink(links.hf, "Hugging Face"),
  ];
  const lines = [`*${mrkdwnLink(links.abs, title)}*`, byline, linkLine.join(" · ")].filter(Boolean);
  return {
    type: "section",
    text: { type: "mrkdwn", text: lines.join("\n") },
    accessory: {
      type: "button",
      action_id: READING_LIST_REMOVE_ACTION_ID,
      text: { type: "plain_text", text: "Remove" },
      value: cleanText(paper.id, { singleLine: true, maxLength: 100 }),
    },
  };
}

/** Cuts escaped text at line breaks (else anywhere outside an entity) into pieces of at most `max`. */
function chunks(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf("\n", max);
    if (cut < max / 2) {
      cut = max;
      const amp = rest.lastIndexOf("&", cut - 1);
      if (amp > 0 && rest.indexOf(";", amp) >= cut) cut = amp;
    }
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) out.push(rest);
  return out;
}
