import { Hono } from 'hono';
import type { AppEnv } from '../../http/context.js';
import { DocsPage } from './docs.page.js';

/** `/openapi.json` (generated from the zod schemas) and `/docs`, a page that renders it. */
export function docsRouter(openapi: () => ReturnType<typeof JSON.parse>) {
  const app = new Hono<AppEnv>();
  let cached: ReturnType<typeof openapi> | undefined;
  const doc = () => (cached ??= openapi());
  app.get('/openapi.json', (c) => c.json(doc()));
  app.get('/docs', (c) => c.html(<DocsPage doc={doc()} />));
  return app;
}
