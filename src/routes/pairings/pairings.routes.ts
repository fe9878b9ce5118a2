import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { PairingRequestSchema, PairingRunSchema } from '../../pairing/schema.js';
import { problemResponses } from '../shared.js';

const security = [{ bearer: [] }];
const RunId = z.object({ id: z.string().regex(/^run_[0-9a-f]{16}$/, 'must be a pairing run id (run_…)') });

export const createPairingRoute = createRoute({
  method: 'post',
  path: '/v1/pairings',
  tags: ['pairing'],
  summary: 'Propose the best donor–beneficiary pairing under capacities (optimal or stable) and store it',
  security,
  request: { body: { required: true, content: { 'application/json': { schema: PairingRequestSchema } } } },
  responses: {
    201: {
      description: 'The stored pairing run',
      content: { 'application/json': { schema: PairingRunSchema } },
    },
    ...problemResponses(400, 401, 403, 413, 415, 422, 503),
  },
});

export const getPairingRoute = createRoute({
  method: 'get',
  path: '/v1/pairings/{id}',
  tags: ['pairing'],
  summary: 'Read a pairing run',
  security,
  request: { params: RunId },
  responses: {
    200: { description: 'The pairing run', content: { 'application/json': { schema: PairingRunSchema } } },
    ...problemResponses(400, 401, 403, 404),
  },
});

export const exportPairingRoute = createRoute({
  method: 'get',
  path: '/v1/pairings/{id}/export.csv',
  tags: ['pairing'],
  summary: 'A pairing run as CSV for Excel (UTF-8 with BOM, semicolon-separated, decimal comma)',
  security,
  request: { params: RunId },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    ...problemResponses(400, 401, 403, 404),
  },
});
