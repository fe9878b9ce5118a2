import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

/** The project root, where the CLI scripts run. */
export const root = path.resolve(import.meta.dirname, '../..');
/** tsx's own entry, run by this node, so a test can hide every other program with PATH. */
export const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');

/**
 * Runs a CLI script (`src/cli/*.ts`) to completion with a minimal environment: only PATH, HOME and
 * TMPDIR are inherited, so the test states every setting the script sees.
 */
export function runCli(script: string, args: string[], env: Record<string, string | undefined>) {
  const r = spawnSync(process.execPath, [tsxCli, path.join(root, script), ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: os.tmpdir(),
      EMBEDDER: 'offline',
      LOG_LEVEL: 'warn',
      ...env,
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
