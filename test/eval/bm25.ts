import { words } from '../../src/text/normalise.js';

/** A plain Okapi BM25 index (k1 = 1.2, b = 0.75) over folded words, no stemming: the baseline. */
export class Bm25 {
  private readonly docs: { id: string; tf: Map<string, number>; len: number }[] = [];
  private readonly df = new Map<string, number>();
  private avgLen = 0;

  constructor(docs: { id: string; text: string }[]) {
    for (const d of docs) {
      const tf = new Map<string, number>();
      const ws = words(d.text);
      for (const w of ws) tf.set(w, (tf.get(w) ?? 0) + 1);
      for (const w of tf.keys()) this.df.set(w, (this.df.get(w) ?? 0) + 1);
      this.docs.push({ id: d.id, tf, len: ws.length });
    }
    this.avgLen = this.docs.reduce((s, d) => s + d.len, 0) / Math.max(1, this.docs.length);
  }

  /** Ids of the best `k` documents for the query among those `allowed`. */
  search(query: string, k: number, allowed: (id: string) => boolean = () => true): string[] {
    const n = this.docs.length;
    const terms = [...new Set(words(query))];
    return this.docs
      .filter((d) => allowed(d.id))
      .map((d) => {
        let s = 0;
        for (const t of terms) {
          const f = d.tf.get(t);
          if (!f) continue;
          const df = this.df.get(t) ?? 0;
          const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          s += (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * d.len) / this.avgLen));
        }
        return { id: d.id, s };
      })
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s || a.id.localeCompare(b.id))
      .slice(0, k)
      .map((x) => x.id);
  }
}
