import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/catalogue/load.js';
import { createOfflineEmbedder } from '../src/embeddings/offline.js';
import { createTransformersEmbedder } from '../src/embeddings/transformers.js';
import { loadConfig } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import { EmbedderMismatchError, reindex, startRuntime } from '../src/runtime.js';
import { sql } from '../src/storage/sql.js';
import { buildTinyModel } from './fixtures/tiny-model.js';

const log = createLogger('silent');

describe('embedder bookkeeping', () => {
  it('refuses to start with another embedder than the stored vectors, naming npm run reindex; reindex fixes it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rt-'));
    const modelsDir = path.join(dir, 'models');
    await buildTinyModel(modelsDir, 'fixture/tiny-bert');
    const config = loadConfig({
      DATA_DIR: path.join(dir, 'db'),
      SEED: 'true',
      EMBEDDER: 'offline',
      LOG_LEVEL: 'silent',
    });

    const first = await startRuntime(config, log);
    const offlineId = first.embedder.id;
    const [{ n: seeded } = { n: 0 }] = await first.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM profiles`,
    );
    expect(seeded).toBeGreaterThan(100);
    await first.close();

    const tfConfig = {
      ...config,
      embedder: {
        ...config.embedder,
        kind: 'transformers' as const,
        model: 'fixture/tiny-bert',
        modelsDir,
        dtype: 'fp32' as const,
      },
    };
    const refused = startRuntime(tfConfig, log);
    await expect(refused).rejects.toBeInstanceOf(EmbedderMismatchError);
    await expect(startRuntime(tfConfig, log)).rejects.toThrow(/npm run reindex/);

    const rt = await startRuntime(tfConfig, log, { allowEmbedderChange: true });
    const progress: number[] = [];
    expect(await reindex(rt, (done) => progress.push(done))).toBe(seeded);
    expect(progress.at(-1)).toBe(seeded);
    const ids = await rt.db.query<{ embedder: string; n: number }>(
      sql`SELECT embedder, count(*)::int AS n FROM profiles GROUP BY embedder`,
    );
    expect(ids).toEqual([{ embedder: 'transformers:fixture/tiny-bert:fp32', n: seeded }]);
    // Matching works on the new vectors, and only on them.
    const res = await rt.matching.match({ text: 'eldre omsorg', limit: 3 });
    expect(res.query.embedder).toBe('transformers:fixture/tiny-bert:fp32');
    expect(res.results).toHaveLength(3);
    await rt.close();

    await expect(startRuntime(config, log)).rejects.toThrow(
      new RegExp(`made with transformers:fixture/tiny-bert:fp32.*${offlineId}`),
    );
    const back = await startRuntime(tfConfig, log);
    await back.close();
  });

  it('loads the transformers embedder from a local directory only', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tf-'));
    await expect(
      createTransformersEmbedder({
        modelId: 'nobody/missing',
        modelsDir: dir,
        allowRemoteModels: false,
        cacheDir: dir,
        dtype: 'q8',
        batchSize: 4,
      }),
    ).rejects.toThrow(/MODELS_DIR/);
    const catalogue = loadCatalogue();
    expect(createOfflineEmbedder(catalogue.matcher, catalogue.themes).dimension).toBe(384);
  });
});
