import { describe, expect, it } from 'vitest';
import { compile, empty, join, sql } from '../../src/storage/sql.js';

describe('sql builder', () => {
  it('binds every value as a numbered parameter, through nested fragments', () => {
    const name = "Robert'); DROP TABLE profiles;--";
    const cond = join([sql`a = ${1}`, sql`b = ANY(${['x', 'y']})`], sql` AND `);
    const q = compile(sql`SELECT * FROM t WHERE ${cond} AND name = ${name}${empty} LIMIT ${5}`);
    expect(q.text).toBe('SELECT * FROM t WHERE a = $1 AND b = ANY($2) AND name = $3 LIMIT $4');
    expect(q.values).toEqual([1, ['x', 'y'], name, 5]);
  });

  it('joins nothing into an empty fragment', () => {
    expect(compile(join([], sql`,`))).toEqual({ text: '', values: [] });
  });
});
