import { z } from 'zod';
import { UI_LANGUAGES } from '../catalogue/schema.js';
import { ExplanationSchema, MatchFiltersSchema } from '../matching/schema.js';

const Id = z.string().regex(/^[A-Za-z0-9._:-]{1,120}$/, 'must be a profile id');
/** At most this many parties per side, so one run cannot starve the service (60 × 60 takes well under a second). */
export const MAX_PARTIES = 300;

const Side = z
  .strictObject({
    ids: z.array(Id).min(1).max(MAX_PARTIES).optional(),
    filters: MatchFiltersSchema.optional(),
  })
  .refine((s) => !(s.ids && s.filters), { message: 'give either "ids" or "filters", not both' });

/** `POST /v1/pairings` request. */
export const PairingRequestSchema = z
  .strictObject({
    donors: Side.optional(),
    beneficiaries: Side.optional(),
    capacities: z.record(Id, z.number().int().min(0).max(50)).optional(),
    require: z
      .array(z.tuple([Id, Id]))
      .max(MAX_PARTIES)
      .optional(),
    forbid: z
      .array(z.tuple([Id, Id]))
      .max(5000)
      .optional(),
    minScore: z.number().min(0).max(1).default(0),
    mode: z.enum(['optimal', 'stable']).default('optimal'),
    programme: z.string().default('eea-grants'),
    language: z.enum(UI_LANGUAGES).default('nb'),
  })
  .meta({
    id: 'PairingRequest',
    description:
      'Donors and beneficiaries by ids or filters (default: role donor, and role beneficiary with programme eea-grants). Pairs in require/forbid are [donorId, beneficiaryId].',
    example: { mode: 'optimal', minScore: 0.3, forbid: [['no-3222-lorenskog', 'pl-zary']] },
  });
export type PairingRequest = z.output<typeof PairingRequestSchema>;

const Pair = z.object({
  donorId: z.string(),
  donorName: z.string(),
  beneficiaryId: z.string(),
  beneficiaryName: z.string(),
  score: z.number(),
  required: z.boolean(),
  explanation: ExplanationSchema,
  reason: z.string(),
});

/** A stored pairing run. */
export const PairingRunSchema = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
    mode: z.enum(['optimal', 'stable']),
    totalScore: z.number(),
    pairs: z.array(Pair),
    alternatives: z.record(
      z.string(),
      z.array(z.object({ donorId: z.string(), donorName: z.string(), score: z.number() })),
    ),
    unassigned: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        side: z.enum(['donor', 'beneficiary']),
        reason: z.enum(['capacity-exhausted', 'below-min-score', 'forbidden', 'no-capacity']),
        detail: z.string(),
      }),
    ),
    stability: z
      .object({
        blockingPairs: z.number().int(),
        optimalWouldBeStable: z.boolean().optional(),
        optimalTotalScore: z.number().optional(),
      })
      .optional(),
    counts: z.object({ donors: z.number().int(), beneficiaries: z.number().int(), pairs: z.number().int() }),
  })
  .meta({ id: 'PairingRun' });
export type PairingRun = z.infer<typeof PairingRunSchema>;
