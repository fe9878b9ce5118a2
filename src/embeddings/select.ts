import path from 'node:path';
import type { Catalogue } from '../catalogue/load.js';
import type { Config } from '../env.js';
import type { Logger } from '../logger.js';
import type { Embedder } from './embedder.js';
import { VECTOR_DIMENSION, createOfflineEmbedder } from './offline.js';
import { createTransformersEmbedder, localModelAvailable } from './transformers.js';

/**
 * Picks the embedder from EMBEDDER: `offline` always works; `transformers` needs the model in
 * MODELS_DIR (or ALLOW_REMOTE_MODELS); `auto` uses the model when it is there, else offline.
 */
export async function selectEmbedder(
  cfg: Config['embedder'],
  catalogue: Catalogue,
  log: Logger,
): Promise<Embedder> {
  const offline = () => createOfflineEmbedder(catalogue.matcher, catalogue.themes);
  const opts = {
    modelId: cfg.model,
    modelsDir: cfg.modelsDir,
    allowRemoteModels: cfg.allowRemoteModels,
    cacheDir: path.join(cfg.modelsDir, '.cache'),
    dtype: cfg.dtype,
    batchSize: 16,
  };
  let embedder: Embedder;
  if (cfg.kind === 'offline') embedder = offline();
  else if (cfg.kind === 'transformers' || localModelAvailable(opts))
    embedder = await createTransformersEmbedder(opts);
  else {
    log.info(
      { model: cfg.model, modelsDir: cfg.modelsDir },
      'EMBEDDER=auto: model not found locally, using the offline embedder',
    );
    embedder = offline();
  }
  if (embedder.dimension !== VECTOR_DIMENSION) {
    await embedder.close();
    throw new Error(
      `${embedder.id} makes ${embedder.dimension}-dimensional vectors; the database stores ${VECTOR_DIMENSION}. Choose a ${VECTOR_DIMENSION}-dimensional model (e.g. Xenova/multilingual-e5-small).`,
    );
  }
  log.info({ embedder: embedder.id, dimension: embedder.dimension }, 'embedder selected');
  return embedder;
}
