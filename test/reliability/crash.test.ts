import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticProfiles } from '../../bench/generate.js';
import { loadConfig } from '../../src/env.js';
import { createLogger } from '../../src/logger.js';
import { startRuntime } from '../../src/runtime.js';
import { sql } from '../../src/storage/sql.js';
import { buildTinyModel } from '../fixtures/tiny-model.js';
import { serverDatabase } from '../helpers/backends.js';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
// `tsx` runs the script in a child process; signals must reach the process doing the work, so the
// processes we kill are started as `node --import tsx` instead.
const nodeTsx = (script: string) => [process.execPath, ['--import', 'tsx', path.join(root, script)]] as const;
const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn' };
const log = createLogger('silent');

/*
 * `npm test` runs these on the embedded database (DATA_DIR); `npm run test:server` sets
 * CRASH_ON_SERVER and runs them on a new database on the TEST_DATABASE_URL server (DATABASE_URL).
 */
const server = process.env.CRASH_ON_SERVER ? process.env.TEST_DATABASE_URL : undefined;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

/** Where the service under test keeps its data: settings for its environment. */
async function place(dir: string): Promise<Record<string, string>> {
  if (!server) return { DATA_DIR: path.join(dir, 'db') };
  const d = await serverDatabase(server);
  await d.db.close();
  cleanups.push(d.close);
  return { DATABASE_URL: d.url };
}

function start(
  script: string,
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; output: () => string } {
  const [cmd, pre] = nodeTsx(script);
  const child = spawn(cmd, [...pre, ...args], { cwd: root, env: { ...baseEnv, ...env } });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  return { child, output: () => out };
}

async function waitFor(predicate: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

/** Every stored profile is whole: its columns agree with its document and it has its vectors. */
async function assertWhole(at: Record<string, string>, env: Record<string, string> = {}) {
  const rt = await startRuntime(
    loadConfig({ ...at, SEED: 'false', EMBEDDER: 'offline', LOG_LEVEL: 'silent', ...env }),
    log,
    {
      allowEmbedderChange: true,
    },
  );
  try {
    const [bad] = await rt.db.query<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM profiles
      WHERE document->>'id' <> id OR document->>'name' <> name OR document->>'description' <> description
         OR embedding IS NULL OR embedder IS NULL OR content_hash IS NULL OR search_terms = ''`);
    const [all] = await rt.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM profiles`);
    const [index] = await rt.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'profiles_embedding_hnsw'`,
    );
    return { bad: bad!.n, total: all!.n, index: index!.n };
  } finally {
    await rt.close();
  }
}

describe(`crashes (${server ? 'PostgreSQL server' : 'embedded database'})`, () => {
  it('SIGKILL in the middle of a large import leaves whole profiles; the database opens and re-running completes it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'crash-import-'));
    const file = path.join(dir, 'profiles.jsonl');
    const n = 6000;
    writeFileSync(file, syntheticProfiles(n, 7).join('\n') + '\n');
    const at = await place(dir);
    const env = { ...at, EMBEDDER: 'offline' };
    const run = start('src/cli/import.ts', [file], env);
    // Kill once some batches have committed (progress lines arrive every 2 s).
    await waitFor(() => /import: [1-9]\d{2,}\/6000/.test(run.output()), 120_000, 'import progress');
    run.child.kill('SIGKILL');
    expect((await exited(run.child)).signal).toBe('SIGKILL');

    const after = await assertWhole(at);
    expect(after.bad).toBe(0);
    expect(after.total).toBeGreaterThan(0);
    expect(after.total).toBeLessThan(n);
    // The bulk import had dropped the vector index; the next start rebuilt it.
    expect(after.index).toBe(1);

    const again = spawnSync(tsx, [path.join(root, 'src/cli/import.ts'), file], {
      cwd: root,
      env: { ...baseEnv, ...env },
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(
      `imported ${n - after.total}, updated 0, rejected 0 (${after.total} unchanged)`,
    );
    const done = await assertWhole(at);
    expect(done).toEqual({ bad: 0, total: n, index: 1 });
  }, 600_000);

  it('SIGKILL in the middle of a reindex never mixes embedders; re-running the reindex completes it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'crash-reindex-'));
    const modelsDir = path.join(dir, 'models');
    await buildTinyModel(modelsDir, 'fixture/tiny-bert');
    const at = await place(dir);
    const seeded = await startRuntime(
      loadConfig({ ...at, SEED: 'false', EMBEDDER: 'offline', LOG_LEVEL: 'silent' }),
      log,
    );
    await seeded.profiles.importLines(syntheticProfiles(1500, 11), 'test');
    const offlineId = seeded.embedder.id;
    await seeded.close();

    const tf = {
      ...at,
      EMBEDDER: 'transformers',
      MODEL: 'fixture/tiny-bert',
      MODELS_DIR: modelsDir,
      MODEL_DTYPE: 'fp32',
    };
    const run = start('src/cli/reindex.ts', [], tf);
    await waitFor(() => /reindex: [1-9]\d{2,}\/1500/.test(run.output()), 120_000, 'reindex progress');
    run.child.kill('SIGKILL');
    await exited(run.child);

    // Interrupted: the database still belongs to the old embedder, and a match sees only its vectors.
    const rt = await startRuntime(
      loadConfig({ ...at, SEED: 'false', EMBEDDER: 'offline', LOG_LEVEL: 'silent' }),
      log,
    );
    const byEmbedder = await rt.db.query<{ embedder: string; n: number }>(
      sql`SELECT embedder, count(*)::int AS n FROM profiles GROUP BY embedder ORDER BY embedder`,
    );
    expect(byEmbedder.map((r) => r.embedder).sort()).toEqual(
      [offlineId, 'transformers:fixture/tiny-bert:fp32'].sort(),
    );
    const res = await rt.matching.match({ text: 'velferdsteknologi for eldre', limit: 100 });
    const ids = res.results.map((r) => r.id);
    const stale = await rt.db.query<{ id: string }>(
      sql`SELECT id FROM profiles WHERE embedder <> ${offlineId} AND id = ANY(${ids}::text[])`,
    );
    expect(stale).toEqual([]);
    await rt.close();

    const again = spawnSync(tsx, [path.join(root, 'src/cli/reindex.ts')], {
      cwd: root,
      env: { ...baseEnv, ...tf },
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/reindexed 1500 profiles with transformers:fixture\/tiny-bert:fp32/);
    expect((await assertWhole(at, tf)).bad).toBe(0);
  }, 600_000);

  it('SIGTERM lets an in-flight request finish and closes the database cleanly', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'crash-term-'));
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const at = await place(dir);
    const env = {
      ...at,
      PORT: String(port),
      ADMIN_TOKEN: 'sigterm-test-token-0123456789',
      EMBEDDER: 'offline',
      LOG_LEVEL: 'info',
    };
    const server = start('src/index.ts', [], env);
    await waitFor(() => server.output().includes('"msg":"listening"'), 60_000, 'server start');
    // An import whose body arrives in two halves: the request is certainly in flight when SIGTERM
    // comes, and must still be read to the end and stored.
    const lines = syntheticProfiles(200, 3);
    let release!: () => void;
    const secondHalf = new Promise<void>((r) => (release = r));
    let sentFirstHalf!: () => void;
    const firstHalfSent = new Promise<void>((r) => (sentFirstHalf = r));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode(lines.slice(0, 100).join('\n') + '\n'));
        sentFirstHalf();
        await secondHalf;
        controller.enqueue(new TextEncoder().encode(lines.slice(100).join('\n') + '\n'));
        controller.close();
      },
    });
    const request = fetch(`http://127.0.0.1:${port}/v1/profiles/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.ADMIN_TOKEN}`, 'content-type': 'application/x-ndjson' },
      body,
      duplex: 'half',
    } as RequestInit);
    await firstHalfSent;
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill('SIGTERM');
    await waitFor(() => server.output().includes('shutting down'), 10_000, 'shutdown to begin');
    release();
    const res = await request;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ imported: 200, rejected: [] });
    const exit = await exited(server.child);
    expect(exit.code).toBe(0);
    expect(server.output()).toContain('database closed');
    // Closed cleanly: it opens again with everything in it, seed data and the whole import.
    const after = await assertWhole(at);
    expect(after.bad).toBe(0);
    expect(after.total).toBe(136 + 200);
  }, 120_000);
});
