import { OpenAPIHono } from '@hono/zod-openapi';
import type { Catalogue } from '../../catalogue/load.js';
import type { AppEnv } from '../../http/context.js';
import { listProgrammesRoute, listThemesRoute } from './catalogue.routes.js';

/** Read-only catalogue routes; the bodies never change while the process runs, so they are built once. */
export function catalogueRouter(
  catalogue: Catalogue,
  hook: ConstructorParameters<typeof OpenAPIHono<AppEnv>>[0],
) {
  const app = new OpenAPIHono<AppEnv>(hook);
  const programmes = { items: catalogue.programmes };
  const themes = { items: catalogue.themes };
  app.openapi(listProgrammesRoute, (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(programmes, 200);
  });
  app.openapi(listThemesRoute, (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(themes, 200);
  });
  return app;
}
