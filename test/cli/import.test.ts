import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../helpers/cli.js';

const profile = (id: string, extra: object = {}) =>
  JSON.stringify({
    id,
    name: `Gmina ${id} — Łódź`,
    kind: 'municipality',
    country: 'PL',
    description: 'Gmina rozwija teleopiekę dla seniorów.',
    ...extra,
  });

describe('npm run import', () => {
  it('reports each bad line by number and reason, stores every valid line once, and a re-run changes nothing', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'import-'));
    const file = path.join(dir, 'profiles.jsonl');
    await writeFile(
      file,
      [
        profile('a'),
        '{"id": "broken"',
        profile('b', { shoeSize: 44 }),
        profile('c', { role: 'king' }),
        profile('a', { name: 'duplicate' }),
        profile('d', { languages: ['pl', 'en'] }),
        profile('e', { programmes: ['kreativt-europa'] }),
      ].join('\n') + '\n',
    );
    const env = { DATA_DIR: path.join(dir, 'db') };
    const first = run('src/cli/import.ts', [file], env);
    expect(first.err).not.toMatch(/Error:/);
    expect(first.out).toContain('line 2: malformed JSON');
    expect(first.out).toMatch(/line 3 \(b\): .*unknown field "shoeSize"/);
    expect(first.out).toMatch(/line 4 \(c\): .*role/);
    expect(first.out).toMatch(/line 5 \(a\): duplicate id "a" \(first on line 1\)/);
    expect(first.out).toContain('imported 3, updated 0, rejected 4');
    expect(first.code).toBe(1);

    const second = run('src/cli/import.ts', [file], env);
    expect(second.out).toContain('imported 0, updated 0, rejected 4 (3 unchanged)');
  });

  it('explains its usage', () => {
    const r = run('src/cli/import.ts', [], {});
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage: npm run import -- FILE.jsonl');
  });
});

describe('the commands with an unreachable DATABASE_URL', () => {
  it('say which server they cannot reach in one line, without a stack trace or the password', () => {
    const url = 'postgres://partnarsok:Secret-Pa55@127.0.0.1:1/partnarsok';
    for (const [script, args] of [
      ['src/cli/import.ts', ['seeds/profiles.jsonl']],
      ['src/cli/reindex.ts', []],
    ] as const) {
      const r = run(script, [...args], { DATABASE_URL: url });
      expect(r.code, script).toBe(1);
      expect(r.err, script).toContain('Cannot connect to database partnarsok on 127.0.0.1:1 (DATABASE_URL)');
      expect(r.err, script).not.toMatch(/\n\s+at /);
      expect(r.err + r.out, script).not.toContain('Secret-Pa55');
    }
  });
});
