import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** One year: long enough that a browser that once saw HTTPS never falls back to plain HTTP. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Browser-facing hardening for every response, errors included: a strict Content-Security-Policy
 * (the /docs page has an inline stylesheet and no script), no framing, no MIME sniffing, no referrer,
 * no X-Powered-By. HSTS only when the service is served over HTTPS (`secureCookies`): sent over plain
 * HTTP it would be ignored at best and lock users out of a misconfigured host at worst.
 */
export function securityHeaders(opts: { secureCookies: boolean }): MiddlewareHandler {
  return secureHeaders({
    // Keys in this order give the directives in this order in the header.
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      scriptSrc: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
    },
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    strictTransportSecurity: opts.secureCookies ? HSTS : false,
    removePoweredBy: true,
  });
}
