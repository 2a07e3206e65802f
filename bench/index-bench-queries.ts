// The queries both search engines answer in the index bench: words, phrases, questions, filters, ids, junk.

export interface BenchQuery {
  kind: string;
  query: string;
}

const PASTED_ABSTRACT =
  "Vision-language models (VLMs) often inherit the biases and unsafe associations present within their " +
  "large-scale training dataset. While recent approaches mitigate unsafe behaviors, their evaluation focuses " +
  "on how safe the model is on unsafe inputs, ignoring potential shortcomings on safe ones. In this paper, we " +
  "first revise safety evaluation by introducing SafeGround, a new set of metrics that evaluate safety at " +
  "different levels of granularity. With this metric, we uncover a surprising issue of training-based methods: " +
  "they make the model less safe on safe inputs. ";

/**
 * Run once before measuring, so both engines are measured with their code compiled (as in a running
 * bot). Their words are not in the measured queries, so those still start with cold caches.
 */
export const WARMUP_QUERIES = [
  "quantum chemistry",
  '"protein folding"',
  "author:bengio",
  "cat:cs.CL translation",
  "since:2025-01-01 robotics",
  "what is contrastive pretraining?",
  "2401.00001",
];

export const BENCH_QUERIES: BenchQuery[] = [
  { kind: "word", query: "regularization" },
  { kind: "word (rare)", query: "grokking" },
  { kind: "word (common)", query: "transformer" },
  { kind: "word (very common)", query: "model" },
  { kind: "words", query: "grokking softmax collapse" },
  { kind: "words", query: "graph neural networks for molecules" },
  { kind: "words", query: "sparse mixture of experts routing" },
  { kind: "words (common)", query: "large language models" },
  { kind: "hyphens", query: "self-supervised vision-language pre-training" },
  { kind: "phrase", query: '"diffusion model"' },
  { kind: "phrase", query: '"reinforcement learning from human feedback"' },
  { kind: "question", query: "which optimizer was found by program search?" },
  { kind: "question", query: "how do diffusion models handle long video generation?" },
  { kind: "author", query: "author:hinton" },
  { kind: "author + words", query: 'author:"Yann LeCun" world models' },
  { kind: "category filter", query: "cat:cs.RO grasping" },
  { kind: "date filter", query: "since:2025-06-01 gaussian splatting" },
  { kind: "id", query: "2302.06675" },
  { kind: "url", query: "https://arxiv.org/abs/2501.04697v2" },
  { kind: "junk (syntax)", query: 'NEAR(foo bar) AND "unterminated ( * : title:' },
  { kind: "junk (emoji)", query: "🙂🚀🧪" },
  { kind: "junk (no match)", query: "qwzxv plmkjh" },
  { kind: "pasted text (1,000 chars)", query: PASTED_ABSTRACT.repeat(2).slice(0, 1000) },
  { kind: "long junk (2,000 chars)", query: "( NOT x* ".repeat(250).slice(0, 2000) },
];
