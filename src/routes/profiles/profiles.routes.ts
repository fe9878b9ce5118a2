import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  CountryCode,
  LanguageCode,
  PROFILE_KINDS,
  PROFILE_ROLES,
  ProfileSchema,
  ProgrammeCodeSchema,
  ThemeCode,
} from '../../profiles/schema.js';
import { IdParam, listParam, problemResponses } from '../shared.js';

const Derived = z.object({
  languages: z.array(z.string()),
  languagesDetected: z.boolean(),
  themes: z.array(z.string()),
  themesInferred: z.boolean(),
});
export const ProfileViewSchema = ProfileSchema.extend({
  derived: Derived,
  source: z.string(),
  illustrative: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'ProfileView' });

const security = [{ bearer: [] }];

export const listProfilesRoute = createRoute({
  method: 'get',
  path: '/v1/profiles',
  tags: ['profiles'],
  summary: 'List profiles with filters and cursor pagination',
  security,
  request: {
    query: z.strictObject({
      country: listParam(CountryCode),
      kind: listParam(z.enum(PROFILE_KINDS)),
      role: listParam(z.enum(PROFILE_ROLES)),
      programme: listParam(ProgrammeCodeSchema),
      language: listParam(LanguageCode),
      theme: listParam(ThemeCode),
      q: z.string().trim().min(1).max(200).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().max(400).optional(),
    }),
  },
  responses: {
    200: {
      description: 'A page of profiles; pass nextCursor as cursor for the next page',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(ProfileViewSchema), nextCursor: z.string().optional() }),
        },
      },
    },
    ...problemResponses(400, 401, 403),
  },
});

export const getProfileRoute = createRoute({
  method: 'get',
  path: '/v1/profiles/{id}',
  tags: ['profiles'],
  summary: 'Read one profile',
  security,
  request: { params: IdParam },
  responses: {
    200: { description: 'The profile', content: { 'application/json': { schema: ProfileViewSchema } } },
    ...problemResponses(400, 401, 403, 404),
  },
});

export const upsertProfileRoute = createRoute({
  method: 'post',
  path: '/v1/profiles',
  tags: ['profiles'],
  summary: 'Create or replace one profile (upsert by id)',
  security,
  request: { body: { required: true, content: { 'application/json': { schema: ProfileSchema } } } },
  responses: {
    200: {
      description: 'Updated or unchanged',
      content: { 'application/json': { schema: ProfileViewSchema } },
    },
    201: { description: 'Created', content: { 'application/json': { schema: ProfileViewSchema } } },
    ...problemResponses(400, 401, 403, 413, 415),
  },
});

export const deleteProfileRoute = createRoute({
  method: 'delete',
  path: '/v1/profiles/{id}',
  tags: ['profiles'],
  summary: 'Delete one profile',
  security,
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404) },
});

export const ImportSummarySchema = z
  .object({
    imported: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.array(
      z.object({
        line: z.number().int(),
        id: z.string().optional(),
        reason: z.string(),
        errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
      }),
    ),
  })
  .meta({ id: 'ImportSummary' });

export const importProfilesRoute = createRoute({
  method: 'post',
  path: '/v1/profiles/import',
  tags: ['profiles'],
  summary: 'Import profiles from NDJSON (one profile per line)',
  description:
    'Valid lines are stored even when others fail; each profile is stored whole or not at all. Rejected lines are listed with their line number and reason.',
  security,
  request: { body: { required: true, content: { 'application/x-ndjson': { schema: z.string() } } } },
  responses: {
    200: { description: 'Import summary', content: { 'application/json': { schema: ImportSummarySchema } } },
    ...problemResponses(401, 403, 413, 415),
  },
});
