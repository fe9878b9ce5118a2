import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Database, DatabaseError } from '../../src/storage/database.js';
import { openPglite } from '../../src/storage/pglite.js';
import { openPostgres } from '../../src/storage/postgres.js';

/**
 * The storage backends the storage and API tests run on: in-process PGlite, and a real PostgreSQL
 * wire connection through postgres.js. Debian has no pgvector package, so the wire server is PGlite
 * itself served on loopback by pglite-socket, started here per test file; set TEST_DATABASE_URL to
 * run the wire tests against a real PostgreSQL 15+ server with pgvector instead (`npm run
 * test:server`, which .ci/run does on PostgreSQL 15 with pgvector built from Debian's source package):
 * each fresh database is then a new database on that server, dropped again on close, so test files
 * running in parallel never share tables.
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
  if (external) return serverDatabase(external);
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

/**
 * A new database on the PostgreSQL server at `url` (whose user needs CREATEDB), with the URL to reach
 * it; `close` drops it. `withoutExtensions` makes it from template0, as a database where nobody has
 * installed pgvector yet. The name is random so parallel test files and reruns never collide.
 */
export async function serverDatabase(
  url: string,
  opts: { withoutExtensions?: boolean } = {},
): Promise<{ db: Database; url: string; close(): Promise<void> }> {
  const name = `partnarsok_test_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(url, { max: 1 });
  // The name is generated above from hex digits only; CREATE DATABASE takes no parameters.
  // template1 carries what the administrator installed (pgvector); template0 is bare.
  await admin.exec(`CREATE DATABASE ${name}${opts.withoutExtensions ? ' TEMPLATE template0' : ''}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openPostgres(target.toString(), { max: 4 });
  return {
    db,
    url: target.toString(),
    async close() {
      await db.close();
      // Not WITH (FORCE): that may not end an autovacuum worker unless the role is a superuser, so a
      // database still in use (SQLSTATE 55006) is retried until the worker has finished.
      for (let attempt = 0; ; attempt++) {
        try {
          await admin.exec(`DROP DATABASE IF EXISTS ${name}`);
          break;
        } catch (err) {
          if ((err as DatabaseError).code !== '55006' || attempt >= 50) throw err;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      await admin.close();
    },
  };
}
