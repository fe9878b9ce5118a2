import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../errors.js';
import { DatabaseError } from '../storage/database.js';
import type { AppEnv } from './context.js';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Content too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** Writes an RFC 9457 problem document. */
export function problem(
  c: Context<AppEnv>,
  status: number,
  type: string,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  const body = {
    type: `urn:partnarsok:problem:${type}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: c.req.path,
    requestId: c.get('requestId'),
    ...extra,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  });
}

/**
 * The one place errors become responses. AppErrors carry their status; Hono's own exceptions
 * (malformed JSON, body limit) keep theirs; anything else is a bug or an outage: logged with its
 * query if it came from the database, and answered with a 500 that reveals nothing internal.
 */
export function onError(err: Error, c: Context<AppEnv>): Response {
  const log = c.get('log');
  if (err instanceof AppError) {
    const { headers, ...extra } = err.extra as { headers?: Record<string, string> };
    return problem(c, err.status, err.type, err.message, extra, headers);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const type = status === 413 ? 'body-too-large' : status === 400 ? 'malformed-request' : 'http';
    const detail =
      status === 400 && /JSON/i.test(err.message)
        ? 'The request body is not valid JSON: check quotes, commas and brackets'
        : err.message || (TITLES[status] ?? 'Error');
    return problem(c, status, type, detail);
  }
  if (err instanceof DatabaseError)
    log?.error({ err: { message: err.message, code: err.code }, query: err.query }, 'database error');
  else log?.error({ err }, 'unhandled error');
  return problem(
    c,
    500,
    'internal',
    'Something went wrong on our side; the request id identifies it in the log',
  );
}
