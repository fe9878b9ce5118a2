import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import type { AppEnv } from '../../src/http/context.js';
import { requestContext } from '../../src/http/middleware.js';
import { onError } from '../../src/http/problem.js';
import { createLogger } from '../../src/logger.js';
import { securityHeaders } from '../../src/http/security-headers.js';

const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

function testApp(secureCookies: boolean) {
  const app = new Hono<AppEnv>();
  app.use('*', requestContext(createLogger('silent')));
  app.use('*', securityHeaders({ secureCookies }));
  app.get('/ok', (c) => {
    c.header('X-Powered-By', 'Hono');
    return c.json({ ok: true });
  });
  app.get('/fail', () => {
    throw new AppError(403, 'forbidden', 'no');
  });
  app.onError(onError);
  return app;
}

describe('securityHeaders', () => {
  it('sets CSP, nosniff, no-referrer and DENY, and removes X-Powered-By', async () => {
    const res = await testApp(false).request('/ok');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.has('x-powered-by')).toBe(false);
  });

  it('sends Strict-Transport-Security only over HTTPS (secureCookies)', async () => {
    expect((await testApp(false).request('/ok')).headers.has('strict-transport-security')).toBe(false);
    expect((await testApp(true).request('/ok')).headers.get('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    );
  });

  it('covers error responses and unknown routes too', async () => {
    const app = testApp(true);
    for (const [path, status] of [
      ['/fail', 403],
      ['/missing', 404],
    ] as const) {
      const res = await app.request(path);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-security-policy'), path).toBe(CSP);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('strict-transport-security'), path).toMatch(/^max-age=/);
    }
  });
});
