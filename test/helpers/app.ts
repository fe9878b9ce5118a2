import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/env.js';
import { createLogger } from '../../src/logger.js';
import { startRuntime, type Runtime } from '../../src/runtime.js';
import type { Embedder } from '../../src/embeddings/embedder.js';
import { freshDatabase, type Backend } from './backends.js';

export const ADMIN = 'test-admin-token-0123456789';

/** Tests read response bodies loosely; the assertions check their shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TestResponse = Omit<Response, 'json'> & { json(): Promise<any> };

/** A complete service on a fresh database: the runtime, the Hono app and a request helper. */
export async function testService(
  backend: Backend,
  opts: { seed?: boolean; env?: Record<string, string>; embedder?: Embedder } = {},
): Promise<{
  rt: Runtime;
  app: ReturnType<typeof createApp>;
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<TestResponse>;
  close(): Promise<void>;
}> {
  const { db, close } = await freshDatabase(backend);
  const config = loadConfig({
    ADMIN_TOKEN: ADMIN,
    SEED: opts.seed ? 'true' : 'false',
    EMBEDDER: 'offline',
    LOG_LEVEL: 'silent',
    ...opts.env,
  });
  const logger = createLogger('silent');
  const rt = await startRuntime(config, logger, {
    db,
    ...(opts.embedder ? { embedder: opts.embedder } : {}),
  });
  const app = createApp({ ...rt, config, logger, embedderId: rt.embedder.id });
  return {
    rt,
    app,
    request(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { authorization: `Bearer ${ADMIN}`, ...headers } };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      }
      return Promise.resolve(app.request(path, init));
    },
    async close() {
      await rt.embedder.close();
      await close();
    },
  };
}
