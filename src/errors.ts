import type { z } from 'zod';

/** One field that failed validation: where, and what a person should change. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * The one error type the service raises on purpose. It carries the HTTP status and an RFC 9457
 * problem `type` slug; the HTTP layer turns it into `application/problem+json` in one place.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 428 | 429 | 500 | 503,
    readonly type: string,
    message: string,
    readonly extra: { errors?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(message);
  }
}

/** Turns zod issues into field errors with a dotted path (`contact.email`, `programmes.1`). */
export function fieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((k) => ({
        field: [path, k].filter(Boolean).join('.'),
        message: `unknown field "${k}"`,
      }));
    return [{ field: path || '(body)', message: issue.message }];
  });
}

/** A 400 for a body or query that failed its schema, naming every bad field. */
export function validationError(error: z.ZodError, what = 'request', prefix = ''): AppError {
  const errors = fieldErrors(error, prefix);
  const summary = errors
    .slice(0, 3)
    .map((e) => `${e.field}: ${e.message}`)
    .join('; ');
  return new AppError(400, 'validation', `Invalid ${what}: ${summary}${errors.length > 3 ? '; …' : ''}`, {
    errors,
  });
}

/** A 404 for a missing resource, naming it. */
export function notFound(what: string, id: string): AppError {
  return new AppError(404, 'not-found', `${what} "${id}" does not exist`);
}
