import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { MatchRequestSchema, MatchResponseSchema } from '../../matching/schema.js';
import { CountryCode } from '../../profiles/schema.js';
import { problemResponses } from '../shared.js';

export const matchRoute = createRoute({
  method: 'post',
  path: '/v1/matches',
  tags: ['matching'],
  summary: 'Ranked partners for a challenge text or an existing profile, each with an explanation',
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: MatchRequestSchema } } } },
  responses: {
    200: { description: 'Ranked partners', content: { 'application/json': { schema: MatchResponseSchema } } },
    ...problemResponses(400, 401, 403, 404, 413, 415, 503),
  },
});

export const SuggestRequestSchema = z
  .strictObject({
    text: z.string().trim().min(1).max(20_000),
    country: CountryCode.default('NO'),
    region: z.string().trim().min(1).max(200).optional(),
    partnerCountries: z.array(CountryCode).max(40).optional(),
    limit: z.number().int().min(1).max(20).default(5),
  })
  .meta({
    id: 'ProgrammeSuggestRequest',
    example: { text: 'Vi vil på studietur til ein dansk kommune for å lære om velferdsteknologi', limit: 3 },
  });

const SuggestionSchema = z.object({
  code: z.string(),
  name: z.string(),
  score: z.number().min(0).max(1),
  cooperation: z.array(z.string()),
  strands: z.array(z.object({ id: z.string(), name: z.string() })),
  signals: z.array(z.string()),
  themes: z.array(z.string()),
  eligible: z.boolean(),
  reason: z.string(),
  url: z.string(),
});

export const suggestRoute = createRoute({
  method: 'post',
  path: '/v1/programmes/suggest',
  tags: ['catalogue'],
  summary: 'Programmes that fit a challenge, ranked, with the reason',
  request: { body: { required: true, content: { 'application/json': { schema: SuggestRequestSchema } } } },
  responses: {
    200: {
      description: 'Ranked programmes',
      content: {
        'application/json': {
          schema: z.object({
            results: z.array(SuggestionSchema),
            query: z.object({ language: z.string(), themes: z.array(z.string()) }),
          }),
        },
      },
    },
    ...problemResponses(400, 413, 415),
  },
});
