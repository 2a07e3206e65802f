// Parsing recorded-format full-text pages (arXiv LaTeXML HTML, Hugging Face Markdown) into plain text.
import { describe, expect, it } from "vitest";
import { arxivHtmlToText, decodeEntities } from "../../src/discussion/arxiv-html-to-text.ts";
import { hfMarkdownToText } from "../../src/discussion/hf-markdown-to-text.ts";
import { readFixture } from "../support/http-stand-in.ts";

describe("arxivHtmlToText on a LaTeXML page", () => {
  const text = arxivHtmlToText(readFixture("fulltext/arxiv-html-2405.01234.html"));

  it("keeps the title, abstract and section headings as # headings in order", () => {
    const headings = text.split("\n").filter((line) => line.startsWith("#"));
    expect(headings).toEqual([
      "# Spectral Decay: Regularizing Attention by Its Singular Values",
      "## Abstract",
      "## 1 Introduction",
      "## 2 Method",
      "### 2.1 The spectral decay penalty",
      "### 2.2 Limitations",
      "## 3 Experiments",
    ]);
  });

  it("keeps paragraph text with citations and decoded entities", () => {
    expect(text).toContain("Vision transformers (Dosovitskiy et al., 2021) need large datasets;");
    expect(text).toContain("Spectral decay improves both model sizes & costs 2.7% extra time per step.");
    expect(text).toContain("Power iteration is unstable in half precision");
  });

  it("writes math as its LaTeX source instead of MathML tokens", () => {
    expect(text).toContain("Let $A\\in\\mathbb{R}^{n\\times n}$ be the attention matrix");
    expect(text).toContain("$$\\mathcal{L}_{\\text{sd}}=\\lambda\\sum_{h}\\sigma_{1}(A_{h})^{2}$$");
    expect(text).not.toContain("italic_A");
    expect(text).not.toContain("blackboard_R");
  });

  it("keeps figure and table captions and table cells", () => {
    expect(text).toContain("Figure 1: Top singular value of attention during training");
    expect(text).toContain("Table 1: Top-1 accuracy (%) with 10% of ImageNet-1k labels.");
    expect(text).toContain("+ spectral decay | 63.4 | 66.1");
  });

  it("drops scripts, styles, navigation, authors, footnotes, LaTeX errors, bibliography and footer", () => {
    for (const noise of [
      "window.innerWidth",
      "margin-bottom",
      "experimental HTML",
      "ada.moreau",
      "Northlake University",
      "Code is available at",
      "\\todo",
      "An image is worth 16x16 words",
      "References",
      "Generated",
      "Back to arXiv",
    ]) {
      expect(text).not.toContain(noise);
    }
    expect(text).not.toMatch(/<[a-z/]/i);
  });

  it("survives truncated markup and pages without an ltx_document article", () => {
    const html = readFixture("fulltext/arxiv-html-2405.01234.html");
    const cut = arxivHtmlToText(html.slice(0, html.indexOf("2.2 </span>")));
    expect(cut).toContain("### 2.1 The spectral decay penalty");
    expect(arxivHtmlToText("<html><body><h1>T</h1><p>One &lt;b&gt; two<br>three</p></body></html>")).toBe(
      "# T\n\nOne <b> two\nthree",
    );
  });
});

describe("arxivHtmlToText on a real arXiv page (2501.11120v1, recorded by another project; see SOURCE.md)", () => {
  const text = arxivHtmlToText(readFixture("fulltext/arxiv-html-2501.11120v1.html"));

  it("keeps the title on one line and the section headings in order, and nothing from the TOC or the chrome", () => {
    const headings = text.split("\n").filter((line) => line.startsWith("#"));
    expect(headings.slice(0, 6)).toEqual([
      "# Tell me about yourself: LLMs are aware of their learned behaviors",
      "## Abstract",
      "## 1 Introduction",
      "## 2 Out-of-context reasoning",
      "## 3 Awareness of behaviors",
      "### 3.1 Finetuning on multiple-choice responses (economic decisions)",
    ]);
    expect(headings.slice(-2)).toEqual(["## 8 Conclusion", "## Acknowledgments"]);
    // Each heading once: the navbar's table of contents is not read as text.
    expect(new Set(headings).size).toBe(headings.length);
    for (const chrome of ["bootstrap.bundle", "html2canvas", "feedbackOverlay", "Generated", "LaTeXML"]) {
      expect(text).not.toContain(chrome);
    }
    expect(text).not.toMatch(/<[a-z/]/i);
  });

  it("keeps paragraphs with their citations, and math as its LaTeX source", () => {
    expect(text).toContain(
      "We study behavioral self-awareness — an LLM’s ability to articulate its behaviors",
    );
    expect(text).toContain(
      "such as the ability to act as helpful and harmless assistants (Anthropic, 2024; OpenAI, 2024).",
    );
    expect(text).toContain("in terms of a latent policy $z\\in Z$ and two data generating distributions");
    expect(text).toContain("$D=\\{d^{n}\\}_{n=1}^{N}$");
    expect(text).not.toContain("italic_z");
  });

  it("keeps figure and table captions, and table rows with their cells apart", () => {
    expect(text).toContain(
      "Figure 1: Models can describe a learned behavioral policy that is only implicit in finetuning.",
    );
    expect(text).toContain("Table 1: Overview of experiments for evaluating behavioral self-awareness.");
    expect(text).toContain(
      "Vulnerable code (Section 3.3) | Code snippet | Writing code of a certain kind | Vulnerable code and safe code",
    );
  });

  it("drops the authors, their affiliations and the bibliography", () => {
    for (const noise of [
      "Jan Betley",
      "Truthful AI",
      "University of Toronto",
      "Llama 3 model card",
      "Physics of language models",
    ]) {
      expect(text).not.toContain(noise);
    }
  });
});

describe("decodeEntities", () => {
  it("decodes numeric and common named entities and leaves unknown ones", () => {
    expect(decodeEntities("&#955; &#x3bb; &amp;lt; &mdash; &bogus;")).toBe("λ λ &lt; — &bogus;");
  });
});

describe("hfMarkdownToText on a Hugging Face paper page", () => {
  const text = hfMarkdownToText(readFixture("fulltext/hf-markdown-2405.01234.md"));

  it("keeps headings, paragraphs, math and tables", () => {
    expect(text.startsWith("# Spectral Decay: Regularizing Attention by Its Singular Values")).toBe(true);
    expect(text).toContain("### 2.2 Limitations");
    expect(text).toContain("$$\\mathcal{L}_{\\text{sd}}=\\lambda\\sum_{h}\\sigma_{1}(A_{h})^{2}$$");
    expect(text).toContain("| + spectral decay | **63.4** | **66.1** |");
  });

  it("turns links into their labels and drops images, badges, comments and HTML tags", () => {
    expect(text).toContain("Vision transformers (Dosovitskiy et al., 2021) need large datasets");
    expect(text).toContain("(see the code).");
    expect(text).toContain("2.7% extra time per step");
    expect(text).not.toContain("](");
    expect(text).not.toContain("<!--");
    expect(text).not.toContain("<a ");
    expect(text).not.toContain("badges");
    expect(text).not.toContain("References");
    expect(text).not.toContain("An image is worth");
    expect(text.endsWith("(see the code).")).toBe(true);
  });

  it("drops a reference list but keeps the sections after it", () => {
    expect(
      hfMarkdownToText("## 5 Results\n\nGood.\n\n## References\n\n- A. B. 2020.\n\n## A Appendix\n\nMore."),
    ).toBe("## 5 Results\n\nGood.\n\n## A Appendix\n\nMore.");
  });

  it("keeps a '<' that is math, not a tag", () => {
    expect(hfMarkdownToText("If $x<y$ and $y>z$ then <b>done</b>.")).toBe("If $x<y$ and $y>z$ then done.");
  });
});
