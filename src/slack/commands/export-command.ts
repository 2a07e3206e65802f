// `/papers export`: the reading list (to the person, in a DM) or the channel's discussed papers, as a citation file.
import { exportPapers } from "../../export/export-papers.ts";
import type { ExportFormat } from "../../export/format-citations.ts";
import type { SlackMessage } from "../blocks/paper-card.ts";
import { renderNotice } from "../blocks/usage.ts";
import type { CommandContext } from "./command-context.ts";
import type { ExportRequest } from "./parse-export.ts";

const FORMAT_NAMES: Record<ExportFormat, string> = { bibtex: "BibTeX", ris: "RIS", "csl-json": "CSL-JSON" };

/** Builds the file and uploads it with files.uploadV2; answers privately with what was done (or why not). */
export async function exportCommand(request: ExportRequest, context: CommandContext): Promise<SlackMessage> {
  const { features, client, user, channel, team } = context;
  const mine = request.scope === "mine";
  const scope = mine ? { kind: "user" as const, user } : { kind: "channel" as const, team, channel };
  const result = await exportPapers(scope, request.format, {
    readingList: features.readingList,
    discussions: features.discussions,
    lookup: async (id) => (await features.search.lookup(id)).paper,
  });
  if (result.papers.length === 0) {
    return renderNotice(
      mine
        ? "Your reading list is empty, so there is nothing to export: save papers with *Save* or a :bookmark: reaction first."
        : "No papers have been discussed in this channel yet, so there is nothing to export: press *Discuss* on a paper first.",
    );
  }
  const count = `${result.papers.length} paper${result.papers.length === 1 ? "" : "s"}`;
  const formatName = FORMAT_NAMES[request.format];
  // A reading list is personal: it goes to the person's DM with paperboy, not to the channel.
  let target = channel;
  if (mine) {
    const opened = await client.conversations.open({ users: user }).catch(() => undefined);
    if (!opened?.channel?.id)
      return renderNotice(
        "paperboy could not open a direct message with you to send the file; try again later.",
      );
    target = opened.channel.id;
  }
  const who = /^[UW][A-Z0-9]+$/.test(user) ? `<@${user}>` : "someone";
  try {
    await client.files.uploadV2({
      channel_id: target,
      filename: result.filename,
      title: result.filename,
      content: result.content,
      initial_comment: mine
        ? `Your reading list: ${count} (${formatName}).`
        : `Papers discussed in this channel: ${count} (${formatName}), exported by ${who}.`,
    });
  } catch (error) {
    features.logger.warn({ err: error, channel: target }, "export upload failed");
    return renderNotice("Slack did not take the file just now; nothing was uploaded. Try again in a minute.");
  }
  const where = mine ? "in your direct messages with paperboy" : "in this channel";
  const left =
    result.missing.length > 0
      ? ` ${result.missing.length} saved paper${result.missing.length === 1 ? " was" : "s were"} left out: no source could describe ${result.missing.length === 1 ? "it" : "them"} (${result.missing.slice(0, 5).join(", ")}).`
      : "";
  return renderNotice(`Exported ${count} as ${formatName}: \`${result.filename}\` is ${where}.${left}`);
}
