import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, readdir, rm, stat, truncate } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/env.js';
import { createLogger } from '../../src/logger.js';
import { startRuntime } from '../../src/runtime.js';
import type { Queryable } from '../../src/storage/database.js';
import { sql } from '../../src/storage/sql.js';
import { serverDatabase } from '../helpers/backends.js';
import { runCli } from '../helpers/cli.js';

/*
 * The PostgreSQL-server half of `npm run backup` / `npm run restore`: pg_dump and pg_restore against
 * a real server with pgvector. Runs only under `npm run test:server` (vitest.server.config.ts), which
 * refuses to start without TEST_DATABASE_URL; .ci/run provides PostgreSQL 15 with pgvector.
 */
const base = process.env.TEST_DATABASE_URL!;
const ADMIN = 'server-backup-admin-token-0123';
const log = createLogger('silent');
const run = (script: string, args: string[], databaseUrl: string) =>
  runCli(script, args, { DATABASE_URL: databaseUrl });
const serviceConfig = (url: string, seed: boolean) =>
  loadConfig({
    DATABASE_URL: url,
    ADMIN_TOKEN: ADMIN,
    SEED: String(seed),
    EMBEDDER: 'offline',
    LOG_LEVEL: 'silent',
  });

/**
 * Everything the service stores, read back in a fixed order and hashed: profiles with their vectors,
 * tokens, suggestions with their audit log, pairing runs, migrations and service metadata.
 */
async function snapshot(q: Queryable): Promise<{ hash: string; profiles: number; events: number }> {
  const parts = await Promise.all([
    q.query(sql`SELECT id, document::text, embedding::text, updated_at::text FROM profiles ORDER BY id`),
    q.query(sql`SELECT id, name, role, token_hash, revoked_at::text FROM api_tokens ORDER BY id`),
    q.query(sql`SELECT to_jsonb(s)::text AS row FROM suggestions s ORDER BY id`),
    q.query(sql`SELECT to_jsonb(e)::text AS row FROM suggestion_events e ORDER BY id`),
    q.query(sql`SELECT to_jsonb(r)::text AS row FROM pairing_runs r ORDER BY id`),
    q.query(sql`SELECT version, checksum FROM schema_migrations ORDER BY version`),
    q.query(sql`SELECT key, value::text FROM service_meta ORDER BY key`),
  ]);
  return {
    hash: createHash('sha256').update(JSON.stringify(parts)).digest('hex'),
    profiles: parts[0]!.length,
    events: parts[3]!.length,
  };
}

async function withRuntime<T>(url: string, fn: (rt: Awaited<ReturnType<typeof startRuntime>>) => Promise<T>) {
  const rt = await startRuntime(serviceConfig(url, false), log);
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

describe('npm run backup / npm run restore (PostgreSQL server with pgvector)', () => {
  let work: string;
  let source: Awaited<ReturnType<typeof serverDatabase>>;
  let dump: string;
  let before: Awaited<ReturnType<typeof snapshot>>;
  const opened: Awaited<ReturnType<typeof serverDatabase>>[] = [];

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'backup-server-'));
    dump = path.join(work, 'partnarsok.pgdump');
    source = await serverDatabase(base);
    opened.push(source);
    const config = serviceConfig(source.url, true);
    const rt = await startRuntime(config, log);
    try {
      // Review work as well as profiles: a suggestion with a state change and a note in its audit log.
      const app = createApp({ ...rt, config, logger: log, embedderId: rt.embedder.id });
      const call = (method: string, url: string, body: unknown, headers: Record<string, string> = {}) =>
        app.request(url, {
          method,
          headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
      const created = await call('POST', '/v1/suggestions', {
        seekerId: 'no-4601-bergen',
        candidateId: 'no-4627-askoy',
        source: 'manual',
        note: 'Ta kontakt før jul',
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const noted = await call('POST', `/v1/suggestions/${id}/comments`, { text: 'Ringde dei i dag' });
      expect(noted.status).toBe(200);
      before = await snapshot(rt.db);
    } finally {
      await rt.close();
    }
  });

  afterAll(async () => {
    for (const d of opened) await d.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('runs on a real server with pgvector, not on PGlite', async () => {
    const [row] = await source.db.query<{ v: number; ext: string }>(
      sql`SELECT current_setting('server_version_num')::int AS v,
                 (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS ext`,
    );
    expect(row!.v).toBeGreaterThanOrEqual(150000);
    expect(row!.ext).toMatch(/^0\.(8|9)|^[1-9]/);
    expect(before.profiles).toBeGreaterThan(100);
    expect(before.events).toBeGreaterThanOrEqual(2);
  });

  it('backs up with pg_dump and restores over changed data: every row, vector and audit entry back', async () => {
    const backup = run('src/cli/backup.ts', [dump], source.url);
    expect(backup.err).not.toMatch(/Error:|pg_dump:/);
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(/backed up database partnarsok_test_\w+ on 127\.0\.0\.1:\d+ to /);
    expect((await readFile(dump)).subarray(0, 5).toString('latin1')).toBe('PGDMP');
    expect((await readdir(work)).sort()).toEqual(['partnarsok.pgdump']);

    // Lose and change data after the backup.
    await source.db.exec(
      "DELETE FROM profiles WHERE country = 'PL'; UPDATE suggestions SET version = version + 1; DELETE FROM suggestion_events;",
    );
    expect((await snapshot(source.db)).hash).not.toBe(before.hash);

    const refused = run('src/cli/restore.ts', [dump], source.url);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('add --force');

    const restore = run('src/cli/restore.ts', ['--force', dump], source.url);
    expect(restore.err).not.toMatch(/Error:|pg_restore: error/);
    expect(restore.out).toContain(`restored ${before.profiles} profiles into database partnarsok_test_`);
    expect(restore.code).toBe(0);
    expect(await snapshot(source.db)).toEqual(before);

    // The restored database serves matches through the HNSW index, and the service starts on it.
    await withRuntime(source.url, async (rt) => {
      const [idx] = await rt.db.query<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'profiles_embedding_hnsw'`,
      );
      expect(idx!.n).toBe(1);
      const res = await rt.matching.match({ text: 'teleopieka dla seniorów', limit: 3 });
      expect(res.results).toHaveLength(3);
    });
  });

  it('restores into an empty database on a new server (disaster recovery)', async () => {
    expect(existsSync(dump)).toBe(true);
    const fresh = await serverDatabase(base);
    opened.push(fresh);
    const restore = run('src/cli/restore.ts', ['--force', dump], fresh.url);
    expect(restore.err).not.toMatch(/pg_restore: error/);
    expect(restore.code).toBe(0);
    expect(await snapshot(fresh.db)).toEqual(before);
  });

  it('leaves the database as it was when the archive is damaged (one transaction)', async () => {
    const damaged = path.join(work, 'damaged.pgdump');
    await copyFile(dump, damaged);
    const { size } = await stat(damaged);
    await truncate(damaged, Math.floor(size * 0.6));
    await source.db.exec("DELETE FROM profiles WHERE id = 'no-4627-askoy'");
    const changed = await snapshot(source.db);
    const restore = run('src/cli/restore.ts', ['--force', damaged], source.url);
    expect(restore.code).toBe(1);
    expect(restore.err).toContain('pg_restore failed');
    expect(await snapshot(source.db)).toEqual(changed);
  });

  it('refuses to restore into a database without pgvector, naming the statement, and changes nothing', async () => {
    const bare = await serverDatabase(base, { withoutExtensions: true });
    opened.push(bare);
    const r = run('src/cli/restore.ts', ['--force', dump], bare.url);
    expect(r.code).toBe(1);
    expect(r.err).toContain('pgvector is on the server but not installed in database partnarsok_test_');
    expect(r.err).toContain('CREATE EXTENSION vector;');
    const [n] = await bare.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`,
    );
    expect(n!.n).toBe(0);
  });

  it('never prints the password, and leaves no password file behind', async () => {
    const password = decodeURIComponent(new URL(base).password);
    const r = run('src/cli/backup.ts', ['--force', dump], source.url);
    expect(r.code).toBe(0);
    if (password) expect(r.out + r.err).not.toContain(password);
    expect((await readdir(os.tmpdir())).filter((n) => n.startsWith('partnarsok-pgpass-'))).toEqual([]);
  });
});
