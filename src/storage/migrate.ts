import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from './sql.js';
import type { Database } from './database.js';

/** Where the numbered migration files live (`sql/` at the project root). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../sql/', import.meta.url));

/** One migration file: `NNN_name.sql`. */
export interface Migration {
  version: number;
  name: string;
  script: string;
  checksum: string;
}

/** Reads the migration files in order; names must be `NNN_description.sql` with unique numbers. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const m = /^(\d+)_([\w-]+)\.sql$/.exec(file);
    if (!m) throw new Error(`Migration file ${file} must be named NNN_description.sql`);
    const script = await readFile(path.join(dir, file), 'utf8');
    migrations.push({
      version: Number(m[1]),
      name: m[2]!,
      script,
      checksum: createHash('sha256').update(script).digest('hex'),
    });
  }
  const versions = new Set(migrations.map((m) => m.version));
  if (versions.size !== migrations.length) throw new Error('Two migration files share a number');
  return migrations;
}

// Arbitrary constant: serialises migrations when several instances start against one server.
const MIGRATION_LOCK = 4_711_2026;

/**
 * Applies pending migrations, each in its own transaction, and records them in `schema_migrations`.
 * Applied migrations are never re-run; an applied file whose content changed is refused, because
 * migrations are forward-only and a silent edit would leave servers with different schemas.
 */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<{ applied: number[] }> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const migrations = await readMigrations(dir);
  const applied: number[] = [];
  for (const m of migrations) {
    await db.transaction(async (tx) => {
      await tx.query(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      const [done] = await tx.query<{ checksum: string }>(
        sql`SELECT checksum FROM schema_migrations WHERE version = ${m.version}`,
      );
      if (done) {
        if (done.checksum !== m.checksum)
          throw new Error(
            `Migration ${m.version}_${m.name}.sql was changed after it was applied; add a new migration instead`,
          );
        return;
      }
      await tx.exec(m.script);
      await tx.query(
        sql`INSERT INTO schema_migrations (version, name, checksum) VALUES (${m.version}, ${m.name}, ${m.checksum})`,
      );
      applied.push(m.version);
    });
  }
  return { applied };
}

/** The versions recorded as applied, for health checks. */
export async function appliedMigrations(db: Database): Promise<number[]> {
  const rows = await db.query<{ version: number }>(
    sql`SELECT version FROM schema_migrations ORDER BY version`,
  );
  return rows.map((r) => r.version);
}
