// Picks the parts of a paper's full text worth sending with a question, within a character budget.
import { scorePassages } from "./closest-sentences.ts";

const GAP = "[…]";
const PIECE_CHARS = 1_200;

interface Paragraph {
  index: number;
  heading: string;
  text: string;
}

/**
 * Returns the whole text when it fits `maxChars`; otherwise the opening (title, abstract, start of the
 * introduction: about a quarter of the budget) plus the paragraphs that best match the question, in
 * document order, each under its section heading, with "[…]" where text was left out.
 */
export function selectExcerpt(fullText: string, question: string, maxChars: number): string {
  if (fullText.length <= maxChars) return fullText;
  const paragraphs = splitParagraphs(fullText);
  const chosen = new Set<number>();
  let used = 0;
  const take = (paragraph: Paragraph): boolean => {
    const cost = paragraph.text.length + paragraph.heading.length + GAP.length + 4;
    if (used + cost > maxChars) return false;
    chosen.add(paragraph.index);
    used += cost;
    return true;
  };
  for (const paragraph of paragraphs) {
    if (used >= maxChars / 4 || !take(paragraph)) break;
  }
  const ranked = scorePassages(
    paragraphs.map((p) => `${p.heading} ${p.text}`),
    question,
  )
    .filter((passage) => passage.score > 0 && !chosen.has(passage.index))
    .sort((a, b) => b.score - a.score || a.index - b.index);
  for (const passage of ranked) {
    const paragraph = paragraphs[passage.index];
    if (paragraph) take(paragraph);
  }
  // Fill what is left in document order, so a question with no matching words still gets context.
  for (const paragraph of paragraphs) if (!chosen.has(paragraph.index)) take(paragraph);
  return assemble(paragraphs, chosen);
}

function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let heading = "";
  let headingOnly = false;
  for (const block of text.split(/\n{2,}/)) {
    const trimmed = block.trim();
    if (!trimmed) continue;
    if (/^#{1,6}\s/.test(trimmed) && !trimmed.includes("\n")) {
      // Consecutive headings ("# Title", "## Abstract") stay together above the next paragraph.
      heading = headingOnly ? `${heading}\n\n${trimmed}` : trimmed;
      headingOnly = true;
      continue;
    }
    headingOnly = false;
    for (const piece of pieces(trimmed)) paragraphs.push({ index: paragraphs.length, heading, text: piece });
  }
  return paragraphs;
}

// A very long block (a table, a converter that lost paragraph breaks) is cut so it can still be chosen in part.
function pieces(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > PIECE_CHARS) {
    const space = rest.lastIndexOf(" ", PIECE_CHARS);
    const cut = space > PIECE_CHARS / 2 ? space : PIECE_CHARS;
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) out.push(rest);
  return out;
}

function assemble(paragraphs: Paragraph[], chosen: Set<number>): string {
  const parts: string[] = [];
  let lastHeading = "";
  let lastIndex = -1;
  for (const paragraph of paragraphs) {
    if (!chosen.has(paragraph.index)) continue;
    if (paragraph.index !== lastIndex + 1) parts.push(GAP);
    if (paragraph.heading && paragraph.heading !== lastHeading) parts.push(paragraph.heading);
    parts.push(paragraph.text);
    lastHeading = paragraph.heading;
    lastIndex = paragraph.index;
  }
  if (lastIndex !== paragraphs.length - 1) parts.push(GAP);
  return parts.join("\n\n");
}
