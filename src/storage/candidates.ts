import type { Queryable } from './database.js';
import { filterConditions, type ProfileFilters } from './profiles.js';
import { sql } from './sql.js';

/** A candidate with the similarity figures the ranking needs, computed in the database. */
export interface CandidateRow {
  id: string;
  name: string;
  country: string;
  kind: string;
  role: string;
  languages: string[];
  programmes: string[];
  themes: string[];
  /** Cosine similarity of the candidate's profile vector to the query vector. */
  sim: number;
  /** The candidate's stemmed words, for BM25. */
  search_terms: string;
  /** Similarity of the candidate's offers to the seeker's needs (null when either is missing). */
  offers_sim: number | null;
  /** Similarity of the candidate's needs to the seeker's offers (null when either is missing). */
  needs_sim: number | null;
  /** pgvector text form, for diversification. */
  embedding: string;
}

/** What to retrieve candidates for. */
export interface CandidateQuery {
  embedder: string;
  vector: string;
  seekerNeeds: string | null;
  seekerOffers: string | null;
  themes: string[];
  tsquery: string | null;
  filters: ProfileFilters;
  /** How many to take from each of the two retrieval paths. */
  k: number;
}

/**
 * Candidates from two paths, unioned: nearest by vector, and best by theme overlap and word match,
 * so a partner that says the right things in other words and one that names the right themes both
 * reach the ranking. Filters are applied inside both queries, with exact (not approximate) vector
 * ordering, so every profile passing the filters can be returned and `limit` is always met when
 * enough pass. Only vectors of the current embedder are ever compared.
 */
export async function findCandidates(q: Queryable, c: CandidateQuery): Promise<CandidateRow[]> {
  const where = filterConditions(c.filters);
  const tsq = sql`to_tsquery('simple', ${c.tsquery})`;
  return q.query<CandidateRow>(sql`
    WITH semantic AS (
      SELECT p.id FROM profiles p
      WHERE p.embedder = ${c.embedder} AND ${where}
      ORDER BY p.embedding <=> ${c.vector}::vector, p.id
      LIMIT ${c.k}
    ), topical AS (
      SELECT p.id FROM profiles p
      WHERE p.embedder = ${c.embedder} AND ${where}
        AND (p.themes && ${c.themes}::text[] OR coalesce(p.search @@ ${tsq}, false))
      ORDER BY cardinality(ARRAY(SELECT unnest(p.themes) INTERSECT SELECT unnest(${c.themes}::text[]))) DESC,
        coalesce(ts_rank_cd(p.search, ${tsq}, 32), 0) DESC, p.id
      LIMIT ${c.k}
    )
    SELECT p.id, p.name, p.country, p.kind, p.role, p.languages, p.programmes, p.themes,
      (1 - (p.embedding <=> ${c.vector}::vector))::float8 AS sim,
      p.search_terms,
      (1 - (p.offers_embedding <=> ${c.seekerNeeds}::vector))::float8 AS offers_sim,
      (1 - (p.needs_embedding <=> ${c.seekerOffers}::vector))::float8 AS needs_sim,
      p.embedding::text AS embedding
    FROM profiles p
    WHERE p.id IN (SELECT id FROM semantic UNION SELECT id FROM topical)`);
}

/** The stored seeker profile with its vectors, for `profileId` matches. */
export interface SeekerRow {
  id: string;
  country: string;
  role: string;
  languages: string[];
  programmes: string[];
  themes: string[];
  description: string;
  needs: string | null;
  embedder: string | null;
  embedding: string | null;
  needs_embedding: string | null;
  offers_embedding: string | null;
}

/** Reads a seeker profile with its vectors as text. */
export async function getSeeker(q: Queryable, id: string): Promise<SeekerRow | undefined> {
  const [row] = await q.query<SeekerRow>(sql`
    SELECT id, country, role, languages, programmes, themes, description, needs, embedder,
      embedding::text AS embedding, needs_embedding::text AS needs_embedding,
      offers_embedding::text AS offers_embedding
    FROM profiles WHERE id = ${id}`);
  return row;
}
