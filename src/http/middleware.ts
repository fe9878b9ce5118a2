import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { TokenService } from '../auth/service.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { ACCESS } from './access.js';
import type { AppEnv } from './context.js';

/** Gives each request an id (the caller's `X-Request-Id` when sane) and a child logger; logs one line per request. */
export function requestContext(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const id = incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : crypto.randomUUID();
    const log = logger.child({ requestId: id });
    c.set('requestId', id);
    c.set('log', log);
    c.set('principal', undefined);
    const start = performance.now();
    await next();
    c.header('X-Request-Id', id);
    log.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - start),
        token: c.get('principal')?.tokenId,
      },
      'request',
    );
  };
}

/** Requires a JSON content type on bodies of JSON routes, so a form post gets a 415, not a confusing validation error. */
export function requireJson(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (['POST', 'PUT', 'PATCH'].includes(c.req.method) && !c.req.path.endsWith('/import')) {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json')
        throw new AppError(
          415,
          'unsupported-media-type',
          `Send the request body as application/json (got ${type || 'no content type'})`,
        );
      // Invalid bytes would otherwise become U+FFFD and be stored as if someone had typed them.
      // Hono caches the body, so the JSON validator reads these same bytes again.
      let text: string;
      try {
        text = STRICT_UTF8.decode(await c.req.arrayBuffer());
      } catch {
        throw new AppError(
          400,
          'invalid-encoding',
          'The request body is not valid UTF-8; send JSON encoded as UTF-8',
        );
      }
      // PostgreSQL cannot store U+0000 in text or jsonb; no field of this API needs it.
      if (/\\u0000/i.test(text))
        throw new AppError(
          400,
          'validation',
          'The request body contains the NUL character (\\u0000), which no field accepts',
        );
    }
    await next();
  };
}

/**
 * Refuses URLs carrying the NUL character (`%00`), for every route: PostgreSQL cannot take U+0000 in
 * a text parameter, and query strings feed the SQL filters of both the API and the web pages. (JSON
 * bodies are checked in requireJson; web forms drop it.)
 */
export function rejectNulInUrl(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (/%00/i.test(c.req.url))
      throw new AppError(
        400,
        'validation',
        'The address contains the NUL character (%00), which no parameter accepts',
      );
    await next();
  };
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Answers 503 when a request takes longer than `ms`, so one slow caller gets a clear answer instead
 * of holding a connection open. The work itself cannot be cancelled (PGlite has no query cancel);
 * the database serialises it with the other requests.
 */
export function requestTimeout(ms: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new AppError(503, 'timeout', `The request took longer than ${ms} ms; try again or narrow it`),
          ),
        ms,
      );
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * Checks the bearer token against the route's rule in ACCESS. Runs after routing, so the rule is
 * looked up by the matched route pattern, not the raw path.
 */
export function authorize(tokens: TokenService): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // The first matched route that is not middleware (`app.use` registers method ALL) is the one
    // whose handler will run; later matches (e.g. `/:id` after `/export.csv`) never do.
    const route = matchedRoutes(c).find((r) => r.method !== 'ALL');
    // No handler matched: let the not-found handler answer 404 or 405. The web pages (outside /v1)
    // have their own session-cookie sign-in.
    if (!route || (!route.path.startsWith('/v1/') && !(`GET ${route.path}` in ACCESS))) return next();
    const key = `${c.req.method === 'HEAD' ? 'GET' : c.req.method} ${route.path}`;
    const rule = ACCESS[key];
    if (rule === 'public') return next();
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m)
      throw new AppError(
        401,
        'unauthorized',
        'This route needs a token: send "Authorization: Bearer <token>"',
        {
          headers: { 'WWW-Authenticate': 'Bearer realm="partnarsok"' },
        },
      );
    const principal = await tokens.authenticate(m[1]!);
    if (!principal)
      throw new AppError(401, 'unauthorized', 'The token is unknown or revoked', {
        headers: { 'WWW-Authenticate': 'Bearer realm="partnarsok", error="invalid_token"' },
      });
    c.set('principal', principal);
    const allowed = rule ?? ['admin'];
    if (!allowed.includes(principal.role))
      throw new AppError(
        403,
        'forbidden',
        `A ${principal.role} token may not call ${key}; allowed roles: ${allowed.join(', ')}`,
      );
    await next();
  };
}
