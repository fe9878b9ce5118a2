import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseSetupError, type Database } from '../../src/storage/database.js';
import { migrate } from '../../src/storage/migrate.js';
import { openPostgres } from '../../src/storage/postgres.js';
import { sql } from '../../src/storage/sql.js';
import { serverDatabase } from '../helpers/backends.js';

/*
 * What an operator sees when the server is not ready for the service: runs under `npm run
 * test:server` against a real PostgreSQL server, as a role that is not a superuser (as the
 * service's role should be), so installing pgvector is something it may not do.
 */
const base = process.env.TEST_DATABASE_URL!;
const opened: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const d of opened) await d.close();
});

async function tables(db: Database): Promise<string[]> {
  const rows = await db.query<{ t: string }>(
    sql`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
  );
  return rows.map((r) => r.t);
}

describe('a PostgreSQL server that is not ready for the service', () => {
  it('runs as a role that is not a superuser', async () => {
    const db = await openPostgres(base, { max: 1 });
    opened.push(db);
    const [me] = await db.query<{ super: boolean; createdb: boolean }>(
      sql`SELECT rolsuper AS super, rolcreatedb AS createdb FROM pg_roles WHERE rolname = current_user`,
    );
    // The tests below need a role like the service's own: able to create its databases, not a superuser.
    expect(me).toEqual({ super: false, createdb: true });
  });

  it('names the statement an administrator must run when pgvector is not installed in the database', async () => {
    const bare = await serverDatabase(base, { withoutExtensions: true });
    opened.push(bare);
    const err = await migrate(bare.db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseSetupError);
    expect((err as Error).message).toMatch(
      /pgvector is on the server but not installed in database partnarsok_test_\w+/,
    );
    expect((err as Error).message).toContain('CREATE EXTENSION vector;');
    // Nothing was half-applied: not even the migrations table.
    expect(await tables(bare.db)).toEqual([]);
  });

  it('migrates a database where an administrator installed pgvector, without needing a superuser', async () => {
    const ready = await serverDatabase(base);
    opened.push(ready);
    const { applied } = await migrate(ready.db);
    expect(applied.length).toBeGreaterThanOrEqual(6);
    expect(await tables(ready.db)).toContain('profiles');
    const [ext] = await ready.db.query<{ v: string }>(
      sql`SELECT extversion AS v FROM pg_extension WHERE extname = 'vector'`,
    );
    expect(ext!.v.split('.').map(Number)[1]).toBeGreaterThanOrEqual(8);
  });

  it('says which server it cannot reach, without the password', async () => {
    const wrong = new URL(base);
    wrong.password = 'Wrong-Pa55word-xyz';
    const err = await openPostgres(wrong.toString(), { max: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseSetupError);
    expect((err as Error).message).toContain(`on ${wrong.hostname}:${wrong.port}`);
    expect((err as Error).message).toMatch(/password authentication failed/);
    expect((err as Error).message).not.toContain('Wrong-Pa55word-xyz');
  });
});
