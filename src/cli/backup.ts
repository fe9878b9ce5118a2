import { existsSync } from 'node:fs';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { loadConfig } from '../env.js';
import { CliError, runMain } from './main.js';
import { fileArgs, runPgTool } from './pg-tools.js';
import { describeServer } from '../storage/postgres.js';

const USAGE = `Usage: npm run backup -- [--force] FILE

  Embedded database (DATABASE_URL unset): writes DATA_DIR as a gzipped tar archive (FILE.tar.gz).
  PostgreSQL server (DATABASE_URL set): runs pg_dump --format=custom (Debian package postgresql-client).

  --force   overwrite FILE if it already exists

Stop the server first when it uses the same DATA_DIR: PGlite allows one process per directory, and
opening a directory that a running server holds can damage it. Restore with: npm run restore -- FILE
`;

/**
 * `npm run backup -- FILE`: a consistent copy of the configured database, so a crash, a bad import
 * or a lost disk can be undone with `npm run restore`. Exit 0 written, 1 failed, 2 usage error.
 */
async function main(): Promise<number> {
  const args = fileArgs(USAGE);
  if (!args) return 2;
  const { file, force } = args;
  const config = loadConfig();
  // Refused before any work: an old backup may be the only good copy there is.
  if (existsSync(file) && !force)
    throw new CliError(`${file} already exists; choose another name or add --force to overwrite it`, 2);
  if (config.databaseUrl) await backupServer(config.databaseUrl, file);
  else await backupEmbedded(config.dataDir, file);
  return 0;
}

/** Refuses a directory that a PGlite process has open (or that one left behind when it was killed). */
function assertNotOpen(dataDir: string): void {
  // PGlite writes postmaster.pid with a fake pid (-42), so liveness cannot be checked: the file's
  // presence is the only sign, and a second process on the same files would corrupt them.
  if (existsSync(path.join(dataDir, 'postmaster.pid')))
    throw new CliError(
      `${dataDir} is in use: ${path.join(dataDir, 'postmaster.pid')} exists. Stop the server that uses ` +
        `this DATA_DIR first. If none is running (it was killed or crashed), delete that file and run this again.`,
      2,
    );
}

async function backupEmbedded(dataDir: string, file: string): Promise<void> {
  // Without this check PGlite would quietly create an empty database and we would back that up.
  if (!existsSync(path.join(dataDir, 'PG_VERSION')))
    throw new CliError(`${dataDir} holds no database (no PG_VERSION file); check DATA_DIR`, 2);
  assertNotOpen(dataDir);
  process.stderr.write(`opening ${dataDir} ...\n`);
  const pg = new PGlite(dataDir, { extensions: { vector } });
  let profiles: number | undefined;
  let bytes: number;
  try {
    await pg.waitReady;
    // Writes every change from the WAL into the data files, so the archive opens without replay.
    await pg.exec('CHECKPOINT');
    const [reg] = (await pg.query<{ t: string | null }>(`SELECT to_regclass('profiles')::text AS t`)).rows;
    if (reg?.t)
      profiles = (await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM profiles')).rows[0]?.n;
    process.stderr.write(`writing ${file} ...\n`);
    const archive = await pg.dumpDataDir('gzip');
    const data = new Uint8Array(await archive.arrayBuffer());
    bytes = data.byteLength;
    await writeAtomically(file, (tmp) => writeFile(tmp, data));
  } finally {
    await pg.close();
  }
  process.stdout.write(
    `backed up ${profiles ?? 'no'} profiles from ${dataDir} to ${file} (${megabytes(bytes)})\n`,
  );
}

async function backupServer(url: string, file: string): Promise<void> {
  process.stderr.write(`running pg_dump on ${describeServer(url)} ...\n`);
  await writeAtomically(file, async (tmp) => {
    const code = await runPgTool('pg_dump', ['--format=custom', '--no-owner', '--file', tmp], url);
    if (code !== 0) throw new CliError(`pg_dump failed (exit code ${code}); its message is above`, 1);
  });
  const { size } = await stat(file);
  process.stdout.write(`backed up ${describeServer(url)} to ${file} (${megabytes(size)})\n`);
}

/** Writes to a temporary name and renames, so FILE is never a half-written archive. */
async function writeAtomically(file: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${file}.partial-${process.pid}`;
  try {
    await write(tmp);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

runMain(main);
