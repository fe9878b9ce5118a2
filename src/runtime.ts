import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { TokenService } from './auth/service.js';
import { loadCatalogue, SEEDS_DIR, type Catalogue } from './catalogue/load.js';
import type { Embedder } from './embeddings/embedder.js';
import { selectEmbedder } from './embeddings/select.js';
import type { Config } from './env.js';
import type { Logger } from './logger.js';
import { MatchingService } from './matching/service.js';
import { PairingService } from './pairing/service.js';
import { SuggestionService } from './suggestions/service.js';
import { ProfileService, type ImportSummary } from './profiles/service.js';
import type { Database } from './storage/database.js';
import { getMeta, setMeta } from './storage/meta.js';
import { migrate } from './storage/migrate.js';
import { openDatabase } from './storage/open.js';
import { analyzeProfiles, countProfiles } from './storage/profiles.js';
import { ensureVectorIndex } from './storage/candidates.js';

/** The running service's parts, shared by the HTTP server, the CLIs and the tests. */
export interface Runtime {
  config: Config;
  db: Database;
  catalogue: Catalogue;
  embedder: Embedder;
  profiles: ProfileService;
  matching: MatchingService;
  pairings: PairingService;
  suggestions: SuggestionService;
  tokens: TokenService;
  close(): Promise<void>;
}

/** Raised when the stored vectors were made by another embedder than the configured one. */
export class EmbedderMismatchError extends Error {
  override name = 'EmbedderMismatchError';
}

interface StoredEmbedder {
  id: string;
  dimension: number;
}

/** Lines of a file, for imports. */
export function fileLines(file: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
}

/** The illustrative seed profiles. */
export const SEED_PROFILES = fileURLToPath(new URL('profiles.jsonl', `file://${SEEDS_DIR}`));

/**
 * Opens the database, applies migrations, picks the embedder and checks that it is the one the
 * stored vectors were made with, seeds an empty database once, and wires the services.
 * `allowEmbedderChange` is for `npm run reindex` only; `db` and `embedder` let tests inject their own.
 */
export async function startRuntime(
  config: Config,
  log: Logger,
  opts: { allowEmbedderChange?: boolean; embedder?: Embedder; db?: Database } = {},
): Promise<Runtime> {
  const catalogue = loadCatalogue();
  const db = opts.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  try {
    const { applied } = await migrate(db);
    if (applied.length) log.info({ applied }, 'migrations applied');
    await ensureVectorIndex(db);
    await analyzeProfiles(db);
    const embedder = opts.embedder ?? (await selectEmbedder(config.embedder, catalogue, log));
    const stored = await getMeta<StoredEmbedder>(db, 'embedder');
    if (!stored || (await countProfiles(db)) === 0)
      await setMeta(db, 'embedder', { id: embedder.id, dimension: embedder.dimension });
    else if (stored.id !== embedder.id && !opts.allowEmbedderChange) {
      await embedder.close();
      throw new EmbedderMismatchError(
        `The stored vectors were made with ${stored.id}, but the configured embedder is ${embedder.id}. ` +
          `Run "npm run reindex" (same configuration) to re-embed every profile, or configure EMBEDDER/MODEL to match.`,
      );
    }
    const profiles = new ProfileService(db, catalogue, embedder);
    const matching = new MatchingService(db, catalogue, embedder, () => profiles.generation);
    const pairings = new PairingService(db, catalogue, embedder, () => matching.termStats());
    const runtime: Runtime = {
      config,
      db,
      catalogue,
      embedder,
      profiles,
      matching,
      pairings,
      suggestions: new SuggestionService(db, matching, pairings),
      tokens: new TokenService(db, config.adminToken),
      async close() {
        await embedder.close();
        await db.close();
      },
    };
    if (config.seed && !(await getMeta(db, 'seeded_at')) && (await countProfiles(db)) === 0) {
      const summary: ImportSummary = await profiles.importLines(fileLines(SEED_PROFILES), 'seed');
      if (summary.rejected.length)
        log.warn({ rejected: summary.rejected }, 'some seed profiles were rejected');
      await setMeta(db, 'seeded_at', new Date().toISOString());
      log.info({ imported: summary.imported, rejected: summary.rejected.length }, 'seed data loaded');
    }
    return runtime;
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** Re-embeds every profile with the runtime's embedder, in batches, then records the embedder. */
export async function reindex(
  rt: Runtime,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  return rt.profiles.reembedAll(onProgress).then(async (n) => {
    await setMeta(rt.db, 'embedder', { id: rt.embedder.id, dimension: rt.embedder.dimension });
    return n;
  });
}
