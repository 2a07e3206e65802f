// Author names match across the ways sources and people write them, and two different people do not match.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createAuthorMatcher,
  isFollowableName,
  parseAuthorName,
  sameAuthor,
} from "../../src/papers/author-names.ts";
import realNames from "../fixtures/author-names.json" with { type: "json" };

// A name part: a capitalised word, sometimes with an accented letter, never a surname particle.
const ACCENTED = ["é", "ü", "ñ", "ø", "ç", "ł", "ö", "á"];
const word = fc
  .tuple(
    fc.constantFrom(..."ABCDEFGHIJKLMNOPRSTUVWYZ"),
    fc.array(fc.constantFrom(..."abcdeghiklmnorstuy", ...ACCENTED), { minLength: 3, maxLength: 8 }),
  )
  .map(([first, rest]) => first + rest.join(""));
const person = fc.record({ first: word, middle: fc.option(word, { nil: undefined }), surname: word });
type Person = { first: string; middle: string | undefined; surname: string };
const full = (p: Person) => [p.first, p.middle, p.surname].filter(Boolean).join(" ");
const plain = (text: string) =>
  text.normalize("NFKD").replace(/\p{M}/gu, "").replace(/ø/g, "o").replace(/ł/g, "l");

describe("matching author names", () => {
  it("matches a name to its initials, its surname-first form, another case and its unaccented spelling", () => {
    fc.assert(
      fc.property(person, (p) => {
        const name = full(p);
        expect(sameAuthor(name, name)).toBe(true);
        expect(sameAuthor(name, `${p.first[0]}. ${p.surname}`)).toBe(true);
        expect(sameAuthor(name, `${p.surname}, ${p.first}`)).toBe(true);
        expect(sameAuthor(name, name.toUpperCase())).toBe(true);
        expect(sameAuthor(name, name.toLowerCase())).toBe(true);
        expect(sameAuthor(name, plain(name))).toBe(true);
        // A middle name or initial present on one side only.
        expect(sameAuthor(`${p.first} ${p.surname}`, `${p.first} ${p.middle ?? "Q"} ${p.surname}`)).toBe(
          true,
        );
        expect(
          sameAuthor(`${p.first} ${p.surname}`, `${p.first} ${(p.middle ?? "Q")[0]}. ${p.surname}`),
        ).toBe(true);
      }),
    );
  });

  it("is symmetric", () => {
    const variant = fc
      .tuple(person, fc.nat(3))
      .map(([p, form]) =>
        form === 0
          ? full(p)
          : form === 1
            ? `${p.first[0]}. ${p.surname}`
            : form === 2
              ? `${p.surname}, ${p.first}`
              : p.surname,
      );
    fc.assert(
      fc.property(variant, variant, (a, b) => {
        expect(sameAuthor(a, b)).toBe(sameAuthor(b, a));
      }),
    );
  });

  it("never matches two different first initials, or two different surnames", () => {
    fc.assert(
      fc.property(person, word, (p, other) => {
        fc.pre(plain(other[0] ?? "").toLowerCase() !== plain(p.first[0] ?? "").toLowerCase());
        expect(sameAuthor(full(p), `${other} ${p.surname}`)).toBe(false);
        expect(sameAuthor(`${p.first[0]}. ${p.surname}`, `${other[0]}. ${p.surname}`)).toBe(false);
      }),
    );
    fc.assert(
      fc.property(person, word, (p, otherSurname) => {
        fc.pre(plain(otherSurname).toLowerCase() !== plain(p.surname).toLowerCase());
        expect(sameAuthor(full(p), `${p.first} ${otherSurname}`)).toBe(false);
      }),
    );
  });

  it("does not match two written-out first names that differ, even with one initial", () => {
    expect(sameAuthor("Jane Doe", "John Doe")).toBe(false);
    expect(sameAuthor("Jan Doe", "Jane Doe")).toBe(false);
    expect(sameAuthor("Jane A. Doe", "Jane B. Doe")).toBe(false);
    expect(sameAuthor("J. Doe", "Jane Doe")).toBe(true);
    expect(sameAuthor("J. A. Doe", "Jane Doe")).toBe(true);
    expect(sameAuthor("J.A. Doe", "Jane Alice Doe")).toBe(true);
  });

  it("reads hyphens, particles, suffixes and surname-first names", () => {
    expect(sameAuthor("Jean-Pierre Dupont", "J.-P. Dupont")).toBe(true);
    expect(sameAuthor("Jean-Pierre Dupont", "Jeanpierre Dupont")).toBe(true);
    expect(sameAuthor("Jean-Pierre Dupont", "Pierre Dupont")).toBe(false);
    expect(sameAuthor("Jean-Pierre Dupont", "Jean Pierre Dupont")).toBe(true);
    // A hyphenated given name is one name (real pairs from the corpus): not "Ming" with a middle name.
    expect(sameAuthor("Ming Li", "Ming-Feng Li")).toBe(false);
    expect(sameAuthor("Jia-Chen Zhang", "Jia Zhang")).toBe(false);
    expect(sameAuthor("Yu Qiu", "Yu-Xuan Qiu")).toBe(false);
    expect(sameAuthor("Jia-Chen Zhang", "J.-C. Zhang")).toBe(true);
    expect(sameAuthor("Jia-Chen Zhang", "J.-X. Zhang")).toBe(false);
    expect(sameAuthor("Laura Leal-Taixé", "Laura Leal Taixe")).toBe(true);
    expect(sameAuthor("Leal-Taixé, Laura", "L. Leal-Taixe")).toBe(true);
    expect(sameAuthor("Anton van den Hengel", "van den Hengel, Anton")).toBe(true);
    expect(sameAuthor("Anton van den Hengel", "A. Hengel")).toBe(true);
    expect(sameAuthor("Martin Luther King, Jr.", "Martin L. King")).toBe(true);
    expect(sameAuthor("Thomas Müller", "Thomas Mueller")).toBe(false); // ue is another spelling, not an accent
    expect(sameAuthor("Thomas Müller", "thomas muller")).toBe(true);
    expect(sameAuthor("Da Chen", "D. Chen")).toBe(true);
  });

  it("needs a given name and a surname: a bare surname follows nobody", () => {
    expect(isFollowableName("Hinton")).toBe(false);
    expect(isFollowableName("  ")).toBe(false);
    expect(isFollowableName("G. Hinton")).toBe(true);
    expect(isFollowableName("Hinton, Geoffrey")).toBe(true);
    expect(sameAuthor("Hinton", "Geoffrey Hinton")).toBe(false);
    expect(parseAuthorName("Hinton,").splits).toEqual([]);
  });
});

describe("real author spellings from the corpus", () => {
  it("matches each person's spellings with each other", () => {
    for (const group of realNames.same) {
      for (const a of group) for (const b of group) expect([a, b, sameAuthor(a, b)]).toEqual([a, b, true]);
    }
  });

  it("keeps people with one surname apart", () => {
    for (const [a, b] of [...realNames.different, ...realNames.sameInitialDifferentName]) {
      expect([a, b, sameAuthor(a ?? "", b ?? "")]).toEqual([a, b, false]);
    }
  });

  it("finds a followed author among a paper's authors, spelled the paper's way", () => {
    const matcher = createAuthorMatcher(["L. Leal-Taixe", "Rabab Ward", "Jun Liu"]);
    expect(matcher.matches(["Laura Leal-Taixé", "Jiarun Liu", "Rabab K. Ward", "Cengiz Öztireli"])).toEqual([
      "Laura Leal-Taixé",
      "Rabab K. Ward",
    ]);
    expect(createAuthorMatcher([]).matches(["Jun Liu"])).toEqual([]);
  });
});
