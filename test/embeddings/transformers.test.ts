import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';

import type { Embedder } from '../../src/embeddings/embedder.js';
import {
  createTransformersEmbedder,
  localModelAvailable,
  type TransformersOptions,
} from '../../src/embeddings/transformers.js';
import { TINY_HIDDEN_SIZE, buildTinyModel } from '../fixtures/tiny-model.js';

const MODEL = 'fixture/tiny-bert';
const E5_MODEL = 'fixture/tiny-e5'; // same weights; the id contains "e5", so prefixes are added
const NO_MAX_MODEL = 'fixture/tiny-bert-no-max'; // tokenizer_config.json without model_max_length
const FP32_ONLY_MODEL = 'fixture/tiny-bert-fp32-only'; // no model_quantized.onnx

let root: string;
let opts: TransformersOptions;
let embedder: Embedder | undefined;
let setupError: unknown;
let fetchSpy: MockInstance;
let envFetchSpy: MockInstance;

const norm = (v: Float32Array): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const cos = (a: Float32Array, b: Float32Array): number =>
  a.reduce((s, x, i) => s + x * b[i]!, 0) / (norm(a) * norm(b));
const expectClose = (a: Float32Array, b: Float32Array, eps = 1e-6): void => {
  expect(a.length).toBe(b.length);
  const maxDiff = a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0);
  expect(maxDiff).toBeLessThan(eps);
};
/** Throws the fixture/setup failure in every test, so a broken fixture fails the tests instead of skipping them. */
const ready = (): void => {
  if (setupError !== undefined)
    throw new Error(`tiny model fixture setup failed: ${String(setupError)}`, { cause: setupError });
};
const loaded = (): Embedder => {
  ready();
  if (!embedder) throw new Error('embedder was not created in beforeAll');
  return embedder;
};

beforeAll(async () => {
  // No test may reach the network: both the global fetch and the copy transformers.js bound at import time
  // (env.fetch) are replaced by spies that reject.
  const offline = (): Promise<never> => Promise.reject(new Error('network access in a test'));
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(offline);
  envFetchSpy = vi.spyOn(env, 'fetch').mockImplementation(offline);

  root = await mkdtemp(join(tmpdir(), 'partnarsok-transformers-'));
  opts = {
    modelId: MODEL,
    modelsDir: join(root, 'models'),
    allowRemoteModels: false,
    cacheDir: join(root, 'cache'),
    dtype: 'fp32',
    batchSize: 2,
  };
  try {
    await setUp();
  } catch (err) {
    setupError = err;
  }
});

async function setUp(): Promise<void> {
  const { modelsDir } = opts;
  await buildTinyModel(modelsDir); // default id: fixture/tiny-bert
  await buildTinyModel(modelsDir, E5_MODEL);
  await buildTinyModel(modelsDir, NO_MAX_MODEL);
  const tokConfigPath = join(modelsDir, NO_MAX_MODEL, 'tokenizer_config.json');
  const tokConfig = JSON.parse(await readFile(tokConfigPath, 'utf8')) as Record<string, unknown>;
  delete tokConfig.model_max_length;
  await writeFile(tokConfigPath, JSON.stringify(tokConfig));
  await buildTinyModel(modelsDir, FP32_ONLY_MODEL);
  await rm(join(modelsDir, FP32_ONLY_MODEL, 'onnx', 'model_quantized.onnx'));

  embedder = await createTransformersEmbedder(opts);
}

afterAll(async () => {
  await embedder?.close();
  fetchSpy?.mockRestore();
  envFetchSpy?.mockRestore();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('localModelAvailable', () => {
  const available = (modelId: string, dtype: 'fp32' | 'q8', modelsDir = opts.modelsDir): boolean =>
    localModelAvailable({ modelId, modelsDir, dtype });

  it('finds the built fixture and rejects a missing id', () => {
    ready();
    expect(available(MODEL, 'fp32')).toBe(true);
    expect(available(MODEL, 'q8')).toBe(true);
    expect(available('fixture/missing', 'fp32')).toBe(false);
    expect(available(MODEL, 'fp32', join(root, 'elsewhere'))).toBe(false);
  });

  it('checks the onnx file of the requested dtype', () => {
    ready();
    expect(available(FP32_ONLY_MODEL, 'fp32')).toBe(true);
    expect(available(FP32_ONLY_MODEL, 'q8')).toBe(false);
  });
});

describe('createTransformersEmbedder (offline, tiny fixture model)', () => {
  it('loads the local model with remote loading off', () => {
    const e = loaded();
    expect(env.allowRemoteModels).toBe(false);
    expect(env.localModelPath).toBe(opts.modelsDir);
    expect(e.dimension).toBe(TINY_HIDDEN_SIZE);
    expect(e.id).toBe(`transformers:${MODEL}:fp32`);
    expect(e.id).toContain(MODEL);
  });

  it('returns unit-length Float32Array vectors of the right dimension', async () => {
    const vectors = await loaded().embed(
      ['eldre omsorg', 'Fish and aquaculture!', '', 'ukjent ordforråd xyz'],
      'passage',
    );
    expect(vectors).toHaveLength(4);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(TINY_HIDDEN_SIZE);
      expect(Math.abs(norm(v) - 1)).toBeLessThan(1e-4);
    }
    expect(await loaded().embed([], 'query')).toEqual([]);
  });

  it('is deterministic and batching (batchSize 2, 5 texts) matches one-by-one', async () => {
    const texts = [
      'eldre',
      'velferdsteknologi for eldre og omsorg',
      'fish aquaculture akvakultur',
      'youth library bibliotek i kommune',
      'młodzież i biblioteka',
    ];
    const batched = await loaded().embed(texts, 'passage');
    const again = await loaded().embed(texts, 'passage');
    expect(again).toEqual(batched);
    const single = await Promise.all(texts.map(async (t) => (await loaded().embed([t], 'passage'))[0]!));
    batched.forEach((v, i) => expectClose(v, single[i]!));
    // Different texts really give different vectors.
    expect(cos(batched[0]!, batched[2]!)).toBeLessThan(0.5);
  });

  it('really runs the model: related words are closer than unrelated ones', async () => {
    const [eldreOmsorg, elderlySenior, fishAqua, akvakultur, youth, mlodziez] = await loaded().embed(
      ['eldre omsorg', 'elderly senior', 'fish aquaculture', 'akvakultur og laks', 'youth', 'młodzież'],
      'query',
    );
    expect(cos(eldreOmsorg!, elderlySenior!)).toBeGreaterThan(0.8);
    expect(cos(eldreOmsorg!, fishAqua!)).toBeLessThan(0.3);
    expect(cos(eldreOmsorg!, elderlySenior!)).toBeGreaterThan(cos(eldreOmsorg!, fishAqua!) + 0.5);
    expect(cos(fishAqua!, akvakultur!)).toBeGreaterThan(0.7);
    expect(cos(youth!, mlodziez!)).toBeGreaterThan(0.7);
    expect(cos(youth!, fishAqua!)).toBeLessThan(0.3);
  });

  it('adds no prefix for non-e5 models', async () => {
    const [q] = await loaded().embed(['eldre'], 'query');
    const [p] = await loaded().embed(['eldre'], 'passage');
    expect(q).toEqual(p);
  });

  it('prefixes "query: " / "passage: " for e5 model ids', async () => {
    const e5 = await createTransformersEmbedder({ ...opts, modelId: E5_MODEL });
    try {
      const [q] = await e5.embed(['eldre omsorg'], 'query');
      const [p] = await e5.embed(['eldre omsorg'], 'passage');
      expect(cos(q!, p!)).toBeLessThan(0.9999);
      // Same weights as tiny-bert, so the e5 vectors equal tiny-bert vectors of the prefixed text.
      const [qRef, pRef] = await loaded().embed(['query: eldre omsorg', 'passage: eldre omsorg'], 'query');
      expectClose(q!, qRef!);
      expectClose(p!, pRef!);
    } finally {
      await e5.close();
    }
  });

  it('truncates long texts to model_max_length (512 tokens) instead of crashing', async () => {
    const head = 'eldre '.repeat(600);
    const [longMixed, longHead] = await loaded().embed([`${head}${'fish '.repeat(600)}`, head], 'passage');
    // Both keep only [CLS] + 510 × "eldre" + [SEP]: the fish tail must have been cut off.
    expectClose(longMixed!, longHead!);
    expect(Math.abs(norm(longMixed!) - 1)).toBeLessThan(1e-4);
  });

  it('truncates explicitly when tokenizer_config.json has no model_max_length', async () => {
    const noMax = await createTransformersEmbedder({ ...opts, modelId: NO_MAX_MODEL });
    try {
      const head = 'fish '.repeat(700);
      const texts = [`${head}${'eldre '.repeat(700)}`, head, 'eldre omsorg', 'youth library'];
      const got = await noMax.embed(texts, 'passage');
      const ref = await loaded().embed(texts, 'passage');
      expectClose(got[0]!, got[1]!);
      got.forEach((v, i) => expectClose(v, ref[i]!));
    } finally {
      await noMax.close();
    }
  });

  it('loads the q8 file for dtype q8', async () => {
    const q8 = await createTransformersEmbedder({ ...opts, dtype: 'q8' });
    try {
      expect(q8.id).toBe(`transformers:${MODEL}:q8`);
      const [a] = await q8.embed(['eldre omsorg'], 'query');
      const [b] = await loaded().embed(['eldre omsorg'], 'query');
      expectClose(a!, b!); // the fixture's quantized file is a copy of the fp32 graph
    } finally {
      await q8.close();
    }
  });

  it('rejects after close', async () => {
    ready();
    const e = await createTransformersEmbedder(opts);
    await e.close();
    await expect(e.embed(['eldre'], 'query')).rejects.toThrow(/closed/);
  });
});

describe('missing model', () => {
  it('rejects fast with a MODELS_DIR / ALLOW_REMOTE_MODELS hint and never touches the network', async () => {
    ready();
    // Not cleared first: no test before this one (all offline) may have called fetch either.
    const started = performance.now();
    const attempt = createTransformersEmbedder({ ...opts, modelId: 'fixture/not-there' });
    await expect(attempt).rejects.toThrow(/MODELS_DIR/);
    await expect(attempt).rejects.toThrow(/ALLOW_REMOTE_MODELS/);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(env.allowRemoteModels).toBe(false);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(envFetchSpy).not.toHaveBeenCalled();
  });

  it('rejects with the hint when the dtype file is missing', async () => {
    ready();
    await expect(
      createTransformersEmbedder({ ...opts, modelId: FP32_ONLY_MODEL, dtype: 'q8' }),
    ).rejects.toThrow(/MODELS_DIR=.*model_quantized\.onnx|model_quantized\.onnx.*MODELS_DIR/s);
  });

  it('control: with remote loading on, the fetch spy does see the download attempt', async () => {
    ready();
    envFetchSpy.mockClear();
    fetchSpy.mockClear();
    await expect(
      createTransformersEmbedder({ ...opts, modelId: 'fixture/not-there-either', allowRemoteModels: true }),
    ).rejects.toThrow(/network access in a test/);
    expect(envFetchSpy.mock.calls.length + fetchSpy.mock.calls.length).toBeGreaterThan(0);
    env.allowRemoteModels = false;
  });
});
