import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testService } from '../helpers/app.js';

describe('limits that keep one caller from starving the others', () => {
  let limited: Awaited<ReturnType<typeof testService>>;
  let slow: Awaited<ReturnType<typeof testService>>;
  beforeAll(async () => {
    limited = await testService('pglite', { env: { RATE_LIMIT_PER_MINUTE: '3' } });
    // Over the wire: embedded PGlite runs each statement synchronously, so no timer can interrupt it
    // (the README says so); with a server the request waits on I/O and the timeout answers.
    slow = await testService('wire', { seed: true, env: { REQUEST_TIMEOUT_MS: '1' } });
  });
  afterAll(async () => {
    await limited?.close();
    await slow?.close();
  });

  it('rate-limits each token with 429 and Retry-After', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await limited.request('GET', '/v1/profiles')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const res = await limited.request('GET', '/v1/profiles');
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).detail).toMatch(/at most 3 per minute/);
    // Health checks are not rate-limited.
    expect((await limited.app.request('/healthz')).status).toBe(200);
  });

  it('answers 503 problem+json when a request outlives the timeout', async () => {
    const res = await slow.request('POST', '/v1/matches', { profileId: 'pl-zary', limit: 100 });
    expect(res.status).toBe(503);
    expect((await res.json()).detail).toMatch(/longer than 1 ms/);
  });

  it('bounds limit and pairing sizes', async () => {
    expect((await limited.request('POST', '/v1/matches', { text: 'x', limit: 1000 })).status).toBe(429);
    const fresh = await testService('pglite');
    try {
      expect((await fresh.request('POST', '/v1/matches', { text: 'x', limit: 1000 })).status).toBe(400);
      const ids = Array.from({ length: 301 }, (_, i) => `p-${i}`);
      const res = await fresh.request('POST', '/v1/pairings', { donors: { ids } });
      expect(res.status).toBe(400);
      expect((await res.json()).errors[0].field).toBe('donors.ids');
    } finally {
      await fresh.close();
    }
  });
});
