import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/env.js';
import { createLogger } from '../../src/logger.js';
import { startRuntime } from '../../src/runtime.js';
import { countProfiles, getProfile } from '../../src/storage/profiles.js';
import { root, runCli, tsxCli } from '../helpers/cli.js';

const run = runCli;

const log = createLogger('silent');
// Seeding only on the first start: a restore that lost the data must not be hidden by a re-seed.
const runtimeConfig = (dataDir: string, seed = false) =>
  loadConfig({ DATA_DIR: dataDir, SEED: String(seed), EMBEDDER: 'offline', LOG_LEVEL: 'silent' });

/** Every file under a directory with its content hash: equal digests mean nothing was changed. */
async function digest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  for (const f of files) hash.update(path.relative(dir, f)).update(await readFile(f));
  return hash.digest('hex');
}

/** A profile only the backup holds (not in the seed data), with every Polish diacritic. */
const POLISH = {
  id: 'pl-test-zazolc',
  name: 'Gmina Zażółć Gęślą Jaźń – Łódź',
  kind: 'municipality',
  role: 'partner',
  country: 'PL',
  region: 'Świętokrzyskie',
  languages: ['pl', 'en'],
  description: 'Gmina rozwija teleopiekę i opaski bezpieczeństwa dla seniorów mieszkających samotnie.',
  needs: 'Szukamy partnera z doświadczeniem w technologiach wspierających opiekę domową.',
};

describe('npm run backup / npm run restore (embedded database)', () => {
  let work: string;
  let dataDir: string;
  let archive: string;
  // For the refusals, which happen before an archive is unpacked: no test depends on another's backup.
  let gzipArchive: string;
  let seeded: number;
  let original: unknown;

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'backup-'));
    dataDir = path.join(work, 'db');
    archive = path.join(work, 'partnarsok.tar.gz');
    gzipArchive = path.join(work, 'other.tar.gz');
    await writeFile(gzipArchive, Buffer.from([0x1f, 0x8b, 0x08, 0x00]));
    const rt = await startRuntime(runtimeConfig(dataDir, true), log);
    await rt.profiles.upsert(POLISH);
    seeded = await countProfiles(rt.db);
    original = (await getProfile(rt.db, POLISH.id))?.document;
    await rt.close();
  });

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('backs up, and restores with --force over changed data: same count, same document, old directory kept', async () => {
    expect(seeded).toBeGreaterThan(100);
    expect(original).toEqual(POLISH);

    const backup = run('src/cli/backup.ts', [archive], { DATA_DIR: dataDir });
    expect(backup.err).not.toMatch(/Error:/);
    expect(backup.out).toContain(`backed up ${seeded} profiles from ${dataDir} to ${archive}`);
    expect(backup.code).toBe(0);
    expect((await readFile(archive)).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);

    // A second backup to the same name is refused: it may be the only good copy.
    const again = run('src/cli/backup.ts', [archive], { DATA_DIR: dataDir });
    expect(again.code).toBe(2);
    expect(again.err).toContain('--force');

    // Lose data after the backup.
    const rt = await startRuntime(runtimeConfig(dataDir), log);
    await rt.profiles.delete(POLISH.id);
    expect(await countProfiles(rt.db)).toBe(seeded - 1);
    await rt.close();

    const restore = run('src/cli/restore.ts', ['--force', archive], { DATA_DIR: dataDir });
    expect(restore.err).not.toMatch(/Error:/);
    expect(restore.out).toContain(`restored ${seeded} profiles into ${dataDir}`);
    expect(restore.code).toBe(0);

    // The replaced directory is kept beside it, still holding the changed data.
    const siblings = await readdir(work);
    const bak = siblings.filter((n) => n.startsWith('db.bak-'));
    expect(bak).toHaveLength(1);
    expect(restore.out).toContain(path.join(work, bak[0]!));
    expect(siblings.filter((n) => n.startsWith('db.restore-'))).toEqual([]);

    const back = await startRuntime(runtimeConfig(dataDir), log);
    try {
      expect(await countProfiles(back.db)).toBe(seeded);
      expect((await getProfile(back.db, POLISH.id))?.document).toEqual(POLISH);
      // The restored database serves matches: vectors and indexes came back too.
      const res = await back.matching.match({ text: 'teleopieka dla seniorów', limit: 3 });
      expect(res.results).toHaveLength(3);
    } finally {
      await back.close();
    }
    const old = await startRuntime(runtimeConfig(path.join(work, bak[0]!)), log);
    try {
      expect(await countProfiles(old.db)).toBe(seeded - 1);
    } finally {
      await old.close();
    }
  });

  it('refuses a non-empty DATA_DIR without --force and changes nothing', async () => {
    const before = await digest(dataDir);
    const siblings = await readdir(work);
    const r = run('src/cli/restore.ts', [gzipArchive], { DATA_DIR: dataDir });
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${dataDir} is not empty; add --force`);
    expect(r.out).toBe('');
    expect(await digest(dataDir)).toBe(before);
    expect(await readdir(work)).toEqual(siblings);
  });

  it('fails on a damaged archive with --force, leaving DATA_DIR where and as it was', async () => {
    const before = await digest(dataDir);
    const siblings = await readdir(work);
    const r = run('src/cli/restore.ts', ['--force', gzipArchive], { DATA_DIR: dataDir });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${gzipArchive} does not open as a database`);
    expect(await digest(dataDir)).toBe(before);
    expect(await readdir(work)).toEqual(siblings);
  });

  it('refuses a DATA_DIR that a server holds open, even with --force', async () => {
    const busy = path.join(work, 'busy');
    await mkdir(busy);
    await writeFile(path.join(busy, 'PG_VERSION'), '17\n');
    await writeFile(path.join(busy, 'postmaster.pid'), '-42\n');
    const before = await readdir(work);
    for (const [script, args] of [
      ['src/cli/restore.ts', ['--force', gzipArchive]],
      ['src/cli/backup.ts', [path.join(work, 'busy.tar.gz')]],
    ] as const) {
      const r = run(script, [...args], { DATA_DIR: busy });
      expect(r.code, script).toBe(2);
      expect(r.err, script).toContain('postmaster.pid exists. Stop the server');
    }
    expect(await readdir(work)).toEqual(before);
    expect(await readdir(busy)).toEqual(['PG_VERSION', 'postmaster.pid']);
  });

  it('refuses a file that is not an embedded backup, and a restore into a missing file', async () => {
    const fake = path.join(work, 'dump.pgdump');
    await writeFile(fake, 'PGDMP\x01\x0e\x00');
    const fresh = path.join(work, 'fresh');
    const r = run('src/cli/restore.ts', [fake], { DATA_DIR: fresh });
    expect(r.code).toBe(2);
    expect(r.err).toContain('a pg_dump archive: set DATABASE_URL');
    const missing = run('src/cli/restore.ts', [path.join(work, 'nope.tar.gz')], { DATA_DIR: fresh });
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('Cannot read');
    expect(existsSync(fresh)).toBe(false);
  });
});

describe('npm run backup / npm run restore (PostgreSQL server)', () => {
  const password = 's3cret-Pa55word';
  const url = `postgres://partnarsok:${password}@127.0.0.1:9/partnarsok`;

  it('names the Debian package when pg_dump or pg_restore is missing, and never prints the password', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'backup-pg-'));
    const emptyPath = path.join(work, 'bin');
    await mkdir(emptyPath);
    const dump = path.join(work, 'db.pgdump');
    const b = run('src/cli/backup.ts', [dump], { DATABASE_URL: url, PATH: emptyPath });
    expect(b.code).toBe(2);
    expect(b.err).toContain('pg_dump was not found on PATH');
    expect(b.err).toContain('postgresql-client');
    expect(b.err + b.out).not.toContain(password);
    expect(await readdir(work)).toEqual(['bin']);

    await writeFile(dump, 'PGDMP\x01\x0e\x00');
    const refused = run('src/cli/restore.ts', [dump], { DATABASE_URL: url, PATH: emptyPath });
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('add --force');

    const r = run('src/cli/restore.ts', ['--force', dump], { DATABASE_URL: url, PATH: emptyPath });
    expect(r.code).toBe(2);
    expect(r.err).toContain('pg_restore was not found on PATH');
    expect(r.err).toContain('postgresql-client');
    expect(r.err + r.out + refused.err).not.toContain(password);
    // The password file is removed again.
    expect((await readdir(os.tmpdir())).filter((n) => n.startsWith('partnarsok-pgpass-'))).toEqual([]);
    await rm(work, { recursive: true, force: true });
  });

  // pg_dump is installed here (postgresql-client 15) but there is no server with pgvector; a fake
  // server that asks for a cleartext password shows what pg_dump sends, without any database.
  it.skipIf(spawnSync('pg_dump', ['--version']).status !== 0)(
    'hands pg_dump the password through a private pgpass file, not the command line',
    async () => {
      const seen: string[] = [];
      const server = net.createServer((sock) => {
        let buf = Buffer.alloc(0);
        let started = false;
        sock.on('error', () => {});
        sock.on('data', (d) => {
          buf = Buffer.concat([buf, d]);
          while (!started && buf.length >= 8 && buf.length >= buf.readInt32BE(0)) {
            const code = buf.readInt32BE(4);
            buf = buf.subarray(buf.readInt32BE(0));
            if (code === 80877103 || code === 80877104)
              sock.write('N'); // no SSL, no GSS
            else {
              started = true;
              sock.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3])); // AuthenticationCleartextPassword
            }
          }
          if (started && buf.length >= 5 && buf.length >= buf.readInt32BE(1) + 1 && buf[0] === 0x70) {
            seen.push(buf.subarray(5, buf.readInt32BE(1)).toString('utf8'));
            sock.end();
          }
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as net.AddressInfo;
      const tricky = 'p:w\\x%ø';
      const work = await mkdtemp(path.join(os.tmpdir(), 'backup-pw-'));
      // spawnSync would block the fake server's event loop; run the CLI asynchronously.
      const child = spawn(
        process.execPath,
        [tsxCli, path.join(root, 'src/cli/backup.ts'), path.join(work, 'x')],
        {
          cwd: root,
          env: {
            PATH: process.env.PATH,
            TMPDIR: os.tmpdir(),
            DATABASE_URL: `postgres://u:${encodeURIComponent(tricky)}@127.0.0.1:${port}/x`,
          },
        },
      );
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += String(d)));
      child.stderr.on('data', (d: Buffer) => (output += String(d)));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      server.close();
      expect(code).toBe(1);
      expect(output).toContain('pg_dump failed');
      expect(seen[0]).toBe(tricky);
      expect(output).not.toContain('p:w');
      expect(await readdir(work)).toEqual([]);
      await rm(work, { recursive: true, force: true });
    },
  );

  it('explains its usage, including not to run against a directory a server holds', () => {
    for (const script of ['src/cli/backup.ts', 'src/cli/restore.ts']) {
      const r = run(script, [], {});
      expect(r.code, script).toBe(2);
      expect(r.err, script).toMatch(/Usage: npm run (backup|restore) -- \[--force\] FILE/);
      expect(r.err, script).toMatch(/Stop the server first/);
    }
  });
});
