import type { Role, Scope } from '../auth/tokens.js';
import type { Queryable } from './database.js';
import { sql } from './sql.js';

/** A stored API token (never the token itself, only its hash). */
export interface TokenRecord {
  id: string;
  name: string;
  role: Role;
  scope: Scope;
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

/** Stores a new token hash. */
export async function insertToken(
  q: Queryable,
  t: { id: string; name: string; role: Role; hash: string; scope: Scope },
): Promise<void> {
  await q.query(sql`INSERT INTO api_tokens (id, name, role, token_hash, scope)
    VALUES (${t.id}, ${t.name}, ${t.role}, ${t.hash}, ${JSON.stringify(t.scope)}::text::jsonb)`);
}

/** The active (not revoked) token with this hash. */
export async function findActiveToken(q: Queryable, hash: string): Promise<TokenRecord | undefined> {
  const [row] = await q.query<TokenRecord>(sql`
    SELECT id, name, role, scope, created_at, revoked_at, last_used_at FROM api_tokens
    WHERE token_hash = ${hash} AND revoked_at IS NULL`);
  return row;
}

/** The active (not revoked) token with this id, for web sessions that keep only the id. */
export async function findActiveTokenById(q: Queryable, id: string): Promise<TokenRecord | undefined> {
  const [row] = await q.query<TokenRecord>(sql`
    SELECT id, name, role, scope, created_at, revoked_at, last_used_at FROM api_tokens
    WHERE id = ${id} AND revoked_at IS NULL`);
  return row;
}

/** Number of tokens that can still be used. */
export async function countActiveTokens(q: Queryable): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM api_tokens WHERE revoked_at IS NULL`,
  );
  return row?.n ?? 0;
}

/** Every token, newest first. */
export async function listTokens(q: Queryable): Promise<TokenRecord[]> {
  return q.query<TokenRecord>(sql`
    SELECT id, name, role, scope, created_at, revoked_at, last_used_at FROM api_tokens ORDER BY created_at DESC, id`);
}

/** Revokes a token; false when no active token has this id. */
export async function revokeToken(q: Queryable, id: string): Promise<boolean> {
  const rows = await q.query(
    sql`UPDATE api_tokens SET revoked_at = now() WHERE id = ${id} AND revoked_at IS NULL RETURNING id`,
  );
  return rows.length > 0;
}
