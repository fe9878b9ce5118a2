import postgres from 'postgres';
import { compile, type SqlFragment } from './sql.js';
import { DatabaseSetupError, wrapDbError, type Database, type Queryable } from './database.js';

type Runner = postgres.Sql | postgres.TransactionSql;

function queryable(runner: Runner): Queryable {
  return {
    async query<T extends object>(q: SqlFragment): Promise<T[]> {
      const { text, values } = compile(q);
      try {
        const rows = await runner.unsafe(text, values as postgres.ParameterOrJSON<never>[]);
        return rows as unknown as T[];
      } catch (err) {
        throw wrapDbError(err, text);
      }
    },
    async exec(script: string): Promise<void> {
      try {
        // No parameters: the simple protocol runs every statement of the script.
        await runner.unsafe(script).simple();
      } catch (err) {
        throw wrapDbError(err, script.slice(0, 200));
      }
    },
  };
}

/** Database and host of a URL for messages; never the user or password, which must not reach a message or the log. */
export function describeServer(url: string): string {
  const u = new URL(url);
  return `database ${decodeURIComponent(u.pathname.slice(1)) || '(default)'} on ${u.hostname}${u.port ? `:${u.port}` : ''}`;
}

/** Connects to a PostgreSQL server (15+ with pgvector) through postgres.js. */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // Same shapes as PGlite returns: numbers for int8 counts and floats, not strings.
    types: {
      bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
    },
    connection: { application_name: 'partnarsok' },
  });
  try {
    await client`select 1`;
  } catch (err) {
    await client.end({ timeout: 1 });
    throw new DatabaseSetupError(
      `Cannot connect to ${describeServer(url)} (DATABASE_URL): ${(err as Error).message}`,
    );
  }
  const base = queryable(client);
  return {
    backend: 'postgres',
    ...base,
    transaction: async (fn) =>
      (await client.begin((tx) => fn(queryable(tx)))) as Awaited<ReturnType<typeof fn>>,
    close: () => client.end({ timeout: 5 }),
  };
}
