/** Corpus statistics for BM25: document frequency per stem, corpus size, mean document length. */
export interface TermStats {
  df: Map<string, number>;
  docs: number;
  avgLength: number;
}

const K1 = 1.2;
const B = 0.75;

/**
 * BM25 of the query's stems against one profile's stems, scaled to [0, 1] by the score a document
 * would get if it contained every query stem (at the average length, twice each). Postgres has no
 * BM25 and its `ts_rank` is far weaker, so the stems come from the database and the arithmetic
 * happens here, on the candidates only.
 */
export function bm25Score(queryStems: readonly string[], docStems: string, stats: TermStats): number {
  if (!queryStems.length || !stats.docs) return 0;
  const tf = new Map<string, number>();
  let len = 0;
  for (const s of docStems.split(' ')) {
    if (!s) continue;
    len++;
    tf.set(s, (tf.get(s) ?? 0) + 1);
  }
  const norm = K1 * (1 - B + (B * len) / (stats.avgLength || 1));
  const normAvg = K1;
  let score = 0;
  let ideal = 0;
  for (const t of queryStems) {
    const df = stats.df.get(t) ?? 0;
    const idf = Math.log(1 + (stats.docs - df + 0.5) / (df + 0.5));
    const f = tf.get(t) ?? 0;
    score += (idf * f * (K1 + 1)) / (f + norm);
    ideal += (idf * 2 * (K1 + 1)) / (2 + normAvg);
  }
  return ideal > 0 ? Math.min(1, score / ideal) : 0;
}
