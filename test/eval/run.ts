/**
 * `npm run eval`: ranking quality on the labelled dev set in test/eval, for the service's ranking
 * with each available embedder and for a plain BM25 baseline on the same profiles and filters.
 * Prints nDCG@10, Recall@10 and MRR@10 split into same-language and cross-language queries.
 * Options: `--json FILE` writes the figures; EMBEDDER/MODEL/MODELS_DIR select the model as for the service.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalogue } from '../../src/catalogue/load.js';
import type { Embedder } from '../../src/embeddings/embedder.js';
import { createOfflineEmbedder } from '../../src/embeddings/offline.js';
import { createTransformersEmbedder, localModelAvailable } from '../../src/embeddings/transformers.js';
import { loadConfig } from '../../src/env.js';
import { createLogger } from '../../src/logger.js';
import { MatchingService } from '../../src/matching/service.js';
import { DEFAULT_WEIGHTS, type Weights } from '../../src/matching/score.js';
import type { MatchRequest } from '../../src/matching/schema.js';
import { ProfileSchema, type Profile } from '../../src/profiles/schema.js';
import { startRuntime } from '../../src/runtime.js';
import { Bm25 } from './bm25.js';
import { mrrAt, ndcgAt, recallAt, type Qrels } from './metrics.js';

interface Query {
  id: string;
  lang: 'nn' | 'nb' | 'en';
  text: string;
  split: 'same-language' | 'cross-language';
  filters?: MatchRequest['filters'];
  relevant: Qrels;
}

const dir = import.meta.dirname;
const readJsonl = <T>(file: string): T[] =>
  readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

export const evalProfiles = (): Profile[] =>
  readJsonl<unknown>('profiles.jsonl').map((p) => ProfileSchema.parse(p));
export const evalQueries = (): Query[] => readJsonl<Query>('queries.jsonl');

type Scores = { ndcg: number; recall: number; mrr: number; n: number };
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

function summarise(rows: { q: Query; ranked: string[] }[]): Record<string, Scores> {
  const groups: Record<string, typeof rows> = { all: rows };
  for (const r of rows) (groups[r.q.split] ??= []).push(r);
  return Object.fromEntries(
    Object.entries(groups).map(([k, rs]) => [
      k,
      {
        ndcg: mean(rs.map((r) => ndcgAt(r.ranked, r.q.relevant))),
        recall: mean(rs.map((r) => recallAt(r.ranked, r.q.relevant))),
        mrr: mean(rs.map((r) => mrrAt(r.ranked, r.q.relevant))),
        n: rs.length,
      },
    ]),
  );
}

function passes(p: Profile, f: Query['filters']): boolean {
  if (!f) return true;
  const nor = (ls: string[]) => ls.map((l) => (l === 'nb' || l === 'nn' ? 'no' : l));
  return (
    (!f.countries?.length || f.countries.includes(p.country)) &&
    (!f.kinds?.length || f.kinds.includes(p.kind)) &&
    (!f.roles?.length || f.roles.includes(p.role)) &&
    (!f.programmes?.length || f.programmes.some((x) => p.programmes?.includes(x))) &&
    (!f.languages?.length || nor(f.languages).some((x) => nor(p.languages ?? []).includes(x)))
  );
}

/** BM25 rankings of every query. */
export function bm25Rankings(profiles: Profile[], queries: Query[]) {
  const index = new Bm25(
    profiles.map((p) => ({
      id: p.id,
      text: [p.name, p.description, p.needs, p.offers].filter(Boolean).join(' '),
    })),
  );
  const byId = new Map(profiles.map((p) => [p.id, p]));
  return queries.map((q) => ({
    q,
    ranked: index.search(q.text, 10, (id) => passes(byId.get(id)!, q.filters)),
  }));
}

/** Loads the dev profiles with an embedder into a fresh in-memory database and ranks every query. */
export async function serviceRankings(
  embedder: Embedder,
  queries: Query[],
  weights: Weights = DEFAULT_WEIGHTS,
) {
  const config = loadConfig({ SEED: 'false', LOG_LEVEL: 'silent' });
  const rt = await startRuntime(config, createLogger('silent'), {
    embedder,
    db: await (await import('../../src/storage/pglite.js')).openPglite(undefined),
  });
  try {
    const lines = readFileSync(path.join(dir, 'profiles.jsonl'), 'utf8').split('\n');
    const summary = await rt.profiles.importLines(lines, 'eval');
    if (summary.rejected.length)
      throw new Error(`eval profiles rejected: ${JSON.stringify(summary.rejected.slice(0, 3))}`);
    const matching = new MatchingService(rt.db, rt.catalogue, embedder, () => 0, weights);
    const rows = [];
    for (const q of queries) {
      const res = await matching.match({
        text: q.text,
        limit: 10,
        ...(q.filters ? { filters: q.filters } : {}),
      });
      rows.push({ q, ranked: res.results.map((r) => r.id) });
    }
    return rows;
  } finally {
    await rt.db.close();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
  const queries = evalQueries();
  const profiles = evalProfiles();
  const catalogue = loadCatalogue();
  const config = loadConfig();
  const embedders: Embedder[] = [createOfflineEmbedder(catalogue.matcher, catalogue.themes)];
  const tfOpts = {
    modelId: config.embedder.model,
    modelsDir: config.embedder.modelsDir,
    allowRemoteModels: config.embedder.allowRemoteModels,
    cacheDir: path.join(config.embedder.modelsDir, '.cache'),
    dtype: config.embedder.dtype,
    batchSize: 16,
  };
  if (localModelAvailable(tfOpts)) embedders.push(await createTransformersEmbedder(tfOpts));
  else
    process.stderr.write(
      `(no local model ${config.embedder.model} in ${config.embedder.modelsDir}: evaluating the offline embedder only)\n`,
    );

  const results: Record<string, Record<string, Scores>> = {
    bm25: summarise(bm25Rankings(profiles, queries)),
  };
  for (const e of embedders) {
    process.stderr.write(`ranking ${queries.length} queries with ${e.id} ...\n`);
    results[`service (${e.id})`] = summarise(await serviceRankings(e, queries));
    await e.close();
  }

  const f = (x: number) => x.toFixed(3);
  const splits = ['same-language', 'cross-language', 'all'];
  console.log(
    `\nDev set: ${profiles.length} profiles, ${queries.length} queries (${splits
      .slice(0, 2)
      .map((s) => `${results.bm25![s]?.n ?? 0} ${s}`)
      .join(', ')})\n`,
  );
  console.log(`| ranking | split | nDCG@10 | Recall@10 | MRR@10 |`);
  console.log(`|---|---|---|---|---|`);
  for (const [name, r] of Object.entries(results))
    for (const s of splits)
      if (r[s]) console.log(`| ${name} | ${s} | ${f(r[s].ndcg)} | ${f(r[s].recall)} | ${f(r[s].mrr)} |`);
  for (const name of Object.keys(results).filter((n) => n !== 'bm25')) {
    const d = (s: string) => results[name]![s]!.ndcg - results.bm25![s]!.ndcg;
    console.log(
      `\n${name}: nDCG@10 minus BM25 — same-language ${d('same-language') >= 0 ? '+' : ''}${f(d('same-language'))}, cross-language ${d('cross-language') >= 0 ? '+' : ''}${f(d('cross-language'))}`,
    );
  }
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ date: new Date().toISOString(), results }, null, 2));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
