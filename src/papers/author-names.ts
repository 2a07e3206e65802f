// Author names as people and sources write them: matching (initials, accents, "Surname, Given", case) and citing.

/** A name reduced to comparable parts: folded given-name tokens and a folded surname (no spaces or hyphens). */
export interface NameParts {
  given: string[];
  surname: string;
}

/**
 * A parsed name: every plausible split into given names and surname (a two-word surname may lack its
 * hyphen). A hyphenated given name stays one word ("ming-feng"): it is one name, not "Ming" plus a middle name.
 */
export interface ParsedName {
  /** The name as written, trimmed. */
  text: string;
  splits: NameParts[];
}

// Lowercase surname particles: "Anton van den Hengel" is "van den Hengel" or "Hengel" in other sources,
// and "van den Hengel" in a citation.
const PARTICLES = new Set([
  "van",
  "von",
  "der",
  "den",
  "de",
  "del",
  "della",
  "di",
  "da",
  "du",
  "le",
  "la",
  "dos",
  "das",
  "ten",
  "ter",
  "zu",
  "af",
  "bin",
  "ibn",
]);
const SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv"]);
// Letters NFKD does not decompose into a base letter plus accents.
const SPECIAL_LETTERS: Record<string, string> = {
  ß: "ss",
  ø: "o",
  ł: "l",
  æ: "ae",
  œ: "oe",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
};
/** A surname of more than this many words is not tried as one (keeps splits few and false matches rare). */
const MAX_SURNAME_WORDS = 2;

/** Lowercase, accents and apostrophes removed: "D'Incà" → "dinca", "Müller" → "muller", "Łukasz" → "lukasz". */
export function foldName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[ßøłæœđðþı]/g, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .replace(/['’`´]/g, "");
}

/** Words of a name part: dots, underscores and whitespace separate; a hyphen stays inside its word. */
function words(text: string): string[] {
  return foldName(text)
    .replace(/\.\s*-\s*/g, "-") // "J.-P." is one hyphenated initial pair, "j-p"
    .split(/[\s._]+/)
    .map((word) => word.replace(/[^\p{L}\p{N}-]/gu, "").replace(/^-+|-+$/g, ""))
    .filter((word) => word.length > 0 && !SUFFIXES.has(word));
}

const joinSurname = (surnameWords: readonly string[]) => surnameWords.join("").replace(/-/g, "");

/**
 * Parses one author name. "Doe, Jane" is surname first; otherwise the last word is the surname, and
 * (since sources drop hyphens and particles) the last two words joined are tried as well. Particles
 * between the given names and the surname are dropped on both sides. A name with one word has no
 * splits: it can never match (a bare surname would match every Doe).
 */
export function parseAuthorName(name: string): ParsedName {
  const text = name.trim();
  // "Jane Doe, Jr." is not surname-first: the part after its comma is only a suffix.
  const comma = /,\s*(jr|sr|ii|iii|iv)\.?\s*$/i.test(text) ? -1 : text.indexOf(",");
  let givenWords: string[];
  let surnameWords: string[];
  if (comma >= 0) {
    surnameWords = words(text.slice(0, comma)).filter((word) => !PARTICLES.has(word));
    givenWords = words(text.slice(comma + 1)).filter((word) => !PARTICLES.has(word));
    if (surnameWords.length === 0 || givenWords.length === 0) return { text, splits: [] };
    return { text, splits: [{ given: givenWords, surname: joinSurname(surnameWords) }] };
  }
  const all = words(text);
  // Particles are dropped only between the first and the last word: "Da Chen" keeps its given name.
  const kept = all.filter((word, i) => i === 0 || i === all.length - 1 || !PARTICLES.has(word));
  const splits: NameParts[] = [];
  for (let size = 1; size <= MAX_SURNAME_WORDS && size < kept.length; size++) {
    givenWords = kept.slice(0, kept.length - size);
    surnameWords = kept.slice(kept.length - size);
    splits.push({ given: givenWords, surname: joinSurname(surnameWords) });
  }
  return { text, splits };
}

const initialsOf = (word: string) => word.split("-").map((part) => part[0] ?? "");
const isInitials = (word: string) => word.split("-").every((part) => part.length === 1);

/**
 * Whether two given-name words can be the same name: equal up to hyphens ("Yan-Ying" = "Yanying"), or
 * one is initials agreeing with the other's ("J." or "J.-P." for "Jean-Pierre"). "Ming" and "Ming-Feng"
 * are two names.
 */
function sameGivenWord(a: string, b: string): boolean {
  if (isInitials(a) || isInitials(b)) {
    const [x, y] = [initialsOf(a), initialsOf(b)];
    return x.slice(0, y.length).every((letter, i) => letter === y[i]);
  }
  return a.replace(/-/g, "") === b.replace(/-/g, "");
}

/**
 * Whether two given-name lists can belong to one person. Written out together they may be equal
 * ("Yan Ying" = "Yanying"); otherwise the first names must agree (equal, or an initial of the other),
 * and a middle name present on both sides must agree too. A middle name on one side only is fine.
 */
function sameGiven(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const written = (names: readonly string[]) => names.join("").replace(/-/g, "");
  if (written(a) === written(b)) return true;
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    if (!sameGivenWord(a[i] ?? "", b[i] ?? "")) return false;
  }
  return true;
}

/** Whether two parsed names can be the same person: same surname, compatible given names. */
export function sameParsedAuthor(a: ParsedName, b: ParsedName): boolean {
  return a.splits.some((x) =>
    b.splits.some((y) => x.surname === y.surname && x.surname.length > 0 && sameGiven(x.given, y.given)),
  );
}

/** Whether two author names can be the same person ("J. Doe" and "Jane Doe"; not "John Doe" and "Jane Doe"). */
export function sameAuthor(a: string, b: string): boolean {
  return sameParsedAuthor(parseAuthorName(a), parseAuthorName(b));
}

/** Whether a typed name is specific enough to follow: a given name (or initial) and a surname. */
export function isFollowableName(name: string): boolean {
  return parseAuthorName(name).splits.length > 0;
}

/** Finds which followed names wrote a paper; built once per digest, looked up by surname. */
export interface AuthorMatcher {
  /** The paper's author names (as the paper writes them) that match a followed name. */
  matches(authors: readonly string[]): string[];
}

/** A matcher for a channel's followed names. */
export function createAuthorMatcher(followed: readonly string[]): AuthorMatcher {
  const bySurname = new Map<string, ParsedName[]>();
  for (const name of followed) {
    const parsed = parseAuthorName(name);
    for (const surname of new Set(parsed.splits.map((split) => split.surname))) {
      const list = bySurname.get(surname) ?? [];
      list.push(parsed);
      bySurname.set(surname, list);
    }
  }
  return {
    matches(authors) {
      if (bySurname.size === 0) return [];
      return authors.filter((author) => {
        const parsed = parseAuthorName(author);
        return parsed.splits.some((split) =>
          (bySurname.get(split.surname) ?? []).some((wanted) => sameParsedAuthor(wanted, parsed)),
        );
      });
    },
  };
}

/** A citation's (CSL) name: given and family parts, or one literal name when it cannot be split (a consortium, a mononym). */
export type CitationName = { given: string; family: string } | { literal: string };

/**
 * Splits a display name into the parts citations use, as written (case and accents kept): "Lovelace, Ada"
 * is family first; otherwise the last word is the family name, with the lowercase particles before it
 * ("Jan van der Berg" → "van der Berg"), and at least one given word stays.
 */
export function citationName(display: string): CitationName {
  const name = display.replace(/\s+/g, " ").trim();
  const comma = name.indexOf(",");
  if (comma > 0) {
    const family = name.slice(0, comma).trim();
    const given = name.slice(comma + 1).trim();
    return given ? { given, family } : { literal: family };
  }
  const parts = name.split(" ");
  if (parts.length < 2) return { literal: name };
  let start = parts.length - 1;
  while (start > 1 && PARTICLES.has(parts[start - 1] ?? "")) start -= 1;
  return { given: parts.slice(0, start).join(" "), family: parts.slice(start).join(" ") };
}
