// arXiv new-submission RSS feeds (rss.arxiv.org): a pure parser and a client that lists a category's new papers.
import { PaperboyError } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import { arxivVersion, normalizeArxivId, parsePaperRef } from "../arxiv-id.ts";
import type { Paper } from "../paper.ts";
import { xmlText } from "./arxiv-api.ts";
import { arxivCategoryProblem } from "./arxiv-categories.ts";
import { type FetchLike, httpGet } from "./http-get.ts";
import { lazyXmlParser, validateXml } from "./lazy-xml.ts";
import { collapseWhitespace, joinUrl } from "./paper-fields.ts";

/** A feed item: the paper, and why it is in today's feed (`new`, `cross`, `replace`, `replace-cross`). */
export interface AnnouncedPaper {
  paper: Paper;
  announceType: string;
}

const ARRAYS = new Set(["rss.channel.item", "rss.channel.item.category"]);
const parser = lazyXmlParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true, // arxiv:announce_type → announce_type, dc:creator → creator
  parseTagValue: false,
  htmlEntities: true, // numeric character references (&#233;) as well as the XML five
  isArray: (_name, jpath) => ARRAYS.has(String(jpath)),
});

// The description is `arXiv:2203.01250v3 Announce Type: replace-cross \nAbstract: …`.
const DESCRIPTION = /^arXiv:(\S+)\s+Announce Type:\s*(\S+)\s+Abstract:\s*([\s\S]*)$/;
const MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");

/**
 * Parses an rss.arxiv.org feed. A day without announcements (weekends) gives `[]`; items without
 * an arXiv id are skipped. Throws `source_bad_response` for non-XML, XML that is not RSS, and
 * arXiv's error channel (a 200 titled "Feed error …", e.g. "Bad archive"), naming `category`.
 */
export function parseArxivRss(xml: string, category = "the feed"): AnnouncedPaper[] {
  const trimmed = xml.trim();
  const valid = trimmed.startsWith("<") ? validateXml(trimmed) : false;
  if (valid !== true) {
    const start = trimmed.slice(0, 60);
    throw new PaperboyError(
      "source_bad_response",
      `The arXiv feed sent a response that is not XML${start ? ` (starts "${start}")` : " (empty body)"}.`,
    );
  }
  const rss = (parser().parse(trimmed) as Record<string, unknown>).rss as Record<string, unknown> | undefined;
  const channel = rss?.channel;
  if (!channel || typeof channel !== "object") {
    throw new PaperboyError("source_bad_response", "The arXiv feed sent XML that is not an RSS channel.");
  }
  // arXiv answers an unknown archive with 200 and an error channel; read as a feed it would be "0 new".
  const title = xmlText((channel as Record<string, unknown>).title).trim();
  if (/^feed error\b/i.test(title)) {
    const reason = collapseWhitespace(xmlText((channel as Record<string, unknown>).description)) || title;
    throw new PaperboyError(
      "source_bad_response",
      `arXiv refused the feed for ${category}: "${reason.slice(0, 200)}".`,
    );
  }
  const items = (channel as Record<string, unknown>).item;
  const announced: AnnouncedPaper[] = [];
  for (const item of Array.isArray(items) ? items : []) {
    const parsed = parseItem(item as Record<string, unknown>);
    if (parsed) announced.push(parsed);
  }
  return announced;
}

function parseItem(item: Record<string, unknown>): AnnouncedPaper | null {
  const description = xmlText(item.description).trim();
  const parts = DESCRIPTION.exec(description);
  const id =
    (parts?.[1] ? normalizeArxivId(parts[1]) : null) ??
    parsePaperRef(xmlText(item.link)) ??
    parsePaperRef(xmlText(item.guid).replace(/^oai:arXiv\.org:/i, ""));
  const title = collapseWhitespace(xmlText(item.title));
  if (!id || !title) return null;

  const paper: Paper = {
    id,
    title,
    abstract: collapseWhitespace(parts?.[3] ?? description),
    // dc:creator is one comma-separated string of names.
    authors: xmlText(item.creator)
      .split(",")
      .map((name) => collapseWhitespace(name))
      .filter((name) => name.length > 0),
    categories: (Array.isArray(item.category) ? item.category : [])
      .map((category) => xmlText(category).trim())
      .filter((category) => category.length > 0),
    source: "arxiv",
  };
  const version = arxivVersion(parts?.[1] ?? xmlText(item.link));
  if (version) paper.version = version;
  const publishedAt = rfc822Day(xmlText(item.pubDate));
  if (publishedAt) paper.publishedAt = publishedAt;
  const announceType = (xmlText(item.announce_type).trim() || parts?.[2] || "").toLowerCase();
  return { paper, announceType };
}

// "Fri, 23 Feb 2024 00:00:00 -0500" → "2024-02-23": the announcement day as arXiv wrote it, not shifted to UTC.
function rfc822Day(value: string): string | undefined {
  const match = /(\d{1,2})\s+([A-Z][a-z]{2})\s+(\d{4})/.exec(value);
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[2] ?? "") + 1;
  if (month === 0) return undefined;
  return `${match[3]}-${String(month).padStart(2, "0")}-${(match[1] ?? "").padStart(2, "0")}`;
}

export interface ArxivFeedClientOptions {
  /** The feed root, e.g. `https://rss.arxiv.org/rss`; a category is appended as a path segment. */
  baseUrl: string;
  /** Per-request budget; default 15 s. */
  timeoutMs?: number;
  fetch?: FetchLike;
  logger?: Logger;
}

export interface ArxivFeedClient {
  /**
   * Today's announcements in `category` (`cs.LG`, or several joined with `+`), keeping the
   * announce types asked for (default new submissions and cross-lists).
   */
  newSubmissions(
    category: string,
    options?: { announceTypes?: string[]; signal?: AbortSignal; timeoutMs?: number },
  ): Promise<Paper[]>;
}

/** Builds the RSS feed client. */
export function createArxivFeedClient(options: ArxivFeedClientOptions): ArxivFeedClient {
  return {
    async newSubmissions(category, call = {}) {
      const parts = category.split("+");
      // The category becomes part of the URL path, so only arXiv's own codes get through (and a typo
      // is named with its fix before any request, rather than fetched as arXiv's error channel).
      const problem = parts.map(arxivCategoryProblem).find((text) => text !== undefined);
      if (problem) throw new PaperboyError("bad_input", problem);
      const body = await httpGet(joinUrl(options.baseUrl, parts.join("+")), {
        timeoutMs: call.timeoutMs ?? options.timeoutMs ?? 15_000,
        source: "The arXiv feed",
        ...(call.signal ? { signal: call.signal } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.logger ? { logger: options.logger } : {}),
      });
      const wanted = new Set((call.announceTypes ?? ["new", "cross"]).map((type) => type.toLowerCase()));
      return parseArxivRss(body, category)
        .filter((item) => wanted.has(item.announceType))
        .map((item) => item.paper);
    },
  };
}
