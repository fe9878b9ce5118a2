import { OpenAPIHono } from '@hono/zod-openapi';
import { assertMayMatchFrom } from '../../auth/policy.js';
import type { AppEnv } from '../../http/context.js';
import type { MatchingService } from '../../matching/service.js';
import { matchRoute, suggestRoute } from './matches.routes.js';

/** Matching and programme suggestion routes. */
export function matchesRouter(
  matching: MatchingService,
  hook: ConstructorParameters<typeof OpenAPIHono<AppEnv>>[0],
) {
  const app = new OpenAPIHono<AppEnv>(hook);
  app.openapi(matchRoute, async (c) => {
    const req = c.req.valid('json');
    assertMayMatchFrom(c.get('principal')!, req.profileId);
    return c.json(await matching.match(req), 200);
  });
  app.openapi(suggestRoute, (c) => {
    const { text, country, region, partnerCountries, limit } = c.req.valid('json');
    const { language, themes, results } = matching.suggest(text, { country, region, partnerCountries });
    return c.json({ results: results.slice(0, limit), query: { language, themes } }, 200);
  });
  return app;
}
