// The Porter stemmer exactly as SQLite FTS5's `porter` tokenizer applies it, so JS can tell which words matched.

// FTS5 leaves tokens shorter than 3 or longer than 64 bytes (UTF-8) unstemmed (fts5_tokenize.c).
const MIN_STEM_LENGTH = 3;
const MAX_STEM_LENGTH = 64;

function isVowel(c: string, yIsVowel: boolean): boolean {
  return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || (yIsVowel && c === "y");
}

/** Skips one vowel run then one consonant run from `start`; returns the index after them, or 0. */
function gobbleVC(word: string, start: number, end: number, prevConsonant: boolean): number {
  let consonant = prevConsonant;
  let i = start;
  for (; i < end; i++) {
    consonant = !isVowel(word.charAt(i), consonant);
    if (!consonant) break;
  }
  for (i++; i < end; i++) {
    consonant = !isVowel(word.charAt(i), consonant);
    if (consonant) return i + 1;
  }
  return 0;
}

/** Porter's measure conditions on the stem `word[0, end)`. */
function measureAbove0(word: string, end: number): boolean {
  return gobbleVC(word, 0, end, false) !== 0;
}
function measureAbove1(word: string, end: number): boolean {
  const n = gobbleVC(word, 0, end, false);
  return n !== 0 && gobbleVC(word, n, end, true) !== 0;
}
function measureIs1(word: string, end: number): boolean {
  const n = gobbleVC(word, 0, end, false);
  return n !== 0 && gobbleVC(word, n, end, true) === 0;
}
function hasVowel(word: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (isVowel(word.charAt(i), i > 0)) return true;
  return false;
}
/** *o: the stem ends consonant-vowel-consonant and the last letter is not w, x or y. */
function endsCVC(word: string, end: number): boolean {
  const last = word.charAt(end - 1);
  if (last === "w" || last === "x" || last === "y") return false;
  let mask = 0;
  let consonant = false;
  for (let i = 0; i < end; i++) {
    consonant = !isVowel(word.charAt(i), consonant);
    mask = ((mask << 1) | (consonant ? 1 : 0)) & 7;
  }
  return mask === 5;
}

type Condition = (word: string, end: number) => boolean;
type Rule = readonly [suffix: string, replacement: string, condition: Condition];

const ionCondition: Condition = (w, end) => {
  const last = w.charAt(end - 1);
  return (last === "s" || last === "t") && measureAbove1(w, end);
};

/**
 * A step's rules from a list in the paper's notation, `suffix>replacement` (`ful>` drops the suffix), each
 * under the step's condition unless `exceptions` names another for that suffix.
 */
function suffixRules(condition: Condition, list: string, exceptions: Record<string, Condition> = {}): Rule[] {
  return list
    .trim()
    .split(/\s+/)
    .map((entry) => {
      const [suffix = "", replacement = ""] = entry.split(">");
      return [suffix, replacement, exceptions[suffix] ?? condition];
    });
}

// Steps 2–4 of the revised Porter algorithm, as FTS5 implements them (including izer>ize, bli>ble, logi>log).
// Steps 2 and 3 apply when the stem's measure is above 0, step 4 when it is above 1.
const STEP2 = suffixRules(
  measureAbove0,
  `ational>ate tional>tion enci>ence anci>ance izer>ize logi>log bli>ble alli>al entli>ent eli>e ousli>ous
   ization>ize ation>ate ator>ate alism>al iveness>ive fulness>ful ousness>ous aliti>al iviti>ive biliti>ble`,
);
const STEP3 = suffixRules(measureAbove0, "icate>ic ative> alize>al iciti>ic ical>ic ful> ness>");
const STEP4 = suffixRules(
  measureAbove1,
  "al> ance> ence> er> ic> able> ible> ant> ement> ment> ent> ion> ou> ism> ate> iti> ous> ive> ize>",
  { ion: ionCondition },
);

/**
 * Applies the first rule whose suffix ends the word. FTS5 chooses the rule by suffix alone (the
 * longest listed suffix for that ending) and then applies it only if the condition holds; it never
 * falls through to a shorter suffix. Within each penultimate-letter group the lists above are ordered
 * so that the first match is the one FTS5 picks.
 */
function applyRules(word: string, rules: Rule[]): string {
  for (const [suffix, replacement, condition] of rules) {
    if (word.length <= suffix.length || !word.endsWith(suffix)) continue;
    const end = word.length - suffix.length;
    return condition(word, end) ? word.slice(0, end) + replacement : word;
  }
  return word;
}

function step1a(w: string): string {
  if (!w.endsWith("s")) return w;
  if ((w.length > 4 && w.endsWith("sses")) || (w.length > 3 && w.endsWith("ies"))) return w.slice(0, -2);
  if (w.endsWith("es")) return w.slice(0, -1);
  if (w.endsWith("ss")) return w;
  return w.slice(0, -1);
}

function step1b(w: string): string {
  let stem: string;
  if (w.length > 3 && w.endsWith("eed")) {
    return measureAbove0(w, w.length - 3) ? w.slice(0, -1) : w;
  }
  if (w.length > 2 && w.endsWith("ed") && hasVowel(w, w.length - 2)) stem = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("ing") && hasVowel(w, w.length - 3)) stem = w.slice(0, -3);
  else return w;
  if (stem.length > 2 && (stem.endsWith("at") || stem.endsWith("bl") || stem.endsWith("iz")))
    return `${stem}e`;
  const last = stem.charAt(stem.length - 1);
  if (
    !isVowel(last, false) &&
    last !== "l" &&
    last !== "s" &&
    last !== "z" &&
    last === stem.charAt(stem.length - 2)
  ) {
    return stem.slice(0, -1);
  }
  if (measureIs1(stem, stem.length) && endsCVC(stem, stem.length)) return `${stem}e`;
  return stem;
}

/** Stems one lower-case token the way FTS5's porter tokenizer does. */
export function porterStem(token: string): string {
  // Lengths in UTF-8 bytes, as FTS5 counts them: `δs` (3 bytes) is stemmed to `δ`.
  const bytes = Buffer.byteLength(token);
  if (bytes < MIN_STEM_LENGTH || bytes > MAX_STEM_LENGTH) return token;
  let w = step1b(step1a(token));
  if (w.endsWith("y") && hasVowel(w, w.length - 1)) w = `${w.slice(0, -1)}i`;
  w = applyRules(applyRules(applyRules(w, STEP2), STEP3), STEP4);
  if (w.endsWith("e")) {
    const end = w.length - 1;
    if (measureAbove1(w, end) || (measureIs1(w, end) && !endsCVC(w, end))) w = w.slice(0, end);
  }
  if (w.length > 1 && w.endsWith("ll") && measureAbove1(w, w.length - 1)) w = w.slice(0, -1);
  return w;
}
