import type { SuggestionScope } from '../auth/policy.js';
import type { Queryable } from './database.js';
import { empty, join, sql, type SqlFragment } from './sql.js';

/** A suggestion row joined with the names the review queue shows. */
export interface SuggestionRow {
  id: string;
  seeker_id: string;
  seeker_name: string;
  seeker_region: string | null;
  candidate_id: string;
  candidate_name: string;
  candidate_country: string;
  source: 'match' | 'pairing' | 'manual';
  source_ref: string | null;
  state: string;
  score: number;
  explanation: unknown;
  reason: string;
  reject_reason: string | null;
  version: number;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

/** One audit log entry. */
export interface EventRow {
  id: number;
  kind: 'created' | 'transition' | 'comment';
  from_state: string | null;
  to_state: string | null;
  note: string | null;
  actor_token: string;
  actor_name: string;
  actor_role: string;
  version: number;
  at: Date;
}

/** Filters of the review queue. */
export interface SuggestionFilters {
  states?: string[] | undefined;
  regions?: string[] | undefined;
  programme?: string | undefined;
  theme?: string | undefined;
  seekerId?: string | undefined;
  candidateCountries?: string[] | undefined;
}

const SELECT = sql`SELECT s.id, s.seeker_id, sp.name AS seeker_name, sp.region AS seeker_region, s.candidate_id,
  cp.name AS candidate_name, cp.country AS candidate_country, s.source, s.source_ref, s.state, s.score,
  s.explanation, s.reason, s.reject_reason, s.version, s.created_by, s.created_at, s.updated_at
  FROM suggestions s JOIN profiles sp ON sp.id = s.seeker_id JOIN profiles cp ON cp.id = s.candidate_id`;

/** Creates a suggestion, or returns the id of the open one for the same pair. */
export async function insertSuggestion(
  q: Queryable,
  s: {
    id: string;
    seekerId: string;
    candidateId: string;
    source: string;
    sourceRef: string | null;
    score: number;
    explanation: unknown;
    reason: string;
    createdBy: string;
  },
): Promise<{ id: string; created: boolean }> {
  const rows = await q.query<{ id: string }>(sql`
    INSERT INTO suggestions (id, seeker_id, candidate_id, source, source_ref, score, explanation, reason, created_by)
    VALUES (${s.id}, ${s.seekerId}, ${s.candidateId}, ${s.source}, ${s.sourceRef}, ${s.score},
      ${JSON.stringify(s.explanation)}::text::jsonb, ${s.reason}, ${s.createdBy})
    ON CONFLICT (seeker_id, candidate_id) WHERE state IN ('suggested', 'shortlisted', 'contacted') DO NOTHING
    RETURNING id`);
  if (rows[0]) return { id: rows[0].id, created: true };
  const [open] = await q.query<{ id: string }>(sql`
    SELECT id FROM suggestions WHERE seeker_id = ${s.seekerId} AND candidate_id = ${s.candidateId}
      AND state IN ('suggested', 'shortlisted', 'contacted')`);
  return { id: open!.id, created: false };
}

/** One suggestion, or undefined. */
export async function getSuggestion(q: Queryable, id: string): Promise<SuggestionRow | undefined> {
  const [row] = await q.query<SuggestionRow>(sql`${SELECT} WHERE s.id = ${id}`);
  return row;
}

function scopeCondition(scope: SuggestionScope): SqlFragment {
  if ('all' in scope) return sql`TRUE`;
  if ('regions' in scope) return sql`sp.region = ANY(${scope.regions}::text[])`;
  return sql`s.seeker_id = ANY(${scope.seekerIds}::text[])`;
}

/** A page of suggestions the scope allows, newest first, after the cursor id. */
export async function listSuggestions(
  q: Queryable,
  scope: SuggestionScope,
  f: SuggestionFilters,
  page: { before?: string | undefined; limit: number },
): Promise<SuggestionRow[]> {
  const conds: SqlFragment[] = [scopeCondition(scope)];
  if (f.states?.length) conds.push(sql`s.state = ANY(${f.states}::text[])`);
  if (f.regions?.length) conds.push(sql`sp.region = ANY(${f.regions}::text[])`);
  if (f.seekerId) conds.push(sql`s.seeker_id = ${f.seekerId}`);
  if (f.candidateCountries?.length) conds.push(sql`cp.country = ANY(${f.candidateCountries}::text[])`);
  if (f.programme)
    conds.push(sql`s.explanation->'programme'->'shared' @> ${JSON.stringify([f.programme])}::text::jsonb`);
  if (f.theme)
    conds.push(sql`s.explanation->'themes'->'shared' @> ${JSON.stringify([f.theme])}::text::jsonb`);
  const before = page.before ? sql` AND s.id < ${page.before}` : empty;
  return q.query<SuggestionRow>(
    sql`${SELECT} WHERE ${join(conds, sql` AND `)}${before} ORDER BY s.id DESC LIMIT ${page.limit}`,
  );
}

/**
 * Moves a suggestion to a new state if it is still at the version the caller saw. Returns false
 * when another change got there first (the caller answers 409). Row locking makes two concurrent
 * updates of one version give exactly one winner on both backends.
 */
export async function updateState(
  q: Queryable,
  id: string,
  version: number,
  to: string,
  rejectReason: string | null,
): Promise<boolean> {
  const rows = await q.query(sql`
    UPDATE suggestions SET state = ${to}, reject_reason = coalesce(${rejectReason}, reject_reason),
      version = version + 1, updated_at = now()
    WHERE id = ${id} AND version = ${version} RETURNING id`);
  return rows.length > 0;
}

/** Appends an audit log entry. */
export async function insertEvent(
  q: Queryable,
  e: {
    suggestionId: string;
    kind: EventRow['kind'];
    from: string | null;
    to: string | null;
    note: string | null;
    actor: { tokenId: string; name: string; role: string };
    version: number;
  },
): Promise<void> {
  await q.query(sql`
    INSERT INTO suggestion_events (suggestion_id, kind, from_state, to_state, note, actor_token, actor_name, actor_role, version)
    VALUES (${e.suggestionId}, ${e.kind}, ${e.from}, ${e.to}, ${e.note}, ${e.actor.tokenId}, ${e.actor.name}, ${e.actor.role}, ${e.version})`);
}

/** The audit log of one suggestion, oldest first. */
export async function listEvents(q: Queryable, id: string): Promise<EventRow[]> {
  return q.query<EventRow>(sql`
    SELECT id::int AS id, kind, from_state, to_state, note, actor_token, actor_name, actor_role, version, at
    FROM suggestion_events WHERE suggestion_id = ${id} ORDER BY id`);
}

/** Profiles a set of seekers has reached (a suggestion between them contacted or agreed), either way round. */
export async function reachedPartners(q: Queryable, profileIds: string[]): Promise<Set<string>> {
  if (!profileIds.length) return new Set();
  const rows = await q.query<{ other: string }>(sql`
    SELECT CASE WHEN seeker_id = ANY(${profileIds}::text[]) THEN candidate_id ELSE seeker_id END AS other
    FROM suggestions
    WHERE state IN ('contacted', 'agreed')
      AND (seeker_id = ANY(${profileIds}::text[]) OR candidate_id = ANY(${profileIds}::text[]))`);
  return new Set(rows.map((r) => r.other));
}
