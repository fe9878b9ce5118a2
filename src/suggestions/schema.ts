import { z } from 'zod';
import { CountryCode, ProgrammeCodeSchema, ThemeCode } from '../profiles/schema.js';
import { ExplanationSchema } from '../matching/schema.js';
import { STATES } from './states.js';

const Id = z.string().regex(/^[A-Za-z0-9._:-]{1,120}$/, 'must be a profile id');

/** `POST /v1/suggestions`: save a match between a seeker and a candidate. */
export const CreateSuggestionSchema = z
  .strictObject({
    seekerId: Id,
    candidateId: Id,
    text: z
      .string()
      .trim()
      .min(1)
      .max(20_000)
      .optional()
      .describe('The challenge text the match was made for, if any'),
    source: z.enum(['match', 'manual']).default('match'),
    note: z.string().trim().min(1).max(4000).optional(),
  })
  .meta({ id: 'CreateSuggestion' });
export type CreateSuggestion = z.output<typeof CreateSuggestionSchema>;

/** `POST /v1/suggestions/:id/transitions`. */
export const TransitionSchema = z
  .strictObject({
    to: z.enum(STATES),
    reason: z.string().trim().min(1).max(4000).optional().describe('Required when rejecting'),
    note: z.string().trim().min(1).max(4000).optional(),
  })
  .meta({ id: 'Transition' });

/** `POST /v1/suggestions/:id/comments`. */
export const CommentSchema = z
  .strictObject({ text: z.string().trim().min(1).max(4000) })
  .meta({ id: 'Comment' });

/** `POST /v1/pairings/:id/suggestions`: send a run's pairs to review. */
export const FromRunSchema = z
  .strictObject({
    beneficiaryIds: z.array(Id).min(1).max(500).optional().describe('Only these pairs; default all'),
  })
  .meta({ id: 'SuggestionsFromRun' });

/** Review-queue filters (query string). */
export const SuggestionQuerySchema = z.object({
  state: z.array(z.enum(STATES)).optional(),
  region: z.array(z.string().min(1).max(200)).optional(),
  programme: ProgrammeCodeSchema.optional(),
  theme: ThemeCode.optional(),
  seeker: Id.optional(),
  candidateCountry: z.array(CountryCode).optional(),
});

const Event = z.object({
  kind: z.enum(['created', 'transition', 'comment']),
  from: z.string().nullable(),
  to: z.string().nullable(),
  note: z.string().nullable(),
  actor: z.object({ token: z.string(), name: z.string(), role: z.string() }),
  version: z.number().int(),
  at: z.string(),
});

/** A suggestion as the API returns it. */
export const SuggestionSchema = z
  .object({
    id: z.string(),
    seeker: z.object({ id: z.string(), name: z.string(), region: z.string().nullable() }),
    candidate: z.object({ id: z.string(), name: z.string(), country: z.string() }),
    source: z.enum(['match', 'pairing', 'manual']),
    sourceRef: z.string().nullable(),
    state: z.enum(STATES),
    allowedTransitions: z.array(z.enum(STATES)),
    score: z.number(),
    explanation: ExplanationSchema,
    reason: z.string(),
    rejectReason: z.string().nullable(),
    version: z.number().int(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    history: z.array(Event).optional(),
  })
  .meta({ id: 'Suggestion' });
export type Suggestion = z.infer<typeof SuggestionSchema>;
