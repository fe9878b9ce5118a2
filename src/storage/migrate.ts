import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from './sql.js';
import { DatabaseSetupError, type Database } from './database.js';

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
  if (db.backend === 'postgres') await checkVectorExtension(db);
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

/** The oldest pgvector with iterative index scans, which filtered nearest-neighbour search relies on. */
const MIN_PGVECTOR = [0, 8];

/**
 * Checks, before any migration runs, that a PostgreSQL server can give this database pgvector 0.8+,
 * and installs it when this user may. The service's role is rarely a superuser, so when it may not,
 * the message names the statement an administrator has to run instead of a bare "permission denied".
 */
export async function checkVectorExtension(db: Database): Promise<void> {
  const [row] = await db.query<{
    available: string | null;
    installed: string | null;
    database: string;
    user: string;
  }>(
    sql`SELECT (SELECT default_version FROM pg_available_extensions WHERE name = 'vector') AS available,
               (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS installed,
               current_database() AS database, current_user AS "user"`,
  );
  if (!row?.available)
    throw new DatabaseSetupError(
      'The PostgreSQL server has no pgvector extension. Install pgvector 0.8 or newer on the server ' +
        '(Debian/Ubuntu: the postgresql-<major>-pgvector package from apt.postgresql.org; managed services ' +
        'list it among their extensions), then try again.',
    );
  let installed = row.installed;
  if (!installed) {
    try {
      await db.exec('CREATE EXTENSION IF NOT EXISTS vector');
    } catch (err) {
      throw new DatabaseSetupError(
        `pgvector is on the server but not installed in database ${row.database}, and user ${row.user} may ` +
          `not install it (${(err as Error).message}). Have an administrator run CREATE EXTENSION vector; ` +
          'in that database, then try again.',
      );
    }
    installed = row.available;
  }
  const [major = 0, minor = 0] = installed.split('.').map(Number);
  if (major < MIN_PGVECTOR[0]! || (major === MIN_PGVECTOR[0] && minor < MIN_PGVECTOR[1]!))
    throw new DatabaseSetupError(
      `Database ${row.database} has pgvector ${installed}; Partnarsøk needs ${MIN_PGVECTOR.join('.')} or newer ` +
        '(filtered nearest-neighbour search). Install the newer package on the server and run ' +
        'ALTER EXTENSION vector UPDATE; in that database, then try again.',
    );
}

/** The versions recorded as applied, for health checks. */
export async function appliedMigrations(db: Database): Promise<number[]> {
  const rows = await db.query<{ version: number }>(
    sql`SELECT version FROM schema_migrations ORDER BY version`,
  );
  return rows.map((r) => r.version);
}
