import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppEnv } from '../../http/context.js';
import type { Database } from '../../storage/database.js';
import { appliedMigrations, readMigrations } from '../../storage/migrate.js';
import { countProfiles } from '../../storage/profiles.js';

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.object({ backend: z.enum(['pglite', 'postgres']), reachable: z.boolean() }),
    migrations: z.object({ applied: z.array(z.number()), pending: z.array(z.number()) }),
    embedder: z.string(),
    profiles: z.number().int().optional(),
  })
  .meta({ id: 'Health' });

export const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['health'],
  summary: 'Database reachable and migrations applied',
  responses: {
    200: { description: 'Healthy', content: { 'application/json': { schema: HealthSchema } } },
    503: { description: 'Not healthy', content: { 'application/json': { schema: HealthSchema } } },
  },
});

/** `GET /healthz`: 200 when the database answers and every migration file is applied, else 503. */
export function healthRouter(db: Database, embedderId: string) {
  const app = new OpenAPIHono<AppEnv>();
  const expected = readMigrations().then((ms) => ms.map((m) => m.version));
  app.openapi(healthRoute, async (c) => {
    try {
      const applied = await appliedMigrations(db);
      const pending = (await expected).filter((v) => !applied.includes(v));
      const profiles = await countProfiles(db);
      const ok = pending.length === 0;
      const body = {
        status: ok ? ('ok' as const) : ('degraded' as const),
        database: { backend: db.backend, reachable: true },
        migrations: { applied, pending },
        embedder: embedderId,
        profiles,
      };
      return c.json(body, ok ? 200 : 503);
    } catch (err) {
      c.get('log').error({ err: (err as Error).message }, 'health check failed');
      const body = {
        status: 'degraded' as const,
        database: { backend: db.backend, reachable: false },
        migrations: { applied: [], pending: await expected },
        embedder: embedderId,
      };
      return c.json(body, 503);
    }
  });
  return app;
}
