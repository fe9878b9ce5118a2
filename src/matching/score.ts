import type { Catalogue } from '../catalogue/load.js';
import { languageFit, programmeFit, themeFit } from './fit.js';
import type { Explanation } from './schema.js';

/** Component weights of the match score (they need not sum to 1: the score is their weighted mean). */
export interface Weights {
  semantic: number;
  themes: number;
  lexical: number;
  language: number;
  programme: number;
  reciprocity: number;
}

/** Default weights, chosen on the dev set in test/eval (see README, "Ranking"). */
export const DEFAULT_WEIGHTS: Weights = {
  semantic: 0.4,
  themes: 0.25,
  lexical: 0.8,
  language: 0.05,
  programme: 0.1,
  reciprocity: 0.1,
};

/**
 * Cosine ranges per embedder family, mapped to [0, 1] before blending. e5 cosines bunch between
 * 0.7 and 1.0, the offline embedder's spread from 0 to about 0.8; unscaled they would not mix
 * with the other components.
 */
export function rescale(embedderId: string, cos: number): number {
  const [lo, hi] = embedderId.startsWith('transformers:') ? [0.72, 0.92] : [0.0, 0.75];
  return Math.max(0, Math.min(1, (cos - lo) / (hi - lo)));
}

/** Rounds a component for the response. */
export const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** The side looking for a partner: its themes, working languages, country, role and wanted programmes. */
export interface SeekerFacts {
  themes: readonly string[];
  languages: readonly string[];
  country: string;
  role: string;
  programmes: readonly string[];
}

/** The side being scored. */
export interface CandidateFacts {
  themes: readonly string[];
  languages: readonly string[];
  country: string;
  role: string;
  programmes: readonly string[];
}

/** Similarities computed elsewhere (database or vectors in memory). */
export interface Similarities {
  /** Cosine of the profile vectors. */
  sim: number;
  /** BM25 in [0, 1]. */
  lexical: number;
  /** Cosine of the candidate's offers to the seeker's needs, if both exist. */
  offersSim: number | null;
  /** Cosine of the candidate's needs to the seeker's offers, if both exist. */
  needsSim: number | null;
}

/**
 * The match score of one candidate for one seeker: the weighted mean of the components, with
 * reciprocity left out (not counted as zero) when neither side wrote needs or offers. Used by
 * `/v1/matches` and, in both directions, by pairing runs, so both explain themselves the same way.
 */
export function scoreCandidate(
  catalogue: Catalogue,
  embedderId: string,
  w: Weights,
  seeker: SeekerFacts,
  c: CandidateFacts,
  s: Similarities,
): { relevance: number; explanation: Explanation } {
  const semantic = rescale(embedderId, s.sim);
  const theme = themeFit(catalogue, seeker.themes, c.themes);
  const language = languageFit(seeker.languages, c.languages);
  const programme = programmeFit(catalogue, seeker, c);
  const sides = [s.offersSim, s.needsSim].filter((x): x is number => x !== null);
  const reciprocity = sides.length
    ? sides.reduce((sum, x) => sum + rescale(embedderId, x), 0) / sides.length
    : null;
  let total =
    w.semantic * semantic +
    w.themes * theme.score +
    w.lexical * s.lexical +
    w.language * language.score +
    w.programme * programme.score;
  let weight = w.semantic + w.themes + w.lexical + w.language + w.programme;
  if (reciprocity !== null) {
    total += w.reciprocity * reciprocity;
    weight += w.reciprocity;
  }
  return {
    relevance: total / weight,
    explanation: {
      semantic: round(semantic),
      themes: { score: round(theme.score), shared: theme.shared },
      language: { score: language.score, shared: language.shared },
      programme: { score: programme.score, shared: programme.shared },
      lexical: round(s.lexical),
      reciprocity: reciprocity === null ? null : round(reciprocity),
      diversityPenalty: 0,
    },
  };
}
