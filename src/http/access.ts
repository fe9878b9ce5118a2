import type { Role } from '../auth/tokens.js';

/** Who may call a route: `public` needs no token; otherwise the roles whose tokens are accepted. */
export type Access = 'public' | readonly Role[];

const ALL: readonly Role[] = ['admin', 'coordinator', 'reviewer', 'municipality'];
const EDITORS: readonly Role[] = ['admin', 'coordinator'];
const ALL_BUT_REVIEWER: readonly Role[] = ['admin', 'coordinator', 'municipality'];

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
  // Municipalities may write only their own profiles: checked in src/auth/policy.ts.
  'POST /v1/profiles': ALL_BUT_REVIEWER,
  'DELETE /v1/profiles/:id': ALL_BUT_REVIEWER,
  'POST /v1/profiles/import': EDITORS,
  'POST /v1/matches': ALL,
  'POST /v1/pairings/:id/suggestions': EDITORS,
  // Scoped per caller in src/auth/policy.ts: reviewers their regions, municipalities their profiles.
  'POST /v1/suggestions': ALL,
  'GET /v1/suggestions': ALL,
  'GET /v1/suggestions/export.csv': ALL,
  'GET /v1/suggestions/:id': ALL,
  'POST /v1/suggestions/:id/transitions': ALL,
  'POST /v1/suggestions/:id/comments': ALL,
  'POST /v1/pairings': EDITORS,
  'GET /v1/pairings/:id': EDITORS,
  'GET /v1/pairings/:id/export.csv': EDITORS,
  'GET /v1/tokens': ['admin'],
  'POST /v1/tokens': ['admin'],
  'DELETE /v1/tokens/:id': ['admin'],
};
