import { existsSync, openAsBlob } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { loadConfig } from '../env.js';
import { CliError, runMain } from './main.js';
import { fileArgs, listArchive, runPgTool } from './pg-tools.js';
import type { Database, DatabaseError } from '../storage/database.js';
import { appliedMigrations, checkVectorExtension, readMigrations } from '../storage/migrate.js';
import { openPglite } from '../storage/pglite.js';
import { describeServer, openPostgres } from '../storage/postgres.js';
import { countProfiles } from '../storage/profiles.js';

// SQLSTATE for a missing table.
const UNDEFINED_TABLE = '42P01';

const USAGE = `Usage: npm run restore -- [--force] FILE

  Embedded database (DATABASE_URL unset): unpacks a backup made by npm run backup (.tar.gz) into
  DATA_DIR. A DATA_DIR that is not empty is refused unless --force; with --force it is moved aside to
  DATA_DIR.bak-<time> (never deleted).
  PostgreSQL server (DATABASE_URL set): runs pg_restore --clean --if-exists --no-owner in one
  transaction (Debian package postgresql-client). It replaces the service's tables, so --force is required.

Stop the server first: never restore into a DATA_DIR or database that a running server uses.
`;

/**
 * `npm run restore -- FILE`: puts a backup from `npm run backup` back, checks that the result opens
 * as this service's database, and says how many profiles it holds. Exit 0 restored, 1 failed, 2 usage.
 */
async function main(): Promise<number> {
  const args = fileArgs(USAGE);
  if (!args) return 2;
  const { file, force } = args;
  const config = loadConfig();
  const kind = await archiveKind(file);
  if (config.databaseUrl) {
    if (kind !== 'pg_dump')
      throw new CliError(
        `${file} is not a pg_dump custom-format archive${kind === 'gzip' ? ' but an embedded backup (.tar.gz): unset DATABASE_URL to restore it into DATA_DIR' : ''}`,
        2,
      );
    if (!force)
      throw new CliError(
        `Restoring replaces the service's tables in ${describeServer(config.databaseUrl)}; add --force to go ahead`,
        2,
      );
    await restoreServer(config.databaseUrl, file);
  } else {
    if (kind !== 'gzip')
      throw new CliError(
        `${file} is not a backup of the embedded database (.tar.gz)${kind === 'pg_dump' ? ' but a pg_dump archive: set DATABASE_URL to restore it into a server' : ''}`,
        2,
      );
    await restoreEmbedded(config.dataDir, file, force);
  }
  return 0;
}

/** Tells the two backup formats apart by their first bytes, so a wrong file is refused before anything changes. */
async function archiveKind(file: string): Promise<'gzip' | 'pg_dump' | 'unknown'> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    throw new CliError(`Cannot read ${file}: ${(err as Error).message}`, 2);
  }
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(5), 0, 5, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
    if (head.toString('latin1') === 'PGDMP') return 'pg_dump';
    return 'unknown';
  } finally {
    await handle.close();
  }
}

/** Refuses a directory that a PGlite process has open (or that one left behind when it was killed). */
function assertNotOpen(dataDir: string): void {
  // PGlite writes postmaster.pid with a fake pid (-42), so liveness cannot be checked: the file's
  // presence is the only sign, and moving a directory a server still writes to would lose its writes.
  if (existsSync(path.join(dataDir, 'postmaster.pid')))
    throw new CliError(
      `${dataDir} is in use: ${path.join(dataDir, 'postmaster.pid')} exists. Stop the server that uses ` +
        `this DATA_DIR first. If none is running (it was killed or crashed), delete that file and run this again.`,
      2,
    );
}

/**
 * Unpacks into a new sibling directory and checks it there, and only then swaps it in: a damaged or
 * foreign archive is refused while DATA_DIR is still untouched.
 */
async function restoreEmbedded(dataDir: string, file: string, force: boolean): Promise<void> {
  const entries = existsSync(dataDir) ? await readdir(dataDir) : undefined;
  if (entries?.length) {
    if (!force)
      throw new CliError(
        `${dataDir} is not empty; add --force to move it aside to ${dataDir}.bak-<time> and restore into a fresh directory`,
        2,
      );
    assertNotOpen(dataDir);
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const staging = `${dataDir}.restore-${stamp}`;
  await mkdir(path.dirname(staging), { recursive: true });
  // Not recursive: fails if the name exists, so the clean-up below only ever removes our own directory.
  await mkdir(staging);
  let summary: { profiles: number; note: string };
  try {
    process.stderr.write(`unpacking ${file} ...\n`);
    try {
      const pg = new PGlite(staging, { extensions: { vector }, loadDataDir: await openAsBlob(file) });
      await pg.waitReady;
      await pg.close();
    } catch (err) {
      throw new CliError(`${file} does not open as a database: ${(err as Error).message}`, 1);
    }
    process.stderr.write('checking migrations and profiles ...\n');
    const db = await openPglite(staging);
    try {
      summary = await verify(db);
    } finally {
      await db.close();
    }
  } catch (err) {
    // Only the directory made above is removed; nothing that existed before is touched.
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  let movedTo: string | undefined;
  if (entries?.length) {
    movedTo = `${dataDir}.bak-${stamp}`;
    await rename(dataDir, movedTo);
  } else if (entries) await rmdir(dataDir);
  try {
    await rename(staging, dataDir);
  } catch (err) {
    if (movedTo) await rename(movedTo, dataDir);
    throw err;
  }
  process.stdout.write(
    `restored ${summary.profiles} profiles into ${dataDir}${summary.note}` +
      (movedTo ? `; the previous directory is at ${movedTo}` : '') +
      '\n',
  );
}

/** TOC entries of the pgvector extension itself: `EXTENSION - vector` and its comment. */
const EXTENSION_ENTRY = /^\d+; \d+ \d+ (EXTENSION|COMMENT - EXTENSION) /;

async function restoreServer(url: string, file: string): Promise<void> {
  // The archive names the extension, but dropping or creating an extension needs its owner, usually
  // a superuser, and the service's own role rarely is one (managed servers never make it one). So
  // the extension is left out of the restore and only checked for here, as at start-up.
  const toc = await listArchive(file);
  const db = await openPostgres(url, { max: 1 });
  try {
    await checkVectorExtension(db);
  } finally {
    await db.close();
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'partnarsok-restore-'));
  try {
    const list = path.join(dir, 'toc.list');
    await writeFile(
      list,
      toc
        .split('\n')
        .filter((line) => !EXTENSION_ENTRY.test(line))
        .join('\n'),
    );
    process.stderr.write(`running pg_restore into ${describeServer(url)} ...\n`);
    // One transaction and stop at the first error: a failed restore leaves the database as it was.
    const code = await runPgTool(
      'pg_restore',
      [
        '--clean',
        '--if-exists',
        '--no-owner',
        '--single-transaction',
        '--exit-on-error',
        '--use-list',
        list,
        file,
      ],
      url,
    );
    if (code !== 0) throw new CliError(`pg_restore failed (exit code ${code}); its message is above`, 1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const check = await openPostgres(url, { max: 1 });
  try {
    const { profiles, note } = await verify(check);
    process.stdout.write(`restored ${profiles} profiles into ${describeServer(url)}${note}\n`);
  } finally {
    await check.close();
  }
}

/**
 * Checks that the restored database is this service's, by its migration record, and counts its
 * profiles. A backup from an older version is fine (the next start applies what is missing); one
 * from a newer version is refused, because this version does not know its schema.
 */
async function verify(db: Database): Promise<{ profiles: number; note: string }> {
  let applied: number[];
  try {
    applied = await appliedMigrations(db);
  } catch (err) {
    if ((err as DatabaseError).code === UNDEFINED_TABLE)
      throw new CliError('The backup is not a Partnarsøk database: it has no schema_migrations table', 1);
    throw err;
  }
  const known = (await readMigrations()).map((m) => m.version);
  const unknown = applied.filter((v) => !known.includes(v));
  if (unknown.length)
    throw new CliError(
      `The backup was made by a newer version (migrations ${unknown.join(', ')} are unknown here); restore it with that version`,
      1,
    );
  const pending = known.filter((v) => !applied.includes(v));
  const profiles = await countProfiles(db);
  return {
    profiles,
    note: pending.length ? ` (migrations ${pending.join(', ')} will be applied at the next start)` : '',
  };
}

runMain(main);
