import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ProgrammeSchema, ThemeSchema } from '../../catalogue/schema.js';

export const listProgrammesRoute = createRoute({
  method: 'get',
  path: '/v1/programmes',
  tags: ['catalogue'],
  summary: 'Every programme code with names, cooperation kinds, participating countries, deadlines and link',
  responses: {
    200: {
      description: 'The programme catalogue',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(ProgrammeSchema.meta({ id: 'Programme' })) }),
        },
      },
    },
  },
});

export const listThemesRoute = createRoute({
  method: 'get',
  path: '/v1/themes',
  tags: ['catalogue'],
  summary: 'The theme taxonomy with labels and search terms in twelve languages',
  responses: {
    200: {
      description: 'The theme taxonomy',
      content: {
        'application/json': { schema: z.object({ items: z.array(ThemeSchema.meta({ id: 'Theme' })) }) },
      },
    },
  },
});
