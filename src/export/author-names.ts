// Splits an author's display name ("Jan van der Berg", "Lovelace, Ada") into the given and family parts citations use.

/** A CSL name: given and family parts, or one literal name when it cannot be split (a consortium, a mononym). */
export type CslName = { given: string; family: string } | { literal: string };

// Lowercase particles that belong to the family name ("van der Berg", "de la Cruz").
const PARTICLES = new Set([
  "van",
  "von",
  "der",
  "den",
  "de",
  "del",
  "della",
  "da",
  "di",
  "du",
  "la",
  "le",
  "ten",
  "ter",
  "dos",
  "das",
  "zu",
]);

export function authorName(display: string): CslName {
  const name = display.replace(/\s+/g, " ").trim();
  const comma = name.indexOf(",");
  if (comma > 0) {
    const family = name.slice(0, comma).trim();
    const given = name.slice(comma + 1).trim();
    return given ? { given, family } : { literal: family };
  }
  const words = name.split(" ");
  if (words.length < 2) return { literal: name };
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has(words[start - 1] ?? "")) start -= 1;
  return { given: words.slice(0, start).join(" "), family: words.slice(start).join(" ") };
}
