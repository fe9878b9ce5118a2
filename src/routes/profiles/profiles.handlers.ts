import { OpenAPIHono } from '@hono/zod-openapi';
import { AppError } from '../../errors.js';
import type { AppEnv } from '../../http/context.js';
import type { ProfileService } from '../../profiles/service.js';
import {
  deleteProfileRoute,
  getProfileRoute,
  importProfilesRoute,
  listProfilesRoute,
  upsertProfileRoute,
} from './profiles.routes.js';

async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  // Invalid UTF-8 becomes U+FFFD here; the import rejects those lines one by one.
  const reader = body.pipeThrough(new TextDecoderStream('utf-8')).getReader();
  let rest = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    rest += value;
    const parts = rest.split('\n');
    rest = parts.pop()!;
    yield* parts;
  }
  if (rest) yield rest;
}

/** Profile routes: CRUD, listing and NDJSON import. */
export function profilesRouter(
  profiles: ProfileService,
  hook: ConstructorParameters<typeof OpenAPIHono<AppEnv>>[0],
) {
  const app = new OpenAPIHono<AppEnv>(hook);

  app.openapi(listProfilesRoute, async (c) => {
    const q = c.req.valid('query');
    const page = await profiles.list(
      {
        countries: q.country,
        kinds: q.kind,
        roles: q.role,
        programmes: q.programme,
        languages: q.language,
        themes: q.theme,
        text: q.q,
      },
      q.limit,
      q.cursor,
      c.get('principal'),
    );
    return c.json(page, 200);
  });

  app.openapi(getProfileRoute, async (c) =>
    c.json(await profiles.get(c.req.valid('param').id, c.get('principal')), 200),
  );

  app.openapi(upsertProfileRoute, async (c) => {
    const { result, profile } = await profiles.upsert(c.req.valid('json'), 'api', c.get('principal'));
    if (result === 'created') c.header('Location', `/v1/profiles/${encodeURIComponent(profile.id)}`);
    return c.json(profile, result === 'created' ? 201 : 200);
  });

  app.openapi(deleteProfileRoute, async (c) => {
    await profiles.delete(c.req.valid('param').id, c.get('principal'));
    return c.body(null, 204);
  });

  app.openapi(importProfilesRoute, async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!['application/x-ndjson', 'application/jsonl', 'application/json-lines', 'text/plain'].includes(type))
      throw new AppError(
        415,
        'unsupported-media-type',
        `Send one profile per line as application/x-ndjson (got ${type || 'no content type'})`,
      );
    const body = c.req.raw.body;
    if (!body) throw new AppError(400, 'validation', 'The import body is empty: send one profile per line');
    const summary = await profiles.importLines(lines(body), 'import');
    const { imported, updated, unchanged } = summary;
    c.get('log').info({ imported, updated, unchanged, rejected: summary.rejected.length }, 'import');
    return c.json(summary, 200);
  });

  return app;
}
