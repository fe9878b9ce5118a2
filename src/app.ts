import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { TokenService } from './auth/service.js';
import type { Catalogue } from './catalogue/load.js';
import type { Config } from './env.js';
import { AppError, validationError } from './errors.js';
import type { AppEnv } from './http/context.js';
import { authorize, rejectNulInUrl, requestContext, requestTimeout, requireJson } from './http/middleware.js';
import { onError, problem } from './http/problem.js';
import { rateLimit } from './http/rate-limit.js';
import { securityHeaders } from './http/security-headers.js';
import type { Logger } from './logger.js';
import type { MatchingService } from './matching/service.js';
import type { PairingService } from './pairing/service.js';
import type { ProfileService } from './profiles/service.js';
import type { SuggestionService } from './suggestions/service.js';
import { catalogueRouter } from './routes/catalogue/catalogue.handlers.js';
import { docsRouter } from './routes/docs/docs.handlers.js';
import { healthRouter } from './routes/health/health.handlers.js';
import { matchesRouter } from './routes/matches/matches.handlers.js';
import { pairingsRouter } from './routes/pairings/pairings.handlers.js';
import { profilesRouter } from './routes/profiles/profiles.handlers.js';
import { suggestionsRouter } from './routes/suggestions/suggestions.handlers.js';
import { tokensRouter } from './routes/tokens/tokens.handlers.js';
import type { Database } from './storage/database.js';
import { webRouter } from './web/router.js';

/** Everything the HTTP layer needs, built by the caller (src/index.ts or a test). */
export interface AppDeps {
  config: Pick<
    Config,
    'bodyLimitBytes' | 'importLimitBytes' | 'publicUrl' | 'rateLimitPerMinute' | 'requestTimeoutMs'
  >;
  db: Database;
  catalogue: Catalogue;
  logger: Logger;
  profiles: ProfileService;
  matching: MatchingService;
  pairings: PairingService;
  suggestions: SuggestionService;
  tokens: TokenService;
  embedderId: string;
}

const TARGETS: Record<string, string> = {
  json: 'request body',
  query: 'query string',
  param: 'path parameter',
};

/** Builds the Hono app; `serve()` happens elsewhere, so tests drive `app.request()` directly. */
export function createApp(deps: AppDeps) {
  // Every route's validation failure becomes one problem+json 400 naming the bad fields.
  const hook = {
    defaultHook: (result: { success: boolean; error?: unknown; target: string }) => {
      if (!result.success)
        throw validationError(result.error as never, TARGETS[result.target] ?? result.target);
    },
  };
  const app = new OpenAPIHono<AppEnv>(hook);

  app.use('*', requestContext(deps.logger));
  app.use('*', securityHeaders({ secureCookies: deps.config.publicUrl?.startsWith('https://') ?? false }));
  app.use('*', async (c, next) => {
    const limit =
      c.req.path === '/v1/profiles/import' ? deps.config.importLimitBytes : deps.config.bodyLimitBytes;
    return bodyLimit({
      maxSize: limit,
      onError: () => {
        throw new AppError(413, 'body-too-large', `The request body is larger than ${limit} bytes`);
      },
    })(c, next);
  });
  app.use('*', rejectNulInUrl());
  app.use('*', authorize(deps.tokens));
  // After authorize, so each token has its own budget; anonymous callers share one by address.
  if (deps.config.rateLimitPerMinute > 0)
    app.use(
      '/v1/*',
      rateLimit({ perMinute: deps.config.rateLimitPerMinute, key: (c) => c.get('principal')?.tokenId }),
    );
  app.use('/v1/*', requireJson());
  app.use('/v1/*', async (c, next) =>
    // Imports and pairing runs are long by nature and bounded by their own size limits.
    c.req.path === '/v1/profiles/import' || c.req.path === '/v1/pairings'
      ? next()
      : requestTimeout(deps.config.requestTimeoutMs)(c, next),
  );

  app.route('/', healthRouter(deps.db, deps.embedderId));
  app.route('/', catalogueRouter(deps.catalogue, hook));
  app.route('/', profilesRouter(deps.profiles, hook));
  app.route('/', matchesRouter(deps.matching, hook));
  app.route('/', pairingsRouter(deps.pairings, hook));
  app.route('/', suggestionsRouter(deps.suggestions, hook));
  app.route('/', tokensRouter(deps.tokens, hook));
  app.route('/', webRouter(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  const openapi = () =>
    app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Partnarsøk',
        version: '0.1.0',
        description:
          'Partner matching for Norwegian municipalities and counties looking for European partners.',
      },
    });
  app.route('/', docsRouter(openapi));

  app.onError(onError);
  app.notFound((c) => {
    // A path that exists with other methods is a 405 with Allow, not a 404.
    const allowed = app.routes
      .filter(
        (r) => r.method !== 'ALL' && new RegExp(`^${r.path.replace(/:[^/]+/g, '[^/]+')}$`).test(c.req.path),
      )
      .map((r) => r.method);
    if (allowed.length)
      return problem(
        c,
        405,
        'method-not-allowed',
        `${c.req.method} is not allowed on ${c.req.path}; use ${[...new Set(allowed)].join(', ')}`,
        {},
        {
          Allow: [...new Set(allowed)].join(', '),
        },
      );
    return problem(c, 404, 'not-found', `No route ${c.req.method} ${c.req.path}; see /docs for the API`);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
