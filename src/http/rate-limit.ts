import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';
import type { AppEnv } from './context.js';

/** Options of {@link rateLimit}. */
export interface RateLimitOptions {
  /** Requests each key may make per minute; also the burst a full bucket allows. */
  perMinute: number;
  /** The caller's key, e.g. the token id; undefined falls back to the client address. */
  key: (c: Context<AppEnv>) => string | undefined;
  /** Clock in milliseconds, injectable for tests. */
  now?: () => number;
  /** Most keys tracked at once; the least recently used is forgotten beyond this. */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

/**
 * The client's address for keying anonymous callers: the first `X-Forwarded-For` entry, else
 * 'anonymous'. Only meaningful behind a reverse proxy that overwrites the header; a client that
 * reaches the service directly can put anything there.
 */
export function clientAddress(c: Context): string {
  const first = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  return first ? `ip:${first}` : 'anonymous';
}

/**
 * Per-caller token buckets, in memory, so one token (or address) cannot monopolise the service:
 * each key gets `perMinute` requests, refilled continuously. Beyond that it gets a 429 with
 * Retry-After. At most `maxKeys` buckets are kept (least recently used evicted), so a flood of new
 * keys cannot grow memory without bound. One process only: each replica limits on its own.
 */
export function rateLimit(opts: RateLimitOptions): MiddlewareHandler<AppEnv> & { trackedKeys(): number } {
  const { perMinute, key, now = Date.now, maxKeys = 10_000 } = opts;
  if (!Number.isInteger(perMinute) || perMinute < 1)
    throw new Error(`rateLimit: perMinute must be a positive integer (got ${perMinute})`);
  if (!Number.isInteger(maxKeys) || maxKeys < 1)
    throw new Error(`rateLimit: maxKeys must be a positive integer (got ${maxKeys})`);
  const perMs = perMinute / 60_000;
  // A Map iterates in insertion order; re-inserting on every use keeps the least recent first.
  const buckets = new Map<string, Bucket>();

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const own = key(c);
    const id = own ?? clientAddress(c);
    const t = now();
    const previous = buckets.get(id);
    const bucket: Bucket = previous
      ? {
          tokens: Math.min(perMinute, previous.tokens + Math.max(0, t - previous.updated) * perMs),
          updated: t,
        }
      : { tokens: perMinute, updated: t };
    buckets.delete(id);
    buckets.set(id, bucket);
    while (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!);

    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
      throw new AppError(
        429,
        'rate-limited',
        `Too many requests: at most ${perMinute} per minute for this ${own === undefined ? 'client address' : 'token'}; retry after ${retryAfter} s`,
        {
          headers: {
            'Retry-After': String(retryAfter),
            'RateLimit-Limit': String(perMinute),
            'RateLimit-Remaining': '0',
          },
        },
      );
    }
    bucket.tokens -= 1;
    const remaining = Math.floor(bucket.tokens);
    await next();
    c.header('RateLimit-Limit', String(perMinute));
    c.header('RateLimit-Remaining', String(remaining));
  };
  return Object.assign(middleware, { trackedKeys: () => buckets.size });
}
