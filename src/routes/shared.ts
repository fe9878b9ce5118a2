import { z } from 'zod';

/** Problem document (RFC 9457) as every error response carries it. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

/** Error responses shared by routes, for the OpenAPI document. */
export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: `Problem (${s})`, content: { 'application/problem+json': { schema: ProblemSchema } } },
    ]),
  );

/** A comma-separated or repeated query parameter as a list. */
export const listParam = <T extends z.ZodType>(item: T) =>
  z
    .preprocess(
      (v) =>
        v === undefined
          ? undefined
          : (Array.isArray(v) ? v : [v])
              .flatMap((x) => String(x).split(','))
              .map((s) => s.trim())
              .filter(Boolean),
      z.array(item).max(50),
    )
    .optional();

export const IdParam = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,120}$/, 'must be a profile id of A–Z, a–z, 0–9, ".", "_", ":" or "-"'),
});
