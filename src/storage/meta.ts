import type { Queryable } from './database.js';
import { sql } from './sql.js';

/** Reads one service setting recorded in the database (embedder in use, seeding done ...). */
export async function getMeta<T>(q: Queryable, key: string): Promise<T | undefined> {
  const [row] = await q.query<{ value: T }>(sql`SELECT value FROM service_meta WHERE key = ${key}`);
  return row?.value;
}

/** Records one service setting. */
export async function setMeta(q: Queryable, key: string, value: unknown): Promise<void> {
  await q.query(sql`
    INSERT INTO service_meta (key, value) VALUES (${key}, ${JSON.stringify(value)}::text::jsonb)
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`);
}
