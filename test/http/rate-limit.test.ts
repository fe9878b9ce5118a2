import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../src/http/context.js';
import { requestContext } from '../../src/http/middleware.js';
import { onError } from '../../src/http/problem.js';
import { rateLimit } from '../../src/http/rate-limit.js';
import { createLogger } from '../../src/logger.js';

/** A tiny app mapped like the real one (problem+json via onError), keyed by an `x-token` header. */
function testApp(perMinute: number, maxKeys?: number) {
  let clock = 1_000_000;
  const limiter = rateLimit({
    perMinute,
    key: (c) => c.req.header('x-token'),
    now: () => clock,
    ...(maxKeys ? { maxKeys } : {}),
  });
  const app = new Hono<AppEnv>();
  app.use('*', requestContext(createLogger('silent')));
  app.use('*', limiter);
  app.get('/ping', (c) => c.json({ ok: true }));
  app.onError(onError);
  return {
    limiter,
    advance: (ms: number) => (clock += ms),
    get: (token?: string, headers: Record<string, string> = {}) =>
      Promise.resolve(
        app.request('/ping', { headers: { ...(token ? { 'x-token': token } : {}), ...headers } }),
      ),
  };
}

describe('rateLimit', () => {
  it('lets N requests through with RateLimit headers, answers the N+1st 429 with Retry-After', async () => {
    const t = testApp(5);
    for (let i = 0; i < 5; i++) {
      const res = await t.get('a');
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBe('5');
      expect(res.headers.get('ratelimit-remaining')).toBe(String(4 - i));
    }
    const res = await t.get('a');
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    // One request per 12 s comes back at this rate.
    expect(res.headers.get('retry-after')).toBe('12');
    const body = (await res.json()) as { type: string; detail: string; status: number };
    expect(body.type).toBe('urn:partnarsok:problem:rate-limited');
    expect(body.status).toBe(429);
    expect(body.detail).toBe('Too many requests: at most 5 per minute for this token; retry after 12 s');
  });

  it('refills as time passes, never beyond the limit', async () => {
    const t = testApp(60);
    for (let i = 0; i < 60; i++) expect((await t.get('a')).status).toBe(200);
    expect((await t.get('a')).status).toBe(429);
    t.advance(999);
    expect((await t.get('a')).status).toBe(429);
    t.advance(1);
    expect((await t.get('a')).status).toBe(200);
    expect((await t.get('a')).status).toBe(429);
    // A long pause fills the bucket to the limit, not more.
    t.advance(3_600_000);
    let passed = 0;
    while ((await t.get('a')).status === 200) passed++;
    expect(passed).toBe(60);
  });

  it('keeps separate keys independent, and falls back to the first X-Forwarded-For address', async () => {
    const t = testApp(2);
    expect((await t.get('a')).status).toBe(200);
    expect((await t.get('a')).status).toBe(200);
    expect((await t.get('a')).status).toBe(429);
    expect((await t.get('b')).status).toBe(200);

    const from = (ip: string) => ({ 'x-forwarded-for': `${ip}, 10.0.0.1` });
    expect((await t.get(undefined, from('192.0.2.1'))).status).toBe(200);
    expect((await t.get(undefined, from('192.0.2.1'))).status).toBe(200);
    const limited = await t.get(undefined, from('192.0.2.1'));
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { detail: string }).detail).toContain('for this client address');
    // Same proxy, another client.
    expect((await t.get(undefined, from('192.0.2.2'))).status).toBe(200);
  });

  it('tracks at most maxKeys keys, forgetting the least recently used', async () => {
    const t = testApp(1, 3);
    expect((await t.get('a')).status).toBe(200);
    expect((await t.get('b')).status).toBe(200);
    expect((await t.get('c')).status).toBe(200);
    expect((await t.get('a')).status).toBe(429); // a is now the most recent
    expect((await t.get('d')).status).toBe(200); // evicts b
    expect(t.limiter.trackedKeys()).toBe(3);
    expect((await t.get('a')).status).toBe(429); // a was kept
    expect((await t.get('b')).status).toBe(200); // b was forgotten: a fresh bucket
    for (let i = 0; i < 1000; i++) await t.get(`k${i}`);
    expect(t.limiter.trackedKeys()).toBe(3);
  });

  it('refuses a nonsensical limit at construction', () => {
    expect(() => rateLimit({ perMinute: 0, key: () => undefined })).toThrow(/perMinute/);
    expect(() => rateLimit({ perMinute: 10, key: () => undefined, maxKeys: 0 })).toThrow(/maxKeys/);
  });
});
