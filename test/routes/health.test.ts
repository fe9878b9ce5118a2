import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { sql } from '../../src/storage/sql.js';
import { ADMIN, testService } from '../helpers/app.js';

describe('health, OpenAPI and logs', () => {
  let svc: Awaited<ReturnType<typeof testService>>;
  beforeAll(async () => {
    svc = await testService('pglite');
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('reports the database, migrations and embedder on /healthz, and 503 when a migration is missing', async () => {
    const res = await svc.app.request('/healthz');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      status: string;
      migrations: { applied: number[]; pending: number[] };
      embedder: string;
    };
    expect(body.status).toBe('ok');
    expect(body.migrations.pending).toEqual([]);
    expect(body.migrations.applied).toContain(1);
    expect(body.embedder).toMatch(/^offline-v1:/);
    await svc.rt.db.query(sql`DELETE FROM schema_migrations WHERE version = 1`);
    const degraded = await svc.app.request('/healthz');
    expect(degraded.status).toBe(503);
    expect(((await degraded.json()) as { migrations: { pending: number[] } }).migrations.pending).toEqual([
      1,
    ]);
    await svc.rt.db.query(
      sql`INSERT INTO schema_migrations (version, name, checksum) VALUES (1, 'init', 'x')`,
    );
  });

  it('serves an OpenAPI 3.1 document generated from the schemas, and a docs page that renders it', async () => {
    const doc = (await (await svc.app.request('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/v1/matches',
      '/v1/profiles',
      '/v1/profiles/{id}',
      '/v1/profiles/import',
      '/v1/pairings',
      '/v1/programmes',
      '/v1/themes',
      '/healthz',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Profile', 'MatchRequest', 'MatchResponse', 'Problem']),
    );
    const html = await (await svc.app.request('/docs')).text();
    expect(html).toContain('/v1/matches');
    expect(html).not.toMatch(/<script/i);
  });

  it('never writes a bearer token into the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const logger = createLogger('info', sink);
    const app = createApp({ ...svc.rt, config: svc.rt.config, logger, embedderId: svc.rt.embedder.id });
    const { token } = (await (
      await app.request('/v1/tokens', {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'log test', role: 'reviewer', regions: ['Vestland'] }),
      })
    ).json()) as { token: string };
    await app.request('/v1/profiles', { headers: { authorization: `Bearer ${token}` } });
    await app.request('/v1/profiles', { headers: { authorization: 'Bearer wrong-token-value-123' } });
    const log = lines.join('');
    expect(log).toContain('"msg":"request"');
    expect(log).toContain('"status":401');
    for (const secret of [ADMIN, token, 'wrong-token-value-123']) expect(log).not.toContain(secret);
  });
});
