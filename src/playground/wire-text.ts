// What a Slack client sends for typed text: `&`, `<`, `>` escaped, links, @mentions and #channels encoded.
import type { Workspace } from "./workspace.ts";

/**
 * Turns what a person typed into the wire format Slack delivers to apps: `@paperboy` → `<@UBOT>`,
 * `#papers` → `<#C0PAPERS|papers>`, `https://…` → `<https://…>`, and `&`, `<`, `>` as entities.
 */
export function toWireText(typed: string, workspace: Workspace): string {
  const escaped = typed.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return escaped.replace(
    /(https?:\/\/[^\s]+[^\s.,;:!?)'"])|(^|[\s(])@([\w.-]+)|(^|[\s(])#([\w-]+)/g,
    (whole, url: string | undefined, before1: string, handle: string, before2: string, name: string) => {
      if (url) return `<${url}>`;
      if (handle) {
        const user = workspace.users.find(
          (candidate) => candidate.name.toLowerCase() === handle.toLowerCase(),
        );
        return user ? `${before1}<@${user.id}>` : whole;
      }
      const channel = workspace.channels.find((candidate) => candidate.name === name && !candidate.dmWith);
      return channel ? `${before2}<#${channel.id}|${channel.name}>` : whole;
    },
  );
}
