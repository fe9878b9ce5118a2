import { z } from 'zod';
import {
  CountryCode,
  LanguageCode,
  PROFILE_KINDS,
  PROFILE_ROLES,
  ProgrammeCodeSchema,
  ThemeCode,
} from '../profiles/schema.js';

/** Match filters from the exchange format (plus `themes`); applied exactly, inside the database query. */
export const MatchFiltersSchema = z.strictObject({
  countries: z.array(CountryCode).max(60).optional(),
  kinds: z.array(z.enum(PROFILE_KINDS)).max(20).optional(),
  programmes: z.array(ProgrammeCodeSchema).max(20).optional(),
  languages: z.array(LanguageCode).max(40).optional(),
  roles: z.array(z.enum(PROFILE_ROLES)).max(10).optional(),
  themes: z.array(ThemeCode).max(60).optional(),
});

/** `POST /v1/matches` request, exactly as the exchange format defines it. */
export const MatchRequestSchema = z
  .strictObject({
    text: z.string().trim().min(1).max(20_000).optional(),
    profileId: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,120}$/, 'must be a profile id')
      .optional(),
    filters: MatchFiltersSchema.optional(),
    limit: z.number().int().min(1).max(100).default(10),
  })
  .refine((r) => r.text !== undefined || r.profileId !== undefined, {
    message: 'give "text" (the challenge), "profileId" (an existing profile), or both',
    path: ['text'],
  })
  .meta({
    id: 'MatchRequest',
    example: {
      text: 'Vi treng ein partnar som har erfaring med velferdsteknologi i heimetenesta.',
      filters: { countries: ['PL', 'DE', 'SE', 'DK'] },
      limit: 5,
    },
  });
export type MatchRequest = z.output<typeof MatchRequestSchema>;

const Shared = (score: string) =>
  z.object({ score: z.number().min(0).max(1).describe(score), shared: z.array(z.string()) });

/** Why a candidate scored as it did: every component in [0, 1]. */
export const ExplanationSchema = z
  .object({
    semantic: z
      .number()
      .min(0)
      .max(1)
      .describe('Embedding similarity, rescaled to [0, 1] for the embedder in use'),
    themes: Shared('Overlap of the query themes with the candidate themes'),
    language: Shared('1: a shared native language; 0.9: Scandinavian pair; 0.75: English only; 0: none'),
    programme: Shared('1: a programme both can use and the seeker wants; 0.7: one both can use; 0: none'),
    lexical: z.number().min(0).max(1).describe('Word overlap (full-text rank)'),
    reciprocity: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .describe(
        "How well the candidate's offers meet the seeker's needs and the other way round; null when neither side wrote needs/offers",
      ),
    diversityPenalty: z
      .number()
      .min(0)
      .max(1)
      .describe('Subtracted because a more relevant result is nearly identical'),
  })
  .meta({ id: 'MatchExplanation' });
export type Explanation = z.infer<typeof ExplanationSchema>;

export const MatchResultSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    country: z.string(),
    kind: z.string(),
    role: z.string(),
    score: z.number().min(0).max(1),
    explanation: ExplanationSchema,
    reason: z.string().describe('One sentence in the query language (nn, nb or en)'),
  })
  .meta({ id: 'MatchResult' });
export type MatchResult = z.infer<typeof MatchResultSchema>;

export const MatchResponseSchema = z
  .object({
    results: z.array(MatchResultSchema),
    query: z.object({
      language: z.string(),
      themes: z.array(z.string()),
      programmes: z.array(z.string()).describe('Programmes the seeker wants or the text points to'),
      embedder: z.string(),
    }),
  })
  .meta({ id: 'MatchResponse' });
export type MatchResponse = z.infer<typeof MatchResponseSchema>;
