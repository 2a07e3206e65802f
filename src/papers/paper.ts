// The one Paper type every module shares, and the links derived from a paper's id.

/** Where a paper record came from; search results also say where they were found. */
export type PaperSource = "hf" | "arxiv" | "file";

/** A research paper, keyed by its arXiv id (no version suffix). */
export interface Paper {
  /** arXiv id without version: `2302.06675` or old-style `hep-th/9901001`. */
  id: string;
  title: string;
  abstract: string;
  /** Display names, in author order; hidden authors are already dropped. */
  authors: string[];
  /** arXiv categories, primary first when known (`cs.LG`, `stat.ML`). */
  categories: string[];
  /** Day the paper was first published or announced, `YYYY-MM-DD`. */
  publishedAt?: string;
  /**
   * The arXiv version this record describes (`2` for `2401.01234v2`), when the source said. Versions are
   * one paper (same `id`); the summary cache is keyed by version, so a new version gets a new summary.
   */
  version?: number;
  /** Day of the latest version, `YYYY-MM-DD`, when known. */
  updatedAt?: string;
  /** Hugging Face upvotes, when the paper was seen on Hugging Face. */
  upvotes?: number;
  /** Hugging Face's own AI-written summary (`ai_summary`), when present. */
  aiSummary?: string;
  /** Keywords Hugging Face extracted (`ai_keywords`), when present. */
  keywords?: string[];
  /** Code repository URL (`githubRepo` on Hugging Face). */
  githubRepo?: string;
  /** Thumbnail image URL (Hugging Face daily papers). */
  thumbnail?: string;
  /** arXiv author comment ("12 pages, 4 figures"). */
  comment?: string;
  /** Hugging Face discussion comment count, when known. */
  numComments?: number;
  /** The source this record was last read from. */
  source: PaperSource;
}

/** Links a reader wants for a paper; all derived from its id except the code link. */
export interface PaperLinks {
  abs: string;
  pdf: string;
  hf: string;
  code?: string;
}

export function paperLinks(paper: Pick<Paper, "id" | "githubRepo">): PaperLinks {
  const links: PaperLinks = {
    abs: `https://arxiv.org/abs/${paper.id}`,
    pdf: `https://arxiv.org/pdf/${paper.id}`,
    hf: `https://huggingface.co/papers/${paper.id}`,
  };
  if (paper.githubRepo) links.code = paper.githubRepo;
  return links;
}
