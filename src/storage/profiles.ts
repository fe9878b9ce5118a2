import type { Profile } from '../profiles/schema.js';
import { NORWEGIAN } from '../text/language.js';
import { contentWords, stem } from '../text/normalise.js';
import type { Queryable } from './database.js';
import { empty, join, sql, type SqlFragment } from './sql.js';

/** Everything stored for one profile besides the document itself. */
export interface ProfileRow {
  doc: Profile;
  languages: string[];
  languagesDetected: boolean;
  themes: string[];
  themesInferred: boolean;
  searchTerms: string;
  contentHash: string;
  source: string;
  embedder: string;
  embedding: Float32Array;
  needsEmbedding: Float32Array | null;
  offersEmbedding: Float32Array | null;
}

/** A profile as read back: the document plus what the service derived from it. */
export interface StoredProfile {
  id: string;
  document: Profile;
  languages: string[];
  languages_detected: boolean;
  themes: string[];
  themes_inferred: boolean;
  source: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** Filters shared by listing and matching; each list is OR within itself, AND across lists. */
export interface ProfileFilters {
  countries?: string[] | undefined;
  kinds?: string[] | undefined;
  roles?: string[] | undefined;
  programmes?: string[] | undefined;
  languages?: string[] | undefined;
  themes?: string[] | undefined;
  text?: string | undefined;
  excludeIds?: string[] | undefined;
  /** Restricts to these ids (scoring one given pair). */
  onlyIds?: string[] | undefined;
}

/**
 * pgvector's text form of a vector; sent as a bind parameter and cast with `::vector`. Six
 * significant digits change a cosine by under 1e-5 but halve the text pgvector must parse, which
 * is most of the cost of storing a profile on PGlite.
 */
export function vectorLiteral(v: Float32Array | null): string | null {
  if (!v) return null;
  let s = '[';
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    s += (i ? ',' : '') + (x === 0 ? '0' : String(Number(x.toPrecision(6))));
  }
  return `${s}]`;
}

/** Parses pgvector's text form (both drivers return vectors as strings). */
export function parseVector(s: string): Float32Array {
  return Float32Array.from(JSON.parse(s) as number[]);
}

/** The distinct stems of a text's content words (what `search_terms` holds for profiles). */
export function queryStems(text: string): string[] {
  return [...new Set(contentWords(text).map(stem))];
}

/**
 * An OR tsquery of stems. Stored terms are the same six-letter stems, so exact lexemes match
 * (prefix queries would scan far more of the index). Stems hold only [a-z0-9]: no tsquery syntax
 * can leak in.
 */
export function stemsTsQuery(stems: readonly string[]): string | null {
  return stems.length ? stems.join(' | ') : null;
}

/** SQL conditions for the filters, to put inside a WHERE clause (alias `p`). */
export function filterConditions(f: ProfileFilters): SqlFragment {
  const conds: SqlFragment[] = [];
  if (f.countries?.length) conds.push(sql`p.country = ANY(${f.countries}::text[])`);
  if (f.kinds?.length) conds.push(sql`p.kind = ANY(${f.kinds}::text[])`);
  if (f.roles?.length) conds.push(sql`p.role = ANY(${f.roles}::text[])`);
  if (f.programmes?.length) conds.push(sql`p.programmes && ${f.programmes}::text[]`);
  if (f.themes?.length) conds.push(sql`p.themes && ${f.themes}::text[]`);
  if (f.languages?.length) {
    // nb, nn and no all mean Norwegian.
    const langs = f.languages.some((l) => NORWEGIAN.has(l))
      ? [...new Set([...f.languages, ...NORWEGIAN])]
      : f.languages;
    conds.push(sql`p.languages && ${langs}::text[]`);
  }
  if (f.text) {
    const tsq = stemsTsQuery(queryStems(f.text));
    const like = `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(
      tsq
        ? sql`(p.search @@ to_tsquery('simple', ${tsq}) OR p.name ILIKE ${like})`
        : sql`p.name ILIKE ${like}`,
    );
  }
  if (f.excludeIds?.length) conds.push(sql`NOT (p.id = ANY(${f.excludeIds}::text[]))`);
  if (f.onlyIds) conds.push(sql`p.id = ANY(${f.onlyIds}::text[])`);
  return conds.length ? join(conds, sql` AND `) : sql`TRUE`;
}

/** Content hash and embedder of the given ids, to skip work for unchanged profiles. */
export async function existingVersions(
  q: Queryable,
  ids: string[],
): Promise<Map<string, { hash: string; embedder: string | null }>> {
  if (!ids.length) return new Map();
  const rows = await q.query<{ id: string; content_hash: string; embedder: string | null }>(
    sql`SELECT id, content_hash, embedder FROM profiles WHERE id = ANY(${ids}::text[])`,
  );
  return new Map(rows.map((r) => [r.id, { hash: r.content_hash, embedder: r.embedder }]));
}

/**
 * Inserts or updates profiles by id in one statement (a batch of an import, or a single profile):
 * rows travel as one JSON parameter and are expanded with `jsonb_to_recordset`, which is several
 * times faster on PGlite than a statement per row. A profile whose document and embedder are
 * unchanged is left untouched. Returns what happened to each id.
 */
export async function upsertProfiles(
  q: Queryable,
  rows: readonly ProfileRow[],
): Promise<Map<string, 'created' | 'updated' | 'unchanged'>> {
  if (!rows.length) return new Map();
  const payload = rows.map((r) => ({
    id: r.doc.id,
    name: r.doc.name,
    kind: r.doc.kind,
    country: r.doc.country,
    region: r.doc.region ?? null,
    population: r.doc.population ?? null,
    languages: r.languages,
    languages_detected: r.languagesDetected,
    programmes: r.doc.programmes ?? [],
    role: r.doc.role,
    description: r.doc.description,
    needs: r.doc.needs ?? null,
    offers: r.doc.offers ?? null,
    themes: r.themes,
    themes_inferred: r.themesInferred,
    budget_eur: r.doc.budget_eur ?? null,
    capacity: r.doc.capacity ?? null,
    contact: r.doc.contact ?? null,
    document: r.doc,
    content_hash: r.contentHash,
    source: r.source,
    search_terms: r.searchTerms,
    embedder: r.embedder,
    embedding: vectorLiteral(r.embedding),
    needs_embedding: vectorLiteral(r.needsEmbedding),
    offers_embedding: vectorLiteral(r.offersEmbedding),
  }));
  const arr = (col: SqlFragment) => sql`ARRAY(SELECT jsonb_array_elements_text(${col}))`;
  const result = await q.query<{ id: string; inserted: boolean }>(sql`
    INSERT INTO profiles (id, name, kind, country, region, population, languages, languages_detected,
      programmes, role, description, needs, offers, themes, themes_inferred, budget_eur, capacity, contact,
      document, content_hash, source, search_terms, embedder, embedding, needs_embedding, offers_embedding)
    SELECT r.id, r.name, r.kind, r.country, r.region, r.population, ${arr(sql`r.languages`)},
      r.languages_detected, ${arr(sql`r.programmes`)}, r.role, r.description, r.needs, r.offers,
      ${arr(sql`r.themes`)}, r.themes_inferred, r.budget_eur, r.capacity, r.contact, r.document,
      r.content_hash, r.source, r.search_terms, r.embedder, r.embedding::vector, r.needs_embedding::vector,
      r.offers_embedding::vector
    FROM jsonb_to_recordset(${JSON.stringify(payload)}::text::jsonb) AS r(
      id text, name text, kind text, country text, region text, population bigint, languages jsonb,
      languages_detected boolean, programmes jsonb, role text, description text, needs text, offers text,
      themes jsonb, themes_inferred boolean, budget_eur double precision, capacity integer, contact jsonb,
      document jsonb, content_hash text, source text, search_terms text, embedder text, embedding text,
      needs_embedding text, offers_embedding text)
    ON CONFLICT (id) DO UPDATE SET
      name = EXCLUDED.name, kind = EXCLUDED.kind, country = EXCLUDED.country, region = EXCLUDED.region,
      population = EXCLUDED.population, languages = EXCLUDED.languages,
      languages_detected = EXCLUDED.languages_detected, programmes = EXCLUDED.programmes,
      role = EXCLUDED.role, description = EXCLUDED.description, needs = EXCLUDED.needs,
      offers = EXCLUDED.offers, themes = EXCLUDED.themes, themes_inferred = EXCLUDED.themes_inferred,
      budget_eur = EXCLUDED.budget_eur, capacity = EXCLUDED.capacity, contact = EXCLUDED.contact,
      document = EXCLUDED.document, content_hash = EXCLUDED.content_hash, source = EXCLUDED.source,
      search_terms = EXCLUDED.search_terms, embedder = EXCLUDED.embedder, embedding = EXCLUDED.embedding,
      needs_embedding = EXCLUDED.needs_embedding, offers_embedding = EXCLUDED.offers_embedding,
      version = profiles.version + 1, updated_at = now()
    WHERE profiles.content_hash IS DISTINCT FROM EXCLUDED.content_hash
       OR profiles.embedder IS DISTINCT FROM EXCLUDED.embedder
    RETURNING id, (xmax = 0) AS inserted`);
  const out = new Map<string, 'created' | 'updated' | 'unchanged'>(rows.map((r) => [r.doc.id, 'unchanged']));
  for (const r of result) out.set(r.id, r.inserted ? 'created' : 'updated');
  return out;
}

const PROFILE_COLUMNS = sql`p.id, p.document, p.languages, p.languages_detected, p.themes, p.themes_inferred,
  p.source, p.version, p.created_at, p.updated_at`;

/** One profile by id, or undefined. */
export async function getProfile(q: Queryable, id: string): Promise<StoredProfile | undefined> {
  const [row] = await q.query<StoredProfile>(
    sql`SELECT ${PROFILE_COLUMNS} FROM profiles p WHERE p.id = ${id}`,
  );
  return row;
}

/** Deletes one profile; true when it existed. */
export async function deleteProfile(q: Queryable, id: string): Promise<boolean> {
  const rows = await q.query(sql`DELETE FROM profiles WHERE id = ${id} RETURNING id`);
  return rows.length > 0;
}

/** A page of profiles in id order after `after`, matching the filters. */
export async function listProfiles(
  q: Queryable,
  filters: ProfileFilters,
  page: { after?: string | undefined; limit: number },
): Promise<StoredProfile[]> {
  const after = page.after !== undefined ? sql` AND p.id > ${page.after}` : empty;
  return q.query<StoredProfile>(sql`
    SELECT ${PROFILE_COLUMNS} FROM profiles p
    WHERE ${filterConditions(filters)}${after}
    ORDER BY p.id LIMIT ${page.limit}`);
}

/** Number of stored profiles. */
export async function countProfiles(q: Queryable): Promise<number> {
  const [row] = await q.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM profiles`);
  return row?.n ?? 0;
}

/** Rewrites the derived fields and vectors of one profile, keeping its document, version and dates. */
export async function updateDerived(q: Queryable, r: ProfileRow): Promise<void> {
  await q.query(sql`
    UPDATE profiles SET languages = ${r.languages}::text[], languages_detected = ${r.languagesDetected},
      themes = ${r.themes}::text[], themes_inferred = ${r.themesInferred}, search_terms = ${r.searchTerms},
      embedder = ${r.embedder}, embedding = ${vectorLiteral(r.embedding)}::vector,
      needs_embedding = ${vectorLiteral(r.needsEmbedding)}::vector,
      offers_embedding = ${vectorLiteral(r.offersEmbedding)}::vector,
      content_hash = ${r.contentHash}
    WHERE id = ${r.doc.id}`);
}

/** Document frequency of every stem and the corpus size and mean length, for BM25. */
export async function termStatistics(
  q: Queryable,
): Promise<{ df: Map<string, number>; docs: number; avgLength: number }> {
  // ts_stat takes its query as text; this one is a constant, never built from input.
  const words = await q.query<{ word: string; ndoc: number }>(
    sql`SELECT word, ndoc::int AS ndoc FROM ts_stat('SELECT search FROM profiles')`,
  );
  const [agg] = await q.query<{ docs: number; avg: number | null }>(
    sql`SELECT count(*)::int AS docs, avg(cardinality(string_to_array(search_terms, ' ')))::float8 AS avg FROM profiles`,
  );
  return { df: new Map(words.map((w) => [w.word, w.ndoc])), docs: agg?.docs ?? 0, avgLength: agg?.avg ?? 0 };
}

/**
 * Refreshes planner statistics. PGlite runs no autovacuum, so without this the planner never learns
 * the table grew and keeps choosing sequential scans over the vector index.
 */
export async function analyzeProfiles(q: Queryable): Promise<void> {
  await q.exec('ANALYZE profiles');
}
