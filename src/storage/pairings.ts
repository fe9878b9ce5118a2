import type { Queryable } from './database.js';
import { filterConditions, type ProfileFilters } from './profiles.js';
import { sql } from './sql.js';

/** A party of a pairing run with what scoring needs. */
export interface PartyRow {
  id: string;
  name: string;
  country: string;
  kind: string;
  role: string;
  languages: string[];
  programmes: string[];
  themes: string[];
  capacity: number | null;
  search_terms: string;
  embedder: string | null;
  embedding: string | null;
  needs_embedding: string | null;
  offers_embedding: string | null;
}

const PARTY_COLUMNS = sql`p.id, p.name, p.country, p.kind, p.role, p.languages, p.programmes, p.themes, p.capacity,
  p.search_terms, p.embedder, p.embedding::text AS embedding, p.needs_embedding::text AS needs_embedding,
  p.offers_embedding::text AS offers_embedding`;

/** Parties by id (in id order); missing ids are simply absent. */
export async function partiesById(q: Queryable, ids: string[]): Promise<PartyRow[]> {
  return q.query<PartyRow>(
    sql`SELECT ${PARTY_COLUMNS} FROM profiles p WHERE p.id = ANY(${ids}::text[]) ORDER BY p.id`,
  );
}

/** Parties passing the filters (in id order), at most `limit`. */
export async function partiesByFilter(q: Queryable, f: ProfileFilters, limit: number): Promise<PartyRow[]> {
  return q.query<PartyRow>(
    sql`SELECT ${PARTY_COLUMNS} FROM profiles p WHERE ${filterConditions(f)} ORDER BY p.id LIMIT ${limit}`,
  );
}

/** Stores a pairing run. */
export async function insertRun(
  q: Queryable,
  run: { id: string; mode: string; createdBy: string; request: unknown; result: unknown },
): Promise<void> {
  await q.query(sql`
    INSERT INTO pairing_runs (id, mode, created_by, request, result)
    VALUES (${run.id}, ${run.mode}, ${run.createdBy}, ${JSON.stringify(run.request)}::text::jsonb,
      ${JSON.stringify(run.result)}::text::jsonb)`);
}

/** A stored pairing run's result document, or undefined. */
export async function getRun<T>(q: Queryable, id: string): Promise<T | undefined> {
  const [row] = await q.query<{ result: T }>(sql`SELECT result FROM pairing_runs WHERE id = ${id}`);
  return row?.result;
}

/** A pairing run in a list: enough to find it again. */
export interface RunSummaryRow {
  id: string;
  mode: string;
  created_by: string;
  created_at: Date;
  pairs: number;
  total_score: number;
}

/** The most recent pairing runs, newest first. */
export async function listRuns(q: Queryable, limit: number): Promise<RunSummaryRow[]> {
  return q.query<RunSummaryRow>(sql`
    SELECT id, mode, created_by, created_at, jsonb_array_length(result->'pairs')::int AS pairs,
      (result->>'totalScore')::float8 AS total_score
    FROM pairing_runs ORDER BY created_at DESC, id DESC LIMIT ${limit}`);
}
