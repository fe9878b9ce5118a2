import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS } from '../../src/http/access.js';
import { testService } from '../helpers/app.js';

type Outcome = 'ok' | 403;
const ROLES = ['admin', 'coordinator', 'reviewer', 'municipality'] as const;
const all: Record<(typeof ROLES)[number], Outcome> = {
  admin: 'ok',
  coordinator: 'ok',
  reviewer: 'ok',
  municipality: 'ok',
};
const editors: typeof all = { admin: 'ok', coordinator: 'ok', reviewer: 403, municipality: 403 };
const adminOnly: typeof all = { admin: 'ok', coordinator: 403, reviewer: 403, municipality: 403 };
const ownProfile = {
  id: 'no-4631-alver',
  name: 'Alver kommune',
  kind: 'municipality',
  country: 'NO',
  region: 'Vestland',
  description: 'Kommunen arbeider med velferdsteknologi.',
};

/**
 * The role matrix, written out independently of src/http/access.ts: each route with a request
 * that would succeed for an allowed role, and who may call it. `public` routes need no token.
 */
const MATRIX: {
  route: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  who: typeof all | 'public';
}[] = [
  { route: 'GET /healthz', path: '/healthz', who: 'public' },
  { route: 'GET /openapi.json', path: '/openapi.json', who: 'public' },
  { route: 'GET /docs', path: '/docs', who: 'public' },
  { route: 'GET /v1/programmes', path: '/v1/programmes', who: 'public' },
  { route: 'GET /v1/themes', path: '/v1/themes', who: 'public' },
  {
    route: 'POST /v1/programmes/suggest',
    path: '/v1/programmes/suggest',
    body: { text: 'studietur' },
    who: 'public',
  },
  { route: 'GET /v1/profiles', path: '/v1/profiles', who: all },
  { route: 'GET /v1/profiles/:id', path: '/v1/profiles/pl-zary', who: all },
  { route: 'POST /v1/profiles', path: '/v1/profiles', body: ownProfile, who: { ...all, reviewer: 403 } },
  {
    route: 'DELETE /v1/profiles/:id',
    path: '/v1/profiles/does-not-exist',
    who: { ...all, reviewer: 403, municipality: 403 },
  },
  {
    route: 'POST /v1/profiles/import',
    path: '/v1/profiles/import',
    body: '',
    headers: { 'content-type': 'application/x-ndjson' },
    who: editors,
  },
  { route: 'POST /v1/matches', path: '/v1/matches', body: { text: 'eldreomsorg', limit: 1 }, who: all },
  { route: 'POST /v1/pairings', path: '/v1/pairings', body: { mode: 'greedy' }, who: editors },
  { route: 'GET /v1/pairings/:id', path: '/v1/pairings/run_0000000000000000', who: editors },
  {
    route: 'GET /v1/pairings/:id/export.csv',
    path: '/v1/pairings/run_0000000000000000/export.csv',
    who: editors,
  },
  {
    route: 'POST /v1/pairings/:id/suggestions',
    path: '/v1/pairings/run_0000000000000000/suggestions',
    body: {},
    who: editors,
  },
  {
    route: 'POST /v1/suggestions',
    path: '/v1/suggestions',
    body: { seekerId: 'x', candidateId: 'y' },
    who: all,
  },
  { route: 'GET /v1/suggestions', path: '/v1/suggestions', who: all },
  { route: 'GET /v1/suggestions/export.csv', path: '/v1/suggestions/export.csv', who: all },
  { route: 'GET /v1/suggestions/:id', path: '/v1/suggestions/sug_00000000000000000', who: all },
  {
    route: 'POST /v1/suggestions/:id/transitions',
    path: '/v1/suggestions/sug_00000000000000000/transitions',
    body: { to: 'shortlisted' },
    headers: { 'if-match': '"1"' },
    who: all,
  },
  {
    route: 'POST /v1/suggestions/:id/comments',
    path: '/v1/suggestions/sug_00000000000000000/comments',
    body: { text: 'x' },
    who: all,
  },
  { route: 'GET /v1/tokens', path: '/v1/tokens', who: adminOnly },
  { route: 'POST /v1/tokens', path: '/v1/tokens', body: { name: 'x' }, who: adminOnly },
  { route: 'DELETE /v1/tokens/:id', path: '/v1/tokens/tok_000000000000', who: adminOnly },
];

describe('role matrix', () => {
  let svc: Awaited<ReturnType<typeof testService>>;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    svc = await testService('pglite', { seed: true });
    const scope = {
      reviewer: { regions: ['Vestland'] },
      municipality: { profileIds: ['no-4631-alver'] },
    } as Record<string, object>;
    for (const role of [...ROLES, 'revoked'] as const) {
      const body = { name: role, role: role === 'revoked' ? 'coordinator' : role, ...scope[role] };
      const created = await (await svc.request('POST', '/v1/tokens', body)).json();
      tokens[role] = created.token;
      if (role === 'revoked')
        expect((await svc.request('DELETE', `/v1/tokens/${created.id}`)).status).toBe(204);
    }
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('covers every route of the access table', () => {
    expect(MATRIX.map((m) => m.route).sort()).toEqual(Object.keys(ACCESS).sort());
  });

  const call = (m: (typeof MATRIX)[number], authorization?: string) => {
    const [method] = m.route.split(' ');
    const headers: Record<string, string> = {
      ...(m.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...m.headers,
    };
    if (authorization) headers.authorization = authorization;
    return svc.app.request(m.path, {
      method,
      headers,
      ...(m.body !== undefined ? { body: typeof m.body === 'string' ? m.body : JSON.stringify(m.body) } : {}),
    });
  };

  for (const m of MATRIX)
    it(`${m.route}`, async () => {
      for (const role of ROLES) {
        const res = await call(m, `Bearer ${tokens[role]}`);
        const expected = m.who === 'public' ? 'ok' : m.who[role];
        if (expected === 'ok')
          expect([401, 403], `${role} on ${m.route} got ${res.status}`).not.toContain(res.status);
        else expect(res.status, `${role} on ${m.route}`).toBe(403);
      }
      for (const [label, auth] of [
        ['no token', undefined],
        ['revoked token', `Bearer ${tokens.revoked}`],
        ['malformed header', `Token ${tokens.admin}`],
        ['empty bearer', 'Bearer '],
        ['unknown token', 'Bearer pst_not-a-real-token'],
      ] as const) {
        const res = await call(m, auth);
        if (m.who === 'public') expect([401, 403], `${label} on ${m.route}`).not.toContain(res.status);
        else {
          expect(res.status, `${label} on ${m.route}`).toBe(401);
          expect(res.headers.get('content-type')).toContain('application/problem+json');
        }
      }
    });
});
