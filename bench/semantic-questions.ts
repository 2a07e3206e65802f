// The semantic known-item set: 40 plain-language questions, each for one paper whose title shares none of its words.

export interface KnownItem {
  /** The arXiv id of the paper the question is about. */
  id: string;
  /** The paper's title, to check the question shares no word (stem) with it. */
  title: string;
  question: string;
}

/**
 * Written by reading each paper's abstract and asking for it the way a colleague would, without the
 * title's words (not even "a", "the" or a different form of the same stem: test/papers/semantic-questions.test.ts checks it).
 * 20 are on the seed papers (fixtures/sample/seed-papers.json), 20 on the arXiv corpus (../shared/corpus/),
 * the corpus ones picked by taking every 3,700th line and skipping none but one whose title is its topic.
 */
export const SEED_QUESTIONS: KnownItem[] = [
  {
    id: "2501.04697",
    title: "Grokking at the Edge of Numerical Stability",
    question:
      "why does a network suddenly generalize long after memorizing, and how do floating point errors in softmax block it",
  },
  {
    id: "2302.06675",
    title: "Symbolic Discovery of Optimization Algorithms",
    question:
      "which training update rule was found automatically by searching over programs, keeping only momentum's sign",
  },
  {
    id: "2308.16898",
    title: "Transformers as Support Vector Machines",
    question: "is self-attention equivalent to a max-margin classifier that separates tokens",
  },
  {
    id: "2211.15661",
    title: "What learning algorithm is in-context learning? Investigations with linear models",
    question: "can prompting examples make a network implicitly run gradient descent or ridge regression",
  },
  {
    id: "2007.00151",
    title: "Early-Learning Regularization Prevents Memorization of Noisy Labels",
    question: "training classifiers when many annotations are wrong, so networks don't fit those mistakes",
  },
  {
    id: "2305.13230",
    title: "To Repeat or Not To Repeat: Insights from Scaling LLM under Token-Crisis",
    question:
      "what happens when we train big language networks for several epochs because we run out of fresh text",
  },
  {
    id: "2404.18466",
    title: "HFT: Half Fine-Tuning for Large Language Models",
    question:
      "updating only a portion of parameters while freezing others avoids catastrophic forgetting in chatbots",
  },
  {
    id: "2309.14054",
    title:
      "Adapt then Unlearn: Exploring Parameter Space Semantics for Unlearning in Generative Adversarial Networks",
    question: "how can a GAN be made to stop producing unwanted content such as a specific face attribute",
  },
  {
    id: "2310.08915",
    title: "Dynamic Sparse No Training: Training-Free Fine-tuning for Sparse LLMs",
    question: "improving pruned big language networks without any backpropagation or weight updates",
  },
  {
    id: "2506.07691",
    title: "Training Superior Sparse Autoencoders for Instruct Models",
    question: "better dictionary learning to interpret chat assistants' internal activations",
  },
  {
    id: "2504.08736",
    title: "GigaTok: Scaling Visual Tokenizers to 3 Billion Parameters for Autoregressive Image Generation",
    question:
      "a huge vector-quantized encoder that turns pictures into codes, keeping reconstruction quality and helping sequential synthesis",
  },
  {
    id: "2312.04410",
    title: "Smooth Diffusion: Crafting Smooth Latent Spaces in Diffusion Models",
    question:
      "making interpolation between noise vectors give gradual changes for editing pictures with stable denoising generators",
  },
  {
    id: "2409.06633",
    title: "SaRA: High-Efficient Diffusion Model Fine-tuning with Progressive Sparse Low-Rank Adaptation",
    question:
      "reusing ineffective small weights of a pretrained image generator when tailoring it to new tasks",
  },
  {
    id: "2305.18378",
    title: "Disentanglement via Latent Quantization",
    question: "learning factorized representations by snapping codes to a discrete grid per dimension",
  },
  {
    id: "2111.01253",
    title: "Neural Scene Flow Prior",
    question:
      "estimating 3D motion of lidar point clouds between frames without training data, optimized at runtime",
  },
  {
    id: "2306.00356",
    title: "Regularizing Towards Soft Equivariance Under Mixed Symmetries",
    question:
      "a penalty encouraging approximate invariance when data obeys rotations or other transformations only partially",
  },
  {
    id: "2402.04744",
    title: "Progressive Gradient Flow for Robust N:M Sparsity Training in Transformers",
    question: "structured 2:4 pruning of attention networks at high ratios with better accuracy",
  },
  {
    id: "2307.11988",
    title: "Sparse then Prune: Toward Efficient Vision Transformers",
    question: "removing weights from ViT image classifiers to make them faster",
  },
  {
    id: "2505.05755",
    title: "Insertion Language Models: Sequence Generation with Arbitrary-Position Insertions",
    question: "autocompleters that can put tokens anywhere, not just left to right",
  },
  {
    id: "2210.14199",
    title: "Same Pre-training Loss, Better Downstream: Implicit Bias Matters for Language Models",
    question:
      "why two networks with identical perplexity transfer differently to tasks, and flatness of solutions",
  },
];

export const CORPUS_QUESTIONS: KnownItem[] = [
  {
    id: "2503.11930",
    title: "Generating a Biometrically Unique and Realistic Iris Database",
    question: "synthetic eye images for identity recognition research without privacy problems",
  },
  {
    id: "2504.05444",
    title:
      "Biomechanical Constraints Assimilation in Deep-Learning Image Registration: Application to sliding and locally rigid deformations",
    question: "aligning medical scans where organs glide against each other or bones stay stiff",
  },
  {
    id: "2505.04072",
    title: "Advancing and Benchmarking Personalized Tool Invocation for LLMs",
    question: "evaluating whether chatbots call external APIs according to each user's preferences",
  },
  {
    id: "2505.20293",
    title: "Enhancing the Comprehensibility of Text Explanations via Unsupervised Concept Discovery",
    question:
      "making NLP classifier interpretations easier to understand by finding human-meaningful ideas automatically",
  },
  {
    id: "2506.08140",
    title: "AutoSDT: Scaling Data-Driven Discovery Tasks Toward Open Co-Scientists",
    question:
      "automatically collecting coding problems from real research analysis workflows to train assistant agents",
  },
  {
    id: "2507.03047",
    title:
      "Counterfactual Tuning for Temporal Sensitivity Enhancement in Large Language Model-based Recommendation",
    question: "making GPT-style suggestion systems pay attention to when a user interacted with items",
  },
  {
    id: "2508.00137",
    title: "SHACL Validation under Graph Updates (Extended Paper)",
    question: "checking whether RDF data still satisfies shape constraints after it is modified",
  },
  {
    id: "2508.17435",
    title: "An LLM-LVLM Driven Agent for Iterative and Fine-Grained Image Editing",
    question:
      "a chatbot assistant that modifies pictures step by step from detailed instructions using chat models",
  },
  {
    id: "2509.19336",
    title: "Cognitive-Level Adaptive Generation via Capability-Aware Retrieval and Style Adaptation",
    question: "tailoring chatbot answers to readers with different background knowledge or reading ability",
  },
  {
    id: "2510.15448",
    title: "MAVR-Net: Robust Multi-View Learning for MAV Action Recognition with Cross-View Attention",
    question: "recognizing what small drones are doing from several cameras",
  },
  {
    id: "2511.16566",
    title:
      "NutriScreener: Retrieval-Augmented Multi-Pose Graph Attention Network for Malnourishment Screening",
    question: "detecting undernourished children from photos",
  },
  {
    id: "2512.23709",
    title: "Stream-DiffVSR: Low-Latency Streamable Video Super-Resolution via Auto-Regressive Diffusion",
    question:
      "upscaling live footage in real time with a denoising generative model that only looks at past frames",
  },
  {
    id: "2602.03784",
    title: "Context Compression via Explicit Information Transmission",
    question: "squeezing long prompts into a few continuous memory tokens to save inference cost",
  },
  {
    id: "2603.02464",
    title: "GLoRIA: Gated Low-Rank Interpretable Adaptation for Dialectal ASR",
    question: "speech recognition of regional accents that uses geographic coordinates",
  },
  {
    id: "2603.18834",
    title:
      "Statistical Characteristic-Guided Denoising for Rapid High-Resolution Transmission Electron Microscopy Imaging",
    question: "cleaning up grainy atomic-scale TEM frames captured with very short exposures",
  },
  {
    id: "2604.05396",
    title:
      "Reason Analogically via Cross-domain Prior Knowledge: An Empirical Study of Cross-domain Knowledge Transfer for In-Context Learning",
    question:
      "can demonstrations from unrelated fields help chatbots solve problems when expert examples are missing",
  },
  {
    id: "2604.20806",
    title: "OMIBench: Benchmarking Olympiad-Level Multi-Image Reasoning in Large Vision-Language Model",
    question:
      "testing whether multimodal AI can solve math competition problems that need several pictures at once",
  },
  {
    id: "2605.10805",
    title: "Reasoning Is Not Free: Robust Adaptive Cost-Efficient Routing for LLM-as-a-Judge",
    question:
      "when does chain-of-thought pay off in automatic evaluators; send only hard cases to expensive graders",
  },
  {
    id: "2605.26102",
    title: "InstructSAM: Segment Any Instance with Any Instructions",
    question: "outlining every object that matches a free-form text request in a photo",
  },
  {
    id: "2606.09159",
    title: "Unified Energy for Invariant and Independent Decoding in Diffusion Language Models",
    question:
      "parallel token generation by masked denoising text generators loses dependencies between positions",
  },
];

export const KNOWN_ITEMS: KnownItem[] = [...SEED_QUESTIONS, ...CORPUS_QUESTIONS];
