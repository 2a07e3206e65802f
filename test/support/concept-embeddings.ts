// A stand-in "embedding model" that knows a few synonyms: words of one group share a dimension, others hash.
import { type EmbedFunction, hashedWords } from "./embeddings-stand-in.ts";

const CONCEPTS = [
  ["malnutrition", "malnourishment", "malnourished", "undernourished", "underfed", "nutrition"],
  ["child", "children", "kids", "infants", "pediatric"],
  ["photos", "photo", "images", "image", "pictures", "camera"],
  ["drone", "drones", "uav", "uavs", "quadcopters", "aerial"],
];

/** Concept counts (weight 1 each) followed by the hashed words (weight 0.1), so meaning wins over spelling. */
export const conceptEmbedding: EmbedFunction = (text) => {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const concepts = CONCEPTS.map((group) => words.filter((w) => group.includes(w)).length);
  return [...concepts, ...hashedWords(text).map((x) => x * 0.1)];
};
