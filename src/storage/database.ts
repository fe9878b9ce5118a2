import type { SqlFragment } from './sql.js';

/** Something that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  /** Runs one parameterised statement and returns its rows. */
  query<T extends object = Record<string, unknown>>(q: SqlFragment): Promise<T[]>;
  /** Runs a multi-statement script without parameters (migrations only). */
  exec(script: string): Promise<void>;
}

/** The storage backend: embedded PGlite or a PostgreSQL server, behind one interface. */
export interface Database extends Queryable {
  readonly backend: 'pglite' | 'postgres';
  /** Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A database error with the statement that caused it, for the log (never for the response). */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
  constructor(
    message: string,
    readonly query: string,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Wraps a driver error so the failing statement travels with it. */
export function wrapDbError(err: unknown, query: string): DatabaseError {
  if (err instanceof DatabaseError) return err;
  const e = err as { message?: string; code?: string };
  return new DatabaseError(e.message ?? String(err), query, e.code, { cause: err });
}

/**
 * The database cannot be used as configured (unreachable, or pgvector missing): a message for the
 * operator that says what to do, printed at start-up without a stack trace.
 */
export class DatabaseSetupError extends Error {
  override name = 'DatabaseSetupError';
}
