import { mkdirSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/storage/sql.js';
import { ADMIN, testService } from '../helpers/app.js';

/** Generated requests per route; the README quotes this figure. */
const RUNS = 200;
/**
 * The same inputs on every run by default, so CI is reproducible and a failure can be replayed;
 * `FUZZ_SEED=random npm test` explores new ones (and prints the seed of any failure), `FUZZ_SEED=<n>`
 * replays a run.
 */
const SEED = process.env.FUZZ_SEED === 'random' ? undefined : Number(process.env.FUZZ_SEED ?? 20261123) | 0;

const validProfile = {
  id: 'fz-valid',
  name: 'Fuzz kommune',
  kind: 'municipality',
  country: 'NO',
  description: 'Kommunen arbeider med velferdsteknologi.',
};

interface Target {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  valid?: Record<string, unknown>;
}

const TARGETS: Target[] = [
  { method: 'POST', path: '/v1/profiles', valid: validProfile },
  { method: 'POST', path: '/v1/profiles/import' },
  { method: 'GET', path: '/v1/profiles' },
  { method: 'GET', path: '/v1/profiles/pl-zary' },
  { method: 'DELETE', path: '/v1/profiles/no-such-profile' },
  { method: 'POST', path: '/v1/matches', valid: { text: 'eldreomsorg', limit: 3 } },
  { method: 'POST', path: '/v1/programmes/suggest', valid: { text: 'studietur' } },
  { method: 'GET', path: '/v1/programmes' },
  { method: 'POST', path: '/v1/pairings', valid: { mode: 'optimal', minScore: 0.9 } },
  { method: 'GET', path: '/v1/pairings/run_0000000000000000' },
  { method: 'POST', path: '/v1/suggestions', valid: { seekerId: 'no-4631-alver', candidateId: 'pl-nisko' } },
  { method: 'GET', path: '/v1/suggestions' },
  { method: 'POST', path: '/v1/suggestions/sug_00000000000000000/transitions', valid: { to: 'shortlisted' } },
  { method: 'POST', path: '/v1/suggestions/sug_00000000000000000/comments', valid: { text: 'x' } },
  { method: 'POST', path: '/v1/tokens', valid: { name: 'fuzz', role: 'coordinator' } },
  { method: 'DELETE', path: '/v1/tokens/tok_000000000000' },
];

const evil = fc.constantFrom(
  "'; DROP TABLE profiles; --",
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  '\u0000',
  '%_\\',
  'x'.repeat(30_000),
  '💥'.repeat(500),
  '1e309',
);
const deep = fc.integer({ min: 50, max: 3000 }).map((n) => {
  let v: unknown = 'leaf';
  for (let i = 0; i < n; i++) v = i % 2 ? { a: v } : [v];
  return v;
});
const jsonish = fc.oneof(fc.jsonValue(), evil, deep, fc.constant({ __proto__: { polluted: true } }));

/** Bodies: random JSON, a valid body with one field dropped, retyped or replaced, protective keys, raw bytes. */
function bodies(
  valid: Record<string, unknown> | undefined,
): fc.Arbitrary<{ body: string | Uint8Array; type: string }> {
  const text = (a: fc.Arbitrary<unknown>) => a.map((v) => JSON.stringify(v) ?? 'null');
  const mutated = valid
    ? fc.tuple(fc.constantFrom(...Object.keys(valid)), jsonish, fc.boolean()).map(([k, v, drop]) => {
        const copy: Record<string, unknown> = { ...valid };
        if (drop) delete copy[k];
        else copy[k] = v;
        return copy;
      })
    : fc.jsonValue();
  const protoKeys = fc
    .constantFrom('__proto__', 'constructor', 'prototype')
    .map((k) => `{"${k}": {"polluted": true}${valid ? `, ${JSON.stringify(valid).slice(1, -1)}` : ''}}`);
  return fc.record({
    body: fc.oneof(
      text(fc.anything()),
      text(mutated),
      protoKeys,
      fc.string({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }),
      fc.constant(new Uint8Array([0x7b, 0x22, 0x78, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])),
    ),
    // Mostly JSON, so most requests reach validation and the handlers rather than the 415.
    type: fc.oneof(
      { arbitrary: fc.constant('application/json'), weight: 6 },
      {
        arbitrary: fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/x-ndjson',
          '',
          'application/json; charset=latin1',
          'multipart/form-data; boundary=x',
        ),
        weight: 2,
      },
    ),
  });
}

const query = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      'country',
      'kind',
      'role',
      'programme',
      'language',
      'theme',
      'q',
      'limit',
      'cursor',
      'state',
      'region',
      'candidateCountry',
    ),
    fc.string({ maxLength: 10 }),
  ),
  fc.oneof(
    fc.string({ maxLength: 50 }),
    evil,
    fc.constantFrom('-1', '0', '99999999999', 'NO,PL', 'nn', 'sug_zzzzzzzzzzzzzzzzz'),
  ),
  { maxKeys: 4 },
);
const headers = fc.record({
  'if-match': fc.option(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('"1"', 'W/"1"', '*')), {
    nil: undefined,
  }),
  'x-request-id': fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
  accept: fc.option(fc.constantFrom('text/html', '*/*', 'application/xml'), { nil: undefined }),
});

describe('every route under generated bad input', () => {
  let svc: Awaited<ReturnType<typeof testService>>;
  const summary: Record<string, Record<string, number>> = {};
  const counts = async () => {
    const rows = await svc.rt.db.query<{ t: string; n: number }>(sql`
      SELECT 'profiles' AS t, count(*)::int AS n FROM profiles UNION ALL
      SELECT 'suggestions', count(*)::int FROM suggestions UNION ALL
      SELECT 'events', count(*)::int FROM suggestion_events UNION ALL
      SELECT 'runs', count(*)::int FROM pairing_runs UNION ALL
      SELECT 'tokens', count(*)::int FROM api_tokens`);
    return Object.fromEntries(rows.map((r) => [r.t, r.n]));
  };

  beforeAll(async () => {
    svc = await testService('pglite', { seed: true, env: { RATE_LIMIT_PER_MINUTE: '0' } });
  });
  afterAll(async () => {
    await svc?.close();
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/fuzz-summary.json', JSON.stringify(summary, null, 2));
  });

  for (const t of TARGETS)
    it(`${t.method} ${t.path}: never a 5xx, always problem+json, nothing stored when rejected`, async () => {
      const statuses: Record<string, number> = {};
      await fc.assert(
        fc.asyncProperty(bodies(t.valid), query, headers, async ({ body, type }, q, h) => {
          const before = await counts();
          const qs = new URLSearchParams(q).toString();
          const res = await svc.app.request(`${t.path}${qs ? `?${qs}` : ''}`, {
            method: t.method,
            headers: {
              authorization: `Bearer ${ADMIN}`,
              ...(type ? { 'content-type': type } : {}),
              ...Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)),
            },
            ...(t.method === 'GET' ? {} : { body }),
          });
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          expect(res.status, await res.clone().text()).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.headers.get('content-type')).toContain('application/problem+json');
            const p = (await res.json()) as { status: number; detail: string };
            expect(p.status).toBe(res.status);
            expect(p.detail.length).toBeGreaterThan(0);
            // An import may store its valid lines and still report others; everything else stores nothing.
            if (!t.path.endsWith('/import')) expect(await counts()).toEqual(before);
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED + TARGETS.indexOf(t) }) },
      );
      summary[`${t.method} ${t.path}`] = statuses;
    });

  it('refuses the NUL character, which PostgreSQL cannot store, with a 400 (found by this fuzzer)', async () => {
    const res = await svc.request('POST', '/v1/profiles', {
      ...validProfile,
      id: 'fz-nul',
      description: 'a\u0000b',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).detail).toMatch(/NUL/);
    const line = JSON.stringify({ ...validProfile, id: 'fz-nul-import', name: 'x\u0000' });
    const imported = await (
      await svc.request('POST', '/v1/profiles/import', line, { 'content-type': 'application/x-ndjson' })
    ).json();
    expect(imported.rejected).toEqual([
      expect.objectContaining({ line: 1, reason: expect.stringMatching(/NUL/) }),
    ]);
    expect((await svc.request('GET', '/v1/profiles/fz-nul-import')).status).toBe(404);
    // In a query string too, on the API and the web pages (found by this fuzzer as well).
    for (const path of ['/v1/profiles?q=%00', '/v1/suggestions?region=a%00b', '/gjennomgang?region=%00']) {
      const r = await svc.request('GET', path);
      expect(r.status, path).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('stores SQL and markup in text and filter fields literally', async () => {
    const nasty = "Robert'); DROP TABLE profiles;-- <script>alert('x')</script> %_\\ ${x} Żółć";
    const res = await svc.request('POST', '/v1/profiles', {
      ...validProfile,
      id: 'fz-nasty',
      name: nasty,
      description: nasty,
      needs: nasty,
    });
    expect(res.status).toBe(201);
    const got = await (await svc.request('GET', '/v1/profiles/fz-nasty')).json();
    expect([got.name, got.description, got.needs]).toEqual([nasty, nasty, nasty]);
    const listed = await svc.request('GET', `/v1/profiles?q=${encodeURIComponent(nasty)}`);
    expect(listed.status).toBe(200);
    expect((await listed.json()).items.map((p: { id: string }) => p.id)).toContain('fz-nasty');
    expect((await svc.request('POST', '/v1/matches', { text: nasty, limit: 3 })).status).toBe(200);
    expect((await svc.request('GET', `/v1/suggestions?region=${encodeURIComponent(nasty)}`)).status).toBe(
      200,
    );
    expect(await svc.rt.db.query(sql`SELECT 1 FROM profiles LIMIT 1`)).toHaveLength(1);
  });
});
