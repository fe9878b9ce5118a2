import { fold } from '../text/normalise.js';

interface CompiledTerm {
  theme: number;
  words: string[];
  /** The term as written in the catalogue, for explanations. */
  display: string;
}

/** Anything with a code and multilingual term lists: a theme, or a programme's signal words. */
export interface TermSource {
  code: string;
  terms: Record<string, readonly string[]>;
}

/** How strongly a text is about one code (theme or programme). */
export interface TermHit {
  code: string;
  /** Sum of matched term weights; longer texts score higher, so compare within one text. */
  strength: number;
  /** The distinct catalogue terms that matched, as written there, for explanations. */
  terms: string[];
}

/**
 * Finds the themes (or programme signals) of a text in any of the taxonomy's languages.
 *
 * Each term word is a stem matched against the start of a text word after folding, so one term
 * `velferdsteknolog` covers velferdsteknologi/-en and `senior` covers seniorów. Terms are indexed by
 * their first four letters, which keeps a pass over a long profile linear in its length.
 */
export class TermMatcher {
  private readonly codes: string[];
  private readonly index = new Map<string, CompiledTerm[]>();

  constructor(themes: readonly TermSource[]) {
    this.codes = themes.map((t) => t.code);
    const seen = new Set<string>();
    themes.forEach((theme, i) => {
      for (const list of Object.values(theme.terms))
        for (const term of list) {
          const words = fold(term).match(/[a-z0-9]+/g) ?? [];
          const first = words[0];
          // Single words under four letters match too much (`art`, `bio`); multi-word terms are specific enough.
          if (!first || (words.length === 1 && first.length < 4) || first.length < 3) continue;
          const key = `${i}|${words.join(' ')}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const bucket = first.slice(0, 3);
          const entry = this.index.get(bucket) ?? [];
          entry.push({ theme: i, words, display: term.toLowerCase() });
          this.index.set(bucket, entry);
        }
    });
  }

  /** Codes in the order given. */
  get themeCodes(): readonly string[] {
    return this.codes;
  }

  /** Every theme the text mentions, strongest first. */
  match(text: string): TermHit[] {
    const words = fold(text).match(/[a-z0-9]+/g) ?? [];
    const strength = new Float64Array(this.codes.length);
    const terms: Set<string>[] = this.codes.map(() => new Set());
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (w.length < 3) continue;
      const candidates = this.index.get(w.slice(0, 3));
      if (!candidates) continue;
      // Per position, each theme counts once: overlapping terms of one theme are one mention.
      const hitHere = new Set<number>();
      for (const t of candidates) {
        if (hitHere.has(t.theme) || i + t.words.length > words.length) continue;
        if (t.words.every((tw, k) => words[i + k]!.startsWith(tw))) {
          hitHere.add(t.theme);
          strength[t.theme]! += t.words.length > 1 ? 1.5 : 1;
          terms[t.theme]!.add(t.display);
        }
      }
    }
    const hits: TermHit[] = [];
    strength.forEach((s, i) => {
      if (s > 0) hits.push({ code: this.codes[i]!, strength: s, terms: [...terms[i]!] });
    });
    return hits.sort((a, b) => b.strength - a.strength || a.code.localeCompare(b.code));
  }

  /**
   * The themes a text is mainly about: those with at least a quarter of the strongest theme's
   * strength, at most `max`. Passing mentions in a long text do not make it "about" a theme.
   */
  infer(text: string, max = 6): string[] {
    const hits = this.match(text);
    const top = hits[0]?.strength ?? 0;
    return hits
      .filter((h) => h.strength >= Math.max(1, top * 0.25))
      .slice(0, max)
      .map((h) => h.code);
  }
}
