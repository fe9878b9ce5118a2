import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appliedMigrations, migrate, readMigrations } from '../../src/storage/migrate.js';
import { sql } from '../../src/storage/sql.js';
import { BACKENDS, freshDatabase } from '../helpers/backends.js';

describe.each(BACKENDS)('migrations on %s', (backend) => {
  it('applies every file once, records it, and never re-applies it', async () => {
    const { db, close } = await freshDatabase(backend);
    try {
      const files = await readMigrations();
      const first = await migrate(db);
      expect(first.applied).toEqual(files.map((f) => f.version));
      expect(await appliedMigrations(db)).toEqual(files.map((f) => f.version));
      expect((await migrate(db)).applied).toEqual([]);
      const [ext] = await db.query<{ extversion: string }>(
        sql`SELECT extversion FROM pg_extension WHERE extname = 'vector'`,
      );
      expect(ext?.extversion).toMatch(/^0\.[89]|^[1-9]/);
    } finally {
      await close();
    }
  });

  it('rolls back a failing migration whole and refuses an edited one', async () => {
    const { db, close } = await freshDatabase(backend);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mig-'));
    try {
      await writeFile(path.join(dir, '001_ok.sql'), 'CREATE TABLE a (x int);');
      await writeFile(path.join(dir, '002_broken.sql'), 'CREATE TABLE b (x int); SELECT no_such_function();');
      await expect(migrate(db, dir)).rejects.toThrow(/no_such_function/);
      expect(await appliedMigrations(db)).toEqual([1]);
      const tables = await db.query<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'b'`,
      );
      expect(tables[0]?.n).toBe(0);
      await writeFile(path.join(dir, '001_ok.sql'), 'CREATE TABLE a (x bigint);');
      await writeFile(path.join(dir, '002_broken.sql'), 'SELECT 1;');
      await expect(migrate(db, dir)).rejects.toThrow(/was changed after it was applied/);
    } finally {
      await close();
    }
  });
});
