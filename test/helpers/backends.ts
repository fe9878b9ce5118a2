import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Database } from '../../src/storage/database.js';
import { openPglite } from '../../src/storage/pglite.js';
import { openPostgres } from '../../src/storage/postgres.js';

/**
 * The storage backends the storage and API tests run on: in-process PGlite, and a real PostgreSQL
 * wire connection through postgres.js. Debian has no pgvector package, so the wire server is PGlite
 * itself served on loopback by pglite-socket, started here per test file; set TEST_DATABASE_URL to
 * run the wire tests against a real PostgreSQL 15+ server with pgvector instead (its public schema
 * is dropped and recreated: use a throwaway database).
 */
export const BACKENDS = ['pglite', 'wire'] as const;
export type Backend = (typeof BACKENDS)[number];

/** A fresh, empty database on the given backend; `close` stops everything it started. */
export async function freshDatabase(backend: Backend): Promise<{ db: Database; close(): Promise<void> }> {
  if (backend === 'pglite') {
    const db = await openPglite(undefined);
    return { db, close: () => db.close() };
  }
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    const db = await openPostgres(external, { max: 4 });
    await db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
    return { db, close: () => db.close() };
  }
  const pg = await PGlite.create({ extensions: { vector } });
  const server = new PGLiteSocketServer({ db: pg, port: 0, host: '127.0.0.1' });
  await server.start();
  const address = server.getServerConn();
  // pglite-socket multiplexes one PGlite; a single client connection keeps transactions orderly.
  const db = await openPostgres(`postgres://postgres:postgres@${address}/postgres?sslmode=disable`, {
    max: 1,
  });
  return {
    db,
    async close() {
      await db.close();
      await server.stop();
      await pg.close();
    },
  };
}
