import { loadConfig } from '../env.js';
import { runMain } from './main.js';
import { createLogger } from '../logger.js';
import { reindex, startRuntime } from '../runtime.js';
import { progressBar } from './progress.js';

/** `npm run reindex`: re-embeds every profile with the configured embedder, with a progress bar. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const rt = await startRuntime({ ...config, seed: false }, log, { allowEmbedderChange: true });
  try {
    let bar: ReturnType<typeof progressBar> | undefined;
    const started = performance.now();
    const n = await reindex(rt, (done, total) => {
      bar ??= progressBar('reindex', total);
      bar.update(done);
    });
    bar?.stop();
    process.stdout.write(
      `reindexed ${n} profiles with ${rt.embedder.id} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await rt.close();
  }
}

runMain(main);
