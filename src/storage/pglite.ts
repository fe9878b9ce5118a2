import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { compile, type SqlFragment } from './sql.js';
import { wrapDbError, type Database, type Queryable } from './database.js';

type Runner = Pick<PGlite, 'query' | 'exec'> | Transaction;

function queryable(runner: Runner): Queryable {
  return {
    async query<T extends object>(q: SqlFragment): Promise<T[]> {
      const { text, values } = compile(q);
      try {
        const res = await runner.query<T>(text, values);
        return res.rows;
      } catch (err) {
        throw wrapDbError(err, text);
      }
    },
    async exec(script: string): Promise<void> {
      try {
        await runner.exec(script);
      } catch (err) {
        throw wrapDbError(err, script.slice(0, 200));
      }
    },
  };
}

/**
 * Opens the embedded database: persisted in `dataDir`, or in memory when `dataDir` is undefined (tests).
 * PGlite has one connection; it queues statements itself and holds other callers back while a
 * transaction is open, so concurrent requests are safe but serialised.
 */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const pg = dataDir
    ? new PGlite(dataDir, { extensions: { vector } })
    : new PGlite({ extensions: { vector } });
  await pg.waitReady;
  const base = queryable(pg);
  let closed = false;
  return {
    backend: 'pglite',
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(queryable(tx))),
    async close() {
      if (closed) return;
      closed = true;
      await pg.close();
    },
  };
}
