/**
 * `npm run bench [-- --quick] [-- --out FILE] [-- --sizes 1000,10000] [-- --server URL]`
 *
 * Generates deterministic synthetic profiles at 1k, 10k and 100k (quick: 1k and 10k), and measures
 * on the embedded database with the offline embedder: import throughput, POST /v1/matches latency
 * over HTTP (1 and 8 clients, with and without a selective filter), the bare pgvector query and the
 * ratio to it, approximate-index recall@10, start-up time on an existing database, peak memory, a
 * 60 × 60 pairing run and an autocannon load run. Prints a table and writes JSON with --out.
 * Times are only comparable within one run: compare ratios across machines. With --server URL (a
 * PostgreSQL 15+ server with pgvector, user with CREATEDB, e.g. from .ci/postgres) every size runs
 * in a new database on that server instead, dropped afterwards: the production path.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import { startRuntime, type Runtime } from '../src/runtime.js';
import { vectorLiteral } from '../src/storage/profiles.js';
import { dropVectorIndex, efSearchFor, ensureVectorIndex } from '../src/storage/candidates.js';
import { sql } from '../src/storage/sql.js';
import { serverDatabase } from '../test/helpers/backends.js';
import { syntheticProfiles } from './generate.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;
const sizes = args.includes('--sizes')
  ? args[args.indexOf('--sizes') + 1]!.split(',').map(Number)
  : quick
    ? [1_000, 10_000]
    : [1_000, 10_000, 100_000];
const server = args.includes('--server') ? args[args.indexOf('--server') + 1] : undefined;
const TOKEN = 'bench-admin-token-0123456789';
const log = createLogger('silent');

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
sampler.unref();
const mb = (b: number) => Math.round(b / 1024 / 1024);
const say = (s: string) => process.stderr.write(`${s}\n`);

function percentiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
  return { p50: +at(50).toFixed(1), p95: +at(95).toFixed(1), p99: +at(99).toFixed(1), n: s.length };
}

const queries = readFileSync(new URL('../test/eval/queries.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text);
const SELECTIVE = { countries: ['PL'], kinds: ['municipality'] };

async function latency(url: string, clients: number, perClient: number, filters?: object) {
  const times: number[] = [];
  let errors = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < perClient; i++) {
        const text = queries[(c * perClient + i) % queries.length]!;
        const t = performance.now();
        const res = await fetch(`${url}/v1/matches`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ text, limit: 10, ...(filters ? { filters } : {}) }),
        });
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
        times.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return { ...percentiles(times), rps: +(times.length / seconds).toFixed(1), errors };
}

async function bareQuery(rt: Runtime, filtered: boolean) {
  const vectors = await rt.embedder.embed(queries, 'query');
  const times: number[] = [];
  for (const v of vectors) {
    const t = performance.now();
    await rt.db.query(
      filtered
        ? sql`SELECT id FROM profiles WHERE embedder = ${rt.embedder.id} AND country = 'PL' AND kind = 'municipality' ORDER BY embedding <=> ${vectorLiteral(v)}::vector LIMIT 10`
        : sql`SELECT id FROM profiles WHERE embedder = ${rt.embedder.id} ORDER BY embedding <=> ${vectorLiteral(v)}::vector LIMIT 10`,
    );
    times.push(performance.now() - t);
  }
  return percentiles(times);
}

/** recall@10 of the HNSW index (iterative scan, the service's search breadth) against exact search, with and without the selective filter. */
async function annRecall(rt: Runtime) {
  const vectors = await rt.embedder.embed(queries, 'query');
  const result: Record<string, number> = {};
  for (const filtered of [false, true]) {
    let hit = 0;
    let total = 0;
    const where = filtered ? sql`AND country = 'PL' AND kind = 'municipality'` : sql``;
    for (const v of vectors) {
      const q = sql`SELECT id FROM profiles WHERE embedding IS NOT NULL ${where} ORDER BY embedding <=> ${vectorLiteral(v)}::vector LIMIT 10`;
      const exact = await rt.db.transaction(async (tx) => {
        await tx.exec('SET LOCAL enable_indexscan = off');
        return tx.query<{ id: string }>(q);
      });
      const ann = await rt.db.transaction(async (tx) => {
        await tx.exec(
          `SET LOCAL hnsw.ef_search = ${efSearchFor(10)}; SET LOCAL hnsw.iterative_scan = relaxed_order; SET LOCAL hnsw.max_scan_tuples = 40000`,
        );
        return tx.query<{ id: string }>(q);
      });
      const annIds = new Set(ann.map((r) => r.id));
      hit += exact.filter((r) => annIds.has(r.id)).length;
      total += exact.length;
    }
    result[filtered ? 'recallFiltered' : 'recall'] = +(hit / Math.max(1, total)).toFixed(3);
  }
  return result;
}

async function load(url: string, seconds: number) {
  const bodies = queries.map((text) => JSON.stringify({ text, limit: 10 }));
  let i = 0;
  const r = await autocannon({
    url: `${url}/v1/matches`,
    method: 'POST',
    connections: 32,
    duration: seconds,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] }) }],
  });
  return {
    requests: r.requests.total,
    rps: r.requests.average,
    errors: r.errors + r.non2xx + r.timeouts,
    latency: { p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99 },
  };
}

async function runSize(n: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `bench-${n}-`));
  const remote = server ? await serverDatabase(server) : undefined;
  // The bench only needs its URL: the runtime opens its own connections.
  await remote?.db.close();
  const config = loadConfig({
    DATA_DIR: dir,
    ...(remote ? { DATABASE_URL: remote.url } : {}),
    SEED: 'false',
    EMBEDDER: 'offline',
    LOG_LEVEL: 'silent',
    ADMIN_TOKEN: TOKEN,
    // The load test drives one token far past the per-token limit on purpose.
    RATE_LIMIT_PER_MINUTE: '0',
  });
  try {
    const lines = syntheticProfiles(n);
    let rt = await startRuntime(config, log);
    let t = performance.now();
    await dropVectorIndex(rt.db);
    let last = 0;
    const summary = await rt.profiles.importLines(lines, 'bench', (done) => {
      if (done - last >= n / 10) {
        last = done;
        say(`  import ${n}: ${done}/${n}`);
      }
    });
    const loadSeconds = (performance.now() - t) / 1000;
    const ti = performance.now();
    await ensureVectorIndex(rt.db);
    const indexSeconds = (performance.now() - ti) / 1000;
    const importSeconds = loadSeconds + indexSeconds;
    if (summary.rejected.length)
      throw new Error(`bench profiles rejected: ${JSON.stringify(summary.rejected[0])}`);
    await rt.close();

    t = performance.now();
    rt = await startRuntime(config, log);
    const startupMs = Math.round(performance.now() - t);

    const app = createApp({ ...rt, config, logger: log, embedderId: rt.embedder.id });
    const http = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => http.once('listening', r));
    const url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
    const perClient = quick ? 40 : 100;
    say(`  latency ${n} ...`);
    await latency(url, 1, 10);
    const l1 = await latency(url, 1, perClient);
    const l8 = await latency(url, 8, perClient / 2);
    const l1f = await latency(url, 1, perClient, SELECTIVE);
    const l8f = await latency(url, 8, perClient / 2, SELECTIVE);
    const bare = await bareQuery(rt, false);
    const bareFiltered = await bareQuery(rt, true);

    say(`  pairing 60 × 60 ...`);
    const ids = (await rt.db.query<{ id: string }>(sql`SELECT id FROM profiles ORDER BY id LIMIT 120`)).map(
      (r) => r.id,
    );
    t = performance.now();
    const run = await rt.pairings.run(
      {
        donors: { ids: ids.slice(0, 60) },
        beneficiaries: { ids: ids.slice(60, 120) },
        minScore: 0,
        mode: 'optimal',
        programme: 'erasmus-plus',
        language: 'nb',
      },
      'bench',
    );
    const pairingMs = Math.round(performance.now() - t);

    let loadRuns: Awaited<ReturnType<typeof load>>[] = [];
    let rssAfterLoad: number[] = [];
    if (!quick || n <= 10_000) {
      const seconds = quick ? 5 : 30;
      say(`  load ${seconds} s × 2 ...`);
      global.gc?.();
      const before = process.memoryUsage().rss;
      loadRuns = [await load(url, seconds)];
      global.gc?.();
      rssAfterLoad = [before, process.memoryUsage().rss];
      loadRuns.push(await load(url, seconds));
      global.gc?.();
      rssAfterLoad.push(process.memoryUsage().rss);
    }
    say(`  ANN recall ...`);
    const ann = quick && n > 10_000 ? undefined : await annRecall(rt);
    http.close();
    await rt.close();
    return {
      profiles: n,
      importPerSecond: Math.round(n / importSeconds),
      loadPerSecond: Math.round(n / loadSeconds),
      indexBuildSeconds: +indexSeconds.toFixed(1),
      startupMs,
      latency: { oneClient: l1, eightClients: l8, oneClientSelective: l1f, eightClientsSelective: l8f },
      bare: { all: bare, selective: bareFiltered },
      ratioToBare: {
        all: +(l1.p50 / Math.max(0.1, bare.p50)).toFixed(1),
        selective: +(l1f.p50 / Math.max(0.1, bareFiltered.p50)).toFixed(1),
      },
      pairing60x60Ms: pairingMs,
      pairs: run.pairs.length,
      ann,
      load: loadRuns,
      rssMb: rssAfterLoad.map(mb),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await remote?.close();
  }
}

const results = [];
for (const n of sizes) {
  say(`${n} profiles`);
  results.push(await runSize(n));
}
const report = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  quick,
  database: server ? 'postgres' : 'pglite',
  peakRssMb: mb(peakRss),
  results,
};

console.log(
  '\n| profiles | import/s | start-up ms | p50 / p95 / p99 ms (1 client) | rps (8 clients) | selective p95 (1) | bare NN p50 | full ÷ bare | recall@10 (filtered) | 60×60 pairing ms | load errors |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results)
  console.log(
    `| ${r.profiles} | ${r.importPerSecond} | ${r.startupMs} | ${r.latency.oneClient.p50} / ${r.latency.oneClient.p95} / ${r.latency.oneClient.p99} | ${r.latency.eightClients.rps} | ${r.latency.oneClientSelective.p95} | ${r.bare.all.p50} | ${r.ratioToBare.all} | ${r.ann ? `${r.ann.recall} (${r.ann.recallFiltered})` : '–'} | ${r.pairing60x60Ms} | ${r.load.map((l) => l.errors).join(', ') || '–'} |`,
  );
console.log(`\npeak RSS ${report.peakRssMb} MB`);
if (out) writeFileSync(out, JSON.stringify(report, null, 2));
process.exit(0);
