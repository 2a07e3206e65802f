// A realistic paper for renderer tests (values as Hugging Face returns them for arXiv 2302.06675).
import type { Paper } from "../../../src/papers/paper.ts";

/** arXiv 2302.06675 with every optional field set. */
export const samplePaper: Paper = {
  id: "2302.06675",
  title: "Symbolic Discovery of Optimization Algorithms",
  abstract: "We present a method to formulate algorithm discovery as program search.",
  authors: ["Xiangning Chen", "Chen Liang", "Da Huang", "Esteban Real", "Kaiyuan Wang"],
  categories: ["cs.LG", "cs.AI"],
  publishedAt: "2023-02-13",
  upvotes: 42,
  githubRepo: "https://github.com/google/automl",
  thumbnail: "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2302.06675.png",
  source: "hf",
};
