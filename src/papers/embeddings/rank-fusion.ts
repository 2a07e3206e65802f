// Reciprocal rank fusion: one ranking from several, each paper scoring the sum of weight / (k + rank).

/** Cormack et al.'s constant: ranks 1 and 10 differ, ranks 100 and 110 hardly. */
export const RRF_K = 60;

/** Fuses ranked lists of keys (best first); a key absent from a list gets nothing from it. */
export function reciprocalRankFusion<K>(
  rankings: readonly { keys: readonly K[]; weight: number }[],
  k = RRF_K,
): { key: K; score: number }[] {
  const scores = new Map<K, number>();
  for (const { keys, weight } of rankings) {
    keys.forEach((key, rank) => {
      scores.set(key, (scores.get(key) ?? 0) + weight / (k + rank + 1));
    });
  }
  return [...scores].map(([key, score]) => ({ key, score })).sort((a, b) => b.score - a.score);
}
