import { OpenAPIHono } from '@hono/zod-openapi';
import type { Principal } from '../../auth/tokens.js';
import { AppError } from '../../errors.js';
import type { AppEnv } from '../../http/context.js';
import { suggestionsCsv } from '../../suggestions/csv.js';
import type { SuggestionService } from '../../suggestions/service.js';
import {
  commentRoute,
  createSuggestionRoute,
  exportSuggestionsRoute,
  fromRunRoute,
  getSuggestionRoute,
  listSuggestionsRoute,
  transitionRoute,
} from './suggestions.routes.js';

/** Parses `If-Match: "3"` (or `W/"3"`, or a bare 3) into a version number. */
function ifMatchVersion(header: string | undefined): number {
  if (!header)
    throw new AppError(
      428,
      'precondition-required',
      'Send If-Match with the ETag (version) of the suggestion you are changing',
    );
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!m)
    throw new AppError(
      400,
      'validation',
      `If-Match must be the suggestion's ETag, e.g. "3" (got ${header.slice(0, 40)})`,
    );
  return Number(m[1]);
}

const etag = (version: number) => `"${version}"`;

/** Review workflow routes. */
export function suggestionsRouter(
  suggestions: SuggestionService,
  hook: ConstructorParameters<typeof OpenAPIHono<AppEnv>>[0],
) {
  const app = new OpenAPIHono<AppEnv>(hook);
  const who = (p: Principal | undefined) => p!;

  app.openapi(createSuggestionRoute, async (c) => {
    const { suggestion, created } = await suggestions.create(who(c.get('principal')), c.req.valid('json'));
    c.header('ETag', etag(suggestion.version));
    if (created) c.header('Location', `/v1/suggestions/${suggestion.id}`);
    return c.json(suggestion, created ? 201 : 200);
  });

  const filters = (q: {
    state?: string[];
    region?: string[];
    programme?: string;
    theme?: string;
    seeker?: string;
    candidateCountry?: string[];
  }) => ({
    states: q.state,
    regions: q.region,
    programme: q.programme,
    theme: q.theme,
    seekerId: q.seeker,
    candidateCountries: q.candidateCountry,
  });

  app.openapi(listSuggestionsRoute, async (c) => {
    const q = c.req.valid('query');
    return c.json(await suggestions.list(who(c.get('principal')), filters(q), q.limit, q.cursor), 200);
  });

  app.openapi(exportSuggestionsRoute, async (c) => {
    const { items } = await suggestions.list(who(c.get('principal')), filters(c.req.valid('query')), 10_000);
    const csv = suggestionsCsv(items);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="partnarsok-forslag.csv"');
    return c.body(csv, 200);
  });

  app.openapi(getSuggestionRoute, async (c) => {
    const s = await suggestions.get(who(c.get('principal')), c.req.valid('param').id);
    c.header('ETag', etag(s.version));
    return c.json(s, 200);
  });

  app.openapi(transitionRoute, async (c) => {
    const version = ifMatchVersion(c.req.header('if-match'));
    const { to, reason, note } = c.req.valid('json');
    const s = await suggestions.transition(
      who(c.get('principal')),
      c.req.valid('param').id,
      version,
      to,
      reason,
      note,
    );
    c.header('ETag', etag(s.version));
    return c.json(s, 200);
  });

  app.openapi(commentRoute, async (c) => {
    const s = await suggestions.comment(
      who(c.get('principal')),
      c.req.valid('param').id,
      c.req.valid('json').text,
    );
    c.header('ETag', etag(s.version));
    return c.json(s, 200);
  });

  app.openapi(fromRunRoute, async (c) => {
    const { beneficiaryIds } = c.req.valid('json');
    return c.json(
      await suggestions.fromRun(who(c.get('principal')), c.req.valid('param').id, beneficiaryIds),
      200,
    );
  });

  return app;
}
