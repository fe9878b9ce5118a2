import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

function run(script: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(tsx, [path.join(root, script), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, EMBEDDER: 'offline', LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

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
