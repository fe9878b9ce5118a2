import type { Queryable } from './database.js';
import { sql } from './sql.js';

/** A web session as stored: the hash of its id, whose token it acts for, and its CSRF token. */
export interface SessionRow {
  id_hash: string;
  token_id: string;
  csrf: string;
  created_at: Date;
  expires_at: Date;
}

/** Stores a new session. */
export async function insertSession(
  q: Queryable,
  s: { idHash: string; tokenId: string; csrf: string; expiresAt: Date },
): Promise<void> {
  await q.query(sql`INSERT INTO web_sessions (id_hash, token_id, csrf, expires_at)
    VALUES (${s.idHash}, ${s.tokenId}, ${s.csrf}, ${s.expiresAt.toISOString()}::timestamptz)`);
}

/** The unexpired session with this id hash, or undefined. */
export async function findSession(q: Queryable, idHash: string): Promise<SessionRow | undefined> {
  const [row] = await q.query<SessionRow>(sql`
    SELECT id_hash, token_id, csrf, created_at, expires_at FROM web_sessions
    WHERE id_hash = ${idHash} AND expires_at > now()`);
  return row;
}

/** Deletes one session (sign-out, or a session whose token was revoked). */
export async function deleteSession(q: Queryable, idHash: string): Promise<void> {
  await q.query(sql`DELETE FROM web_sessions WHERE id_hash = ${idHash}`);
}

/** Deletes expired sessions; returns how many. */
export async function deleteExpiredSessions(q: Queryable): Promise<number> {
  const rows = await q.query(sql`DELETE FROM web_sessions WHERE expires_at <= now() RETURNING id_hash`);
  return rows.length;
}
