import { readFileSync } from 'node:fs';
import { loadConfig } from '../env.js';
import { runMain } from './main.js';
import { createLogger } from '../logger.js';
import { fileLines, startRuntime } from '../runtime.js';
import { progressBar } from './progress.js';
import { dropVectorIndex, ensureVectorIndex } from '../storage/candidates.js';

const BULK_LINES = 5000;

/**
 * `npm run import -- FILE.jsonl`: imports profiles into the configured database with a progress
 * bar, then prints `imported N, updated M, rejected K` and every rejected line with its reason.
 * Exit code 0 when every line was stored, 1 when some were rejected, 2 on a usage error.
 */
async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) {
    process.stderr.write('Usage: npm run import -- FILE.jsonl   (one profile per line, UTF-8)\n');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    process.stderr.write(`Cannot read ${file}: ${(err as Error).message}\n`);
    return 2;
  }
  const total = text.split('\n').filter((l, i, all) => l.trim() || i < all.length - 1).length;
  const config = loadConfig();
  // Seeding is for a first start of the service, not for an explicit import.
  const rt = await startRuntime(
    { ...config, seed: false },
    createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel),
  );
  try {
    // Large files load faster without the vector index; it is rebuilt once at the end.
    const bulk = total >= BULK_LINES;
    if (bulk) await dropVectorIndex(rt.db);
    const bar = progressBar('import', total);
    const summary = await rt.profiles.importLines(fileLines(file), 'import', (n) => bar.update(n));
    bar.stop();
    if (bulk) {
      process.stderr.write('rebuilding the vector index ...\n');
      await ensureVectorIndex(rt.db);
    }
    for (const r of summary.rejected)
      process.stdout.write(`line ${r.line}${r.id ? ` (${r.id})` : ''}: ${r.reason}\n`);
    process.stdout.write(
      `imported ${summary.imported}, updated ${summary.updated}, rejected ${summary.rejected.length}` +
        (summary.unchanged ? ` (${summary.unchanged} unchanged)` : '') +
        '\n',
    );
    return summary.rejected.length ? 1 : 0;
  } finally {
    await rt.close();
  }
}

runMain(main);
