import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  CommentSchema,
  CreateSuggestionSchema,
  FromRunSchema,
  SuggestionQuerySchema,
  SuggestionSchema,
  TransitionSchema,
} from '../../suggestions/schema.js';
import { listParam, problemResponses } from '../shared.js';

const security = [{ bearer: [] }];
const SugId = z.object({ id: z.string().regex(/^sug_[0-9a-z]{17}$/, 'must be a suggestion id (sug_…)') });
const Query = z.strictObject({
  state: listParam(SuggestionQuerySchema.shape.state.unwrap().element),
  region: listParam(z.string().min(1).max(200)),
  programme: SuggestionQuerySchema.shape.programme,
  theme: SuggestionQuerySchema.shape.theme,
  seeker: SuggestionQuerySchema.shape.seeker,
  candidateCountry: listParam(SuggestionQuerySchema.shape.candidateCountry.unwrap().element),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(100).optional(),
});
const one = (description: string) => ({
  description,
  content: { 'application/json': { schema: SuggestionSchema } },
});

export const createSuggestionRoute = createRoute({
  method: 'post',
  path: '/v1/suggestions',
  tags: ['review'],
  summary: 'Save a match as a suggestion (score and explanation computed now)',
  security,
  request: { body: { required: true, content: { 'application/json': { schema: CreateSuggestionSchema } } } },
  responses: {
    201: one('Created'),
    200: one('The open suggestion for this pair already existed'),
    ...problemResponses(400, 401, 403, 415, 422),
  },
});

export const listSuggestionsRoute = createRoute({
  method: 'get',
  path: '/v1/suggestions',
  tags: ['review'],
  summary: 'The review queue in the caller’s scope, newest first',
  security,
  request: { query: Query },
  responses: {
    200: {
      description: 'A page of suggestions',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(SuggestionSchema), nextCursor: z.string().optional() }),
        },
      },
    },
    ...problemResponses(400, 401, 403),
  },
});

export const exportSuggestionsRoute = createRoute({
  method: 'get',
  path: '/v1/suggestions/export.csv',
  tags: ['review'],
  summary: 'The review queue as CSV for Excel (same filters)',
  security,
  request: { query: Query.omit({ cursor: true, limit: true }) },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    ...problemResponses(400, 401, 403),
  },
});

export const getSuggestionRoute = createRoute({
  method: 'get',
  path: '/v1/suggestions/{id}',
  tags: ['review'],
  summary: 'One suggestion with its history; the ETag is its version',
  security,
  request: { params: SugId },
  responses: { 200: one('The suggestion'), ...problemResponses(400, 401, 403, 404) },
});

export const transitionRoute = createRoute({
  method: 'post',
  path: '/v1/suggestions/{id}/transitions',
  tags: ['review'],
  summary: 'Change the state (needs If-Match with the version you saw)',
  security,
  request: {
    params: SugId,
    headers: z.object({ 'if-match': z.string().optional() }),
    body: { required: true, content: { 'application/json': { schema: TransitionSchema } } },
  },
  responses: { 200: one('Changed'), ...problemResponses(400, 401, 403, 404, 409, 415, 428) },
});

export const commentRoute = createRoute({
  method: 'post',
  path: '/v1/suggestions/{id}/comments',
  tags: ['review'],
  summary: 'Add a comment to the history',
  security,
  request: {
    params: SugId,
    body: { required: true, content: { 'application/json': { schema: CommentSchema } } },
  },
  responses: { 200: one('Commented'), ...problemResponses(400, 401, 403, 404, 415) },
});

export const fromRunRoute = createRoute({
  method: 'post',
  path: '/v1/pairings/{id}/suggestions',
  tags: ['pairing', 'review'],
  summary: 'Send a pairing run’s pairs to review',
  security,
  request: {
    params: z.object({ id: z.string().regex(/^run_[0-9a-f]{16}$/, 'must be a pairing run id (run_…)') }),
    body: { required: true, content: { 'application/json': { schema: FromRunSchema } } },
  },
  responses: {
    200: {
      description: 'Suggestions created (or already open)',
      content: {
        'application/json': {
          schema: z.object({
            created: z.number().int(),
            existing: z.number().int(),
            ids: z.array(z.string()),
          }),
        },
      },
    },
    ...problemResponses(400, 401, 403, 404, 415, 422),
  },
});
