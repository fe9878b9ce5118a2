/** Graded relevance judgements of one query: profile id → grade (1–3). */
export type Qrels = Record<string, number>;

/** nDCG@k with exponential gain (2^grade − 1). */
export function ndcgAt(ranked: readonly string[], qrels: Qrels, k = 10): number {
  const gain = (g: number) => 2 ** g - 1;
  const dcg = ranked.slice(0, k).reduce((s, id, i) => s + gain(qrels[id] ?? 0) / Math.log2(i + 2), 0);
  const ideal = Object.values(qrels)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((s, g, i) => s + gain(g) / Math.log2(i + 2), 0);
  return ideal ? dcg / ideal : 0;
}

/** Share of the relevant profiles found in the top k. */
export function recallAt(ranked: readonly string[], qrels: Qrels, k = 10): number {
  const relevant = Object.keys(qrels).filter((id) => (qrels[id] ?? 0) > 0);
  if (!relevant.length) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((id) => top.has(id)).length / relevant.length;
}

/** Reciprocal rank of the first relevant profile within the top k. */
export function mrrAt(ranked: readonly string[], qrels: Qrels, k = 10): number {
  const i = ranked.slice(0, k).findIndex((id) => (qrels[id] ?? 0) > 0);
  return i < 0 ? 0 : 1 / (i + 1);
}
