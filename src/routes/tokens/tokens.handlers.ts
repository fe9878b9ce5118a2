import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { TokenService } from '../../auth/service.js';
import { ROLES } from '../../auth/tokens.js';
import { AppError } from '../../errors.js';
import type { AppEnv } from '../../http/context.js';
import { problemResponses } from '../shared.js';

const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'Token' });
const security = [{ bearer: [] }];

const CreateTokenSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    role: z.enum(ROLES),
    regions: z
      .array(z.string().trim().min(1).max(200))
      .min(1)
      .max(50)
      .optional()
      .describe('Reviewer: the counties whose suggestions it reviews'),
    profileIds: z
      .array(z.string().regex(/^[A-Za-z0-9._:-]{1,120}$/))
      .min(1)
      .max(200)
      .optional()
      .describe('Municipality: the profiles it owns'),
  })
  .superRefine((t, ctx) => {
    if (t.role === 'reviewer' && !t.regions)
      ctx.addIssue({
        code: 'custom',
        path: ['regions'],
        message: 'a reviewer token needs the regions it reviews',
      });
    if (t.role === 'municipality' && !t.profileIds)
      ctx.addIssue({
        code: 'custom',
        path: ['profileIds'],
        message: 'a municipality token needs the profile ids it owns',
      });
    if (t.role !== 'reviewer' && t.regions)
      ctx.addIssue({ code: 'custom', path: ['regions'], message: 'only reviewer tokens have regions' });
    if (t.role !== 'municipality' && t.profileIds)
      ctx.addIssue({
        code: 'custom',
        path: ['profileIds'],
        message: 'only municipality tokens own profiles',
      });
  })
  .meta({ id: 'CreateToken' });

const listRoute = createRoute({
  method: 'get',
  path: '/v1/tokens',
  tags: ['tokens'],
  summary: 'List API tokens (never their secrets)',
  security,
  responses: {
    200: {
      description: 'Tokens',
      content: { 'application/json': { schema: z.object({ items: z.array(TokenSchema) }) } },
    },
    ...problemResponses(401, 403),
  },
});
const createTokenRoute = createRoute({
  method: 'post',
  path: '/v1/tokens',
  tags: ['tokens'],
  summary: 'Create an API token; the secret is shown once',
  security,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: CreateTokenSchema,
        },
      },
    },
  },
  responses: {
    201: {
      description: 'Created; store the token now, it is not shown again',
      content: {
        'application/json': { schema: z.object({ id: z.string(), token: z.string(), role: z.enum(ROLES) }) },
      },
    },
    ...problemResponses(400, 401, 403, 415),
  },
});
const revokeRoute = createRoute({
  method: 'delete',
  path: '/v1/tokens/{id}',
  tags: ['tokens'],
  summary: 'Revoke a token',
  security,
  request: { params: z.object({ id: z.string().min(1).max(100) }) },
  responses: { 204: { description: 'Revoked' }, ...problemResponses(401, 403, 404) },
});

/** Admin routes for API tokens. */
export function tokensRouter(
  tokens: TokenService,
  hook: ConstructorParameters<typeof OpenAPIHono<AppEnv>>[0],
) {
  const app = new OpenAPIHono<AppEnv>(hook);
  app.openapi(listRoute, async (c) => {
    const items = (await tokens.list()).map((t) => ({
      id: t.id,
      name: t.name,
      role: t.role,
      createdAt: new Date(t.created_at).toISOString(),
      revokedAt: t.revoked_at ? new Date(t.revoked_at).toISOString() : null,
    }));
    return c.json({ items }, 200);
  });
  app.openapi(createTokenRoute, async (c) => {
    const { name, role, regions, profileIds } = c.req.valid('json');
    const created = await tokens.create(name, role, {
      ...(regions ? { regions } : {}),
      ...(profileIds ? { profileIds } : {}),
    });
    c.get('log').info({ tokenId: created.id, role }, 'token created');
    return c.json({ id: created.id, token: created.token, role }, 201);
  });
  app.openapi(revokeRoute, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await tokens.revoke(id))) throw new AppError(404, 'not-found', `No active token "${id}"`);
    return c.body(null, 204);
  });
  return app;
}
