import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './env.js';
import { createLogger } from './logger.js';
import { EmbedderMismatchError, startRuntime } from './runtime.js';
import { DatabaseSetupError } from './storage/database.js';

/** Starts the HTTP service: config → database → app → listen; shuts down cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const started = performance.now();
  let rt;
  try {
    rt = await startRuntime(config, log);
  } catch (err) {
    if (err instanceof EmbedderMismatchError || err instanceof DatabaseSetupError) {
      log.fatal(err.message);
      process.stderr.write(`\n${err.message}\n`);
      process.exit(3);
    }
    throw err;
  }
  const initialToken = await rt.tokens.bootstrap();
  const app = createApp({ ...rt, config, logger: log, embedderId: rt.embedder.id });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    log.info(
      {
        url: `http://${config.host}:${info.port}`,
        backend: rt.db.backend,
        embedder: rt.embedder.id,
        ms: Math.round(performance.now() - started),
      },
      'listening',
    );
    if (initialToken)
      // Printed once, to the terminal only, never to the log.
      process.stderr.write(
        `\nNo ADMIN_TOKEN is set and no token existed, so an admin token was created. It is shown only now:\n\n  ${initialToken}\n\nUse it as "Authorization: Bearer <token>". Create more with POST /v1/tokens.\n\n`,
      );
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      log.warn('in-flight requests did not finish within 10 s; closing anyway');
      void rt.close().finally(() => process.exit(1));
    }, 10_000);
    force.unref();
    server.close(async () => {
      await rt.close();
      log.info('database closed; bye');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Start-up failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
