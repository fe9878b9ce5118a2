import { createHash } from 'node:crypto';
import type { TermMatcher } from '../catalogue/term-matcher.js';
import type { Theme } from '../catalogue/schema.js';
import { contentWords, stem } from '../text/normalise.js';
import type { Embedder } from './embedder.js';

/** Dimension of every stored vector (the `vector(384)` columns; multilingual-e5-small has 384 too). */
export const VECTOR_DIMENSION = 384;

// Share of the vector's weight given to taxonomy concepts versus surface n-grams. Concepts are what
// carry meaning across languages (teleopieka ~ velferdsteknologi); n-grams separate texts within
// one theme and catch shared names and cognates (digitalisering ~ digitalizacja).
const CONCEPT_WEIGHT = 0.85;
const SURFACE_WEIGHT = 0.53;
const RELATED_SPREAD = 0.25;

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function normaliseInPlace(v: Float64Array): number {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i]! /= n;
  return n;
}

/**
 * The built-in embedder: needs no model download and matches across languages.
 *
 * The first dimensions are the taxonomy's themes, found with the multilingual term lists
 * (strength damped with log1p, spread a little onto related themes); the rest are signed feature
 * hashes of word stems and character 4-grams. Its id includes a hash of the taxonomy, since
 * vectors made with another taxonomy are not comparable and must be reindexed.
 */
export function createOfflineEmbedder(matcher: TermMatcher, themes: readonly Theme[]): Embedder {
  const codes = matcher.themeCodes;
  const conceptDims = codes.length;
  if (conceptDims >= VECTOR_DIMENSION / 2) throw new Error('Too many themes for the offline embedder');
  const surfaceDims = VECTOR_DIMENSION - conceptDims;
  const position = new Map(codes.map((c, i) => [c, i]));
  const related = themes.map((t) =>
    t.related.map((r) => position.get(r)).filter((i): i is number => i !== undefined),
  );
  const taxonomyHash = createHash('sha256').update(JSON.stringify(themes)).digest('hex').slice(0, 8);

  const embedOne = (text: string): Float32Array => {
    const concept = new Float64Array(conceptDims);
    for (const hit of matcher.match(text)) {
      const i = position.get(hit.code)!;
      const w = Math.log1p(hit.strength);
      concept[i]! += w;
      for (const r of related[i]!) concept[r]! += RELATED_SPREAD * w;
    }
    const surface = new Float64Array(surfaceDims);
    const add = (feature: string, weight: number) => {
      const h = fnv1a(feature);
      surface[h % surfaceDims]! += h & 0x80000000 ? -weight : weight;
    };
    for (const w of contentWords(text)) {
      add(`w:${stem(w)}`, 1);
      const padded = ` ${w} `;
      for (let i = 0; i + 4 <= padded.length; i++) add(`g:${padded.slice(i, i + 4)}`, 0.35);
    }
    const hasConcept = normaliseInPlace(concept) > 0;
    normaliseInPlace(surface);
    const out = new Float32Array(VECTOR_DIMENSION);
    const cw = hasConcept ? CONCEPT_WEIGHT : 0;
    for (let i = 0; i < conceptDims; i++) out[i] = cw * concept[i]!;
    for (let i = 0; i < surfaceDims; i++) out[conceptDims + i] = SURFACE_WEIGHT * surface[i]!;
    const v = Float64Array.from(out);
    normaliseInPlace(v);
    return Float32Array.from(v);
  };

  return {
    id: `offline-v1:${taxonomyHash}`,
    dimension: VECTOR_DIMENSION,
    embed: async (texts) => texts.map(embedOne),
    close: async () => {},
  };
}
