/**
 * Embedder backed by a transformers.js (`@huggingface/transformers` v4) feature-extraction pipeline running on
 * onnxruntime-node. Models are read from `modelsDir` laid out as `${modelsDir}/${modelId}/{config.json,
 * tokenizer.json, tokenizer_config.json, onnx/model.onnx | onnx/model_quantized.onnx}`; remote download from the
 * Hugging Face Hub happens only when `allowRemoteModels` is true.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { env, mean_pooling, pipeline, type Tensor } from '@huggingface/transformers';

import type { EmbedKind, Embedder } from './embedder.js';

export interface TransformersOptions {
  /** Hub-style model id, e.g. `Xenova/multilingual-e5-small`; also the directory path below `modelsDir`. */
  modelId: string;
  /** Root of local models (MODELS_DIR). */
  modelsDir: string;
  /** Whether missing files may be downloaded from the Hugging Face Hub (ALLOW_REMOTE_MODELS). */
  allowRemoteModels: boolean;
  /** Where transformers.js caches downloaded files (its default lives inside node_modules). */
  cacheDir: string;
  /** `fp32` loads onnx/model.onnx, `q8` loads onnx/model_quantized.onnx. */
  dtype: 'fp32' | 'q8';
  /** Texts per forward pass. */
  batchSize: number;
}

/** The ONNX file transformers.js v4 loads for a dtype (suffix table `DEFAULT_DTYPE_SUFFIX_MAPPING` in utils/dtypes.js). */
function onnxFileFor(dtype: TransformersOptions['dtype']): string {
  return dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx';
}

/**
 * Files the feature-extraction pipeline needs for a text model. transformers.js only loads a tokenizer when
 * tokenizer_config.json exists (get_tokenizer_files), so it is required too.
 */
function requiredFiles(dtype: TransformersOptions['dtype']): string[] {
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', onnxFileFor(dtype)];
}

/** True when every required file of `modelId` exists below `baseDir` (models dir or the file cache: same layout). */
function filesPresent(baseDir: string, modelId: string, dtype: TransformersOptions['dtype']): boolean {
  return requiredFiles(dtype).every((f) => existsSync(join(baseDir, modelId, f)));
}

/** True when the model's files are present under modelsDir (config.json, tokenizer files and the onnx file for the dtype), without loading it. */
export function localModelAvailable(
  opts: Pick<TransformersOptions, 'modelId' | 'modelsDir' | 'dtype'>,
): boolean {
  return filesPresent(opts.modelsDir, opts.modelId, opts.dtype);
}

/** e5 models are trained with "query: " / "passage: " prefixes; other models get the raw text. */
function prefixFor(modelId: string, kind: EmbedKind): string {
  if (!/e5/i.test(modelId)) return '';
  return kind === 'query' ? 'query: ' : 'passage: ';
}

/** Message for a model that cannot be found locally while remote loading is off. */
function missingModelMessage(opts: TransformersOptions): string {
  const where = join(opts.modelsDir, opts.modelId);
  return (
    `Embedding model "${opts.modelId}" (dtype ${opts.dtype}) is not available locally and remote model loading is off ` +
    `(ALLOW_REMOTE_MODELS=false). Expected ${requiredFiles(opts.dtype).join(', ')} under ` +
    `MODELS_DIR=${opts.modelsDir}, i.e. in ${where}. Copy the model files there (same layout as the Hugging Face repo), ` +
    `point MODELS_DIR at the directory that holds them, or set ALLOW_REMOTE_MODELS=true to download the model on first use.`
  );
}

/** Largest token count to feed the model when the tokenizer config does not say (e5: 512). */
function fallbackMaxTokens(
  modelId: string,
  config: { model_type?: string | null; max_position_embeddings?: number },
): number {
  if (/e5/i.test(modelId)) return 512;
  const positions = config.max_position_embeddings;
  if (typeof positions !== 'number' || !Number.isFinite(positions) || positions <= 0) return 512;
  // RoBERTa-style position ids start after the padding index, so two positions are unusable.
  return /roberta|camembert/i.test(config.model_type ?? '') ? positions - 2 : positions;
}

/** Loads the feature-extraction pipeline once and returns an Embedder. Throws an Error with an actionable message naming MODELS_DIR / ALLOW_REMOTE_MODELS when the model is missing and remote loading is off. */
export async function createTransformersEmbedder(opts: TransformersOptions): Promise<Embedder> {
  if (!Number.isInteger(opts.batchSize) || opts.batchSize < 1) {
    throw new Error(`batchSize must be a positive integer, got ${opts.batchSize}`);
  }
  // transformers.js configuration is process-global: the last embedder created decides it.
  env.allowRemoteModels = opts.allowRemoteModels;
  env.allowLocalModels = true;
  env.localModelPath = opts.modelsDir;
  env.cacheDir = opts.cacheDir;

  // Fail fast (and without touching the network) when the files are missing and downloads are off.
  // transformers.js checks its file cache before MODELS_DIR, so a previously downloaded copy also counts.
  if (!opts.allowRemoteModels && !filesPresent(opts.modelsDir, opts.modelId, opts.dtype)) {
    if (!filesPresent(opts.cacheDir, opts.modelId, opts.dtype)) throw new Error(missingModelMessage(opts));
  }

  let extractor: Awaited<ReturnType<typeof pipeline<'feature-extraction'>>>;
  try {
    extractor = await pipeline('feature-extraction', opts.modelId, {
      dtype: opts.dtype,
      local_files_only: !opts.allowRemoteModels,
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const hint = opts.allowRemoteModels
      ? `Remote loading is on (ALLOW_REMOTE_MODELS=true): check network access to the Hugging Face Hub and the model id, ` +
        `or put the files under MODELS_DIR=${opts.modelsDir}.`
      : filesPresent(opts.modelsDir, opts.modelId, opts.dtype)
        ? `The files under MODELS_DIR=${opts.modelsDir} may be incomplete or corrupt ` +
          `(ALLOW_REMOTE_MODELS=false, so nothing was downloaded).`
        : missingModelMessage(opts);
    throw new Error(`Could not load embedding model "${opts.modelId}": ${reason}. ${hint}`, { cause: err });
  }

  // The pipeline always tokenizes with truncation at the tokenizer's model_max_length. When tokenizer_config.json
  // does not set it (Infinity), tokenize ourselves with an explicit max_length so long texts cannot overflow the
  // model's position table.
  const tokenizerMax = extractor.tokenizer.model_max_length;
  const maxTokens = Number.isFinite(tokenizerMax)
    ? tokenizerMax
    : fallbackMaxTokens(opts.modelId, extractor.model.config);
  const pipelineTruncates = Number.isFinite(tokenizerMax);

  const runBatch = async (texts: string[]): Promise<Tensor> => {
    if (pipelineTruncates) return extractor(texts, { pooling: 'mean', normalize: true });
    const inputs = extractor.tokenizer(texts, { padding: true, truncation: true, max_length: maxTokens });
    const outputs = (await extractor.model(inputs)) as { last_hidden_state: Tensor };
    return mean_pooling(outputs.last_hidden_state, inputs.attention_mask).normalize(2, -1);
  };

  const toRows = (tensor: Tensor, count: number): Float32Array[] => {
    const [rows, dim] = tensor.dims;
    if (tensor.dims.length !== 2 || rows !== count || dim === undefined) {
      throw new Error(`Unexpected embedding shape [${tensor.dims.join(', ')}] for ${count} texts`);
    }
    const data = tensor.data;
    if (!(data instanceof Float32Array)) throw new Error(`Expected float32 embeddings, got ${tensor.type}`);
    return Array.from({ length: rows }, (_, i) => data.slice(i * dim, (i + 1) * dim));
  };

  // Probe once rather than trusting config.json's hidden_size: the pooled output width is what gets stored,
  // and the first run warms up the session.
  const [probe] = toRows(await runBatch(['dimension probe']), 1);
  const dimension = probe!.length;

  let closed = false;
  return {
    id: `transformers:${opts.modelId}:${opts.dtype}`,
    dimension,
    async embed(texts: readonly string[], kind: EmbedKind): Promise<Float32Array[]> {
      if (closed) throw new Error('Embedder is closed');
      const prefix = prefixFor(opts.modelId, kind);
      const out: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += opts.batchSize) {
        const batch = texts.slice(start, start + opts.batchSize).map((t) => prefix + t);
        out.push(...toRows(await runBatch(batch), batch.length));
      }
      return out;
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await extractor.dispose();
    },
  };
}
