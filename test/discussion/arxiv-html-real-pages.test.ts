// arxivHtmlToText on three real pages from arXiv's own HTML conversion service (see test/fixtures/fulltext/SOURCE.md).
import { describe, expect, it } from "vitest";
import { arxivHtmlToText } from "../../src/discussion/arxiv-html-to-text.ts";
import { readFixture } from "../support/http-stand-in.ts";

const headingsOf = (text: string) => text.split("\n").filter((line) => line.startsWith("#"));

/** What never belongs in the text: page scripts, MathML's token spellings, markup, the LaTeXML footer. */
function expectNoPageNoise(text: string): void {
  for (const noise of ["bootstrap", "feedbackOverlay", "html2canvas", "Generated", "LaTeXML", "[LOGO]"]) {
    expect(text).not.toContain(noise);
  }
  // LaTeXML's other annotations of each formula: MathML content ids and the "llamapun" spelling.
  for (const mathml of ["italic_", "start_POSTSUBSCRIPT", ".cmml", "csymbol"])
    expect(text).not.toContain(mathml);
  // A tag, not TeX's `0.7<u-g<1.35`.
  expect(text).not.toMatch(/<\/?[a-z][a-z0-9]*(\s[^<>]*)?>/i);
  // A TeX comment left in a formula would hide the rest of its line from anyone reading it as TeX.
  expect(text).not.toMatch(/[^\\]% /);
}

describe("a paper with sections, appendices, display equations, a data table and figures (2023)", () => {
  const text = arxivHtmlToText(readFixture("fulltext/arxiv-html-angular-momentum-2023.html"));

  it("reads the title, abstract, sections and appendices in order, each once", () => {
    expect(headingsOf(text)).toEqual([
      "# Angular momentum evolution can be predicted from cosmological initial conditions",
      "## Abstract",
      "#### keywords:",
      "## 1 Introduction",
      "## 2 Methods",
      "## 3 Results",
      "## 4 Discussion",
      "## Acknowledgements",
      "## Data availability",
      "## Appendix A Genetic modifications of the angular momentum",
      "## Appendix B Details of tidal torque theory",
    ]);
  });

  it("writes a display equation as its TeX on its own line, whole across LaTeXML's line wrap", () => {
    expect(text).toContain(
      "\n$$l_{\\mathrm{pred,TTT}}(z)=l_{0}\\times\\frac{a^{2}(z)\\dot{D}(z)}{a^{2}_{0}\\dot{D}_{0}},$$\n(1)",
    );
    expect(text).toContain("where $l_{0}$ is the initial specific angular momentum within the region");
  });

  it("keeps the table's caption and its rows with the cells apart", () => {
    expect(text).toContain("Table 1: Properties of the reference haloes at $z=0$ .");
    expect(text).toContain("\n123 | $5.3$ | 450 | $50$ | 0.024\n189 | $16.8$ | 660 | $32$ | 0.006\n");
  });

  it("keeps figure captions", () => {
    expect(text).toContain("Figure 1: (Top ) Projected mean overdensity field in the reference simulation");
    expect(text).toContain("Figure 5: Sketch of the angular momentum operator in the $z$ direction.");
  });

  it("drops the bibliography, the navigation and the page's scripts", () => {
    // Every reference is in MNRAS; the text cites by author and year only.
    expect(text).not.toContain("MNRAS");
    expect(text).not.toContain("References");
    expectNoPageNoise(text);
  });
});

describe("a letter with aligned equations and a supplement, and no numbered sections (2023)", () => {
  const text = arxivHtmlToText(readFixture("fulltext/arxiv-html-ssh-superconductivity-2023.html"));

  it("reads the title, abstract and the supplement's sections in order", () => {
    expect(headingsOf(text)).toEqual([
      "# High-temperature superconductivity induced by the Su-Schrieffer-Heeger electron-phonon coupling",
      "## Abstract",
      "## Appendix A Supplemental Material",
      "### A.1 A. Details of determinant quantum Monte Carlo",
      "### A.2 B. Calculation of superfluid stiffness",
      "### A.3 C. Lattice instability in SSH and Holstein model",
      "### A.4 D. Finite size effect at weak coupling",
    ]);
  });

  it("writes each row of an aligned equation as one line of TeX with its number, not as table cells", () => {
    expect(text).toContain(
      "$\\displaystyle H=-t\\sum_{\\left\\langle ij\\right\\rangle,{\\sigma}}(c^{\\dagger}_{i{\\sigma}}c_{j{\\sigma}}+\\mathrm{h.c.})-\\mu\\sum_{i{\\sigma}}n_{i{\\sigma}}$\n",
    );
    expect(text).toContain("+\\sum_{\\left\\langle ij\\right\\rangle}\\frac{\\hat{P}_{ij}^{2}}{2M}+");
    expect(text).toMatch(/\\mathrm\{h\.c\.\}\),~\{\}~\{\}~\{\}\$ \(1\)\n/);
    expect(text).not.toMatch(/\$ \|/);
  });

  it("keeps the figure captions of the letter and of the supplement", () => {
    expect(text).toContain("Figure 1: (a) Quantum phase diagram of the SSH model at half-filling");
    expect(text).toContain("Figure S4: Estimating $\\rho_{s}$ of doped SSH model in the AA limit");
  });

  it("drops the bibliography and the template guards around the page", () => {
    expect(text).not.toContain("Keimer");
    expect(text).not.toContain("{% raw %}");
    expect(text).not.toContain("endraw");
    expectNoPageNoise(text);
  });
});

describe("a review with subsections, many display equations and a results table (2023)", () => {
  const text = arxivHtmlToText(readFixture("fulltext/arxiv-html-astro-ml-2023.html"));

  it("reads the sections and subsections in order", () => {
    const headings = headingsOf(text);
    expect(headings.slice(0, 5)).toEqual([
      "# Analyzing Astronomical Data with Machine Learning Techniques",
      "## Abstract",
      "## 1 Introduction",
      "## 2 Review; Popular Classification Algorithms",
      "### 2.1 Linear regression",
    ]);
    expect(headings.slice(-6)).toEqual([
      "### 2.7 Neural Networks",
      "## 3 Data",
      "## 4 Classification metrics",
      "## 5 Results",
      "## 6 Summary and Conclusion",
      "#### Acknowledgements",
    ]);
  });

  it("writes display equations as TeX, multi-line ones whole", () => {
    expect(text).toContain("\n$$y=a*x+b$$\n");
    expect(text).toContain(
      "\\frac{\\partial J}{\\partial a}=\\frac{2}{n}\\sum_{i=1}^{n}\\left(a+b\\cdot x_{i}-y_{i}\\right)",
    );
  });

  it("keeps the results table with its header row and the captions", () => {
    expect(text).toContain("Classifier | Accuracy | $F_{1}$\nLogistic regression | 0.969 | 0.628\n");
    expect(text).toContain("Table 1: Accuracy and $F_{1}$ score for six chosen classifier.");
    expect(text).toContain("Figure 1: A schematic view of a Neural Network.");
  });

  it("drops the author's address, the bibliography and the footer", () => {
    for (const noise of ["Toosi", "zhoolideh", "Campana R., Massaro E.", "Springer Verlag"]) {
      expect(text).not.toContain(noise);
    }
    expectNoPageNoise(text);
  });
});

describe("TeX comments in a formula's alttext", () => {
  it("drops LaTeXML's `%` line continuation but keeps an escaped percent sign", () => {
    const html = `<article class="ltx_document"><p>A <math alttext="\\frac{\\hat{%\n   P}}{2}=50\\%" display="inline"></math> b</p></article>`;
    expect(arxivHtmlToText(html)).toBe("A $\\frac{\\hat{P}}{2}=50\\%$ b");
  });
});
