import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/context.js';
import { pairingCsv } from '../../pairing/csv.js';
import type { PairingService } from '../../pairing/service.js';
import { createPairingRoute, exportPairingRoute, getPairingRoute } from './pairings.routes.js';

/** Pairing runs for KS coordinators. */
export function pairingsRouter(
  pairings: PairingService,
  hook: ConstructorParameters<typeof OpenAPIHono<AppEnv>>[0],
) {
  const app = new OpenAPIHono<AppEnv>(hook);
  app.openapi(createPairingRoute, async (c) => {
    const run = await pairings.run(c.req.valid('json'), c.get('principal')?.tokenId ?? 'unknown');
    c.get('log').info(
      { run: run.id, mode: run.mode, pairs: run.pairs.length, total: run.totalScore },
      'pairing run',
    );
    c.header('Location', `/v1/pairings/${run.id}`);
    return c.json(run, 201);
  });
  app.openapi(getPairingRoute, async (c) => c.json(await pairings.get(c.req.valid('param').id), 200));
  app.openapi(exportPairingRoute, async (c) => {
    const run = await pairings.get(c.req.valid('param').id);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="partnarsok-${run.id}.csv"`);
    return c.body(pairingCsv(run), 200);
  });
  return app;
}
