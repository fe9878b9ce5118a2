import type { Role } from '../auth/tokens.js';

/** Who may call a route: `public` needs no token; otherwise the roles whose tokens are accepted. */
export type Access = 'public' | readonly Role[];

const ALL: readonly Role[] = ['admin', 'coordinator', 'reviewer', 'municipality'];
const EDITORS: readonly Role[] = ['admin', 'coordinator'];

/**
 * Every route's access rule, in one table. A route missing here is refused (403) for everyone
 * but admin, so a new route cannot be exposed by accident. Keys are `METHOD path` with Hono's
 * `:param` syntax.
 */
export const ACCESS: Record<string, Access> = {
  'GET /healthz': 'public',
  'GET /openapi.json': 'public',
  'GET /docs': 'public',
  'GET /v1/programmes': 'public',
  'GET /v1/themes': 'public',
  'POST /v1/programmes/suggest': 'public',
  'GET /v1/profiles': ALL,
  'GET /v1/profiles/:id': ALL,
  'POST /v1/profiles': EDITORS,
  'DELETE /v1/profiles/:id': EDITORS,
  'POST /v1/profiles/import': EDITORS,
  'POST /v1/matches': ALL,
  'POST /v1/pairings': EDITORS,
  'GET /v1/pairings/:id': EDITORS,
  'GET /v1/pairings/:id/export.csv': EDITORS,
  'GET /v1/tokens': ['admin'],
  'POST /v1/tokens': ['admin'],
  'DELETE /v1/tokens/:id': ['admin'],
};
