import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CliError } from './main.js';

/**
 * Runs pg_dump or pg_restore against DATABASE_URL without exposing its password: the password goes
 * into a private pgpass file (mode 0600, deleted afterwards) named by the URL's `passfile`
 * parameter, because a password on the command line is visible to every user in `ps`.
 */
export async function runPgTool(tool: string, args: string[], url: string): Promise<number> {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  let dir: string | undefined;
  try {
    if (password) {
      dir = await mkdtemp(path.join(os.tmpdir(), 'partnarsok-pgpass-'));
      const passfile = path.join(dir, 'pgpass');
      // pgpass fields escape backslash and colon; the wildcards match the one server in the URL.
      await writeFile(passfile, `*:*:*:*:${password.replace(/[\\:]/g, '\\$&')}\n`, { mode: 0o600 });
      u.searchParams.set('passfile', passfile);
    }
    return (await spawnTool(tool, ['--dbname', u.toString(), ...args], false)).code;
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The table of contents of a pg_dump custom-format archive (`pg_restore --list`), one entry per
 * line; it reads only the file, no server.
 */
export async function listArchive(file: string): Promise<string> {
  const { code, stdout } = await spawnTool('pg_restore', ['--list', file], true);
  if (code !== 0)
    throw new CliError(`pg_restore could not read ${file} (exit code ${code}); its message is above`, 1);
  return stdout;
}

/** Spawns a PostgreSQL client tool; stderr always goes to ours, stdout too unless captured. */
function spawnTool(
  tool: string,
  args: string[],
  capture: boolean,
): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'ENOENT'
          ? new CliError(
              `${tool} was not found on PATH. Install the PostgreSQL client tools (Debian/Ubuntu: ` +
                `apt-get install postgresql-client), of the server's major version or newer.`,
              2,
            )
          : err,
      ),
    );
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout }));
  });
}

/** `FILE [--force]`, the arguments of backup and restore; prints the usage and returns undefined when they are wrong. */
export function fileArgs(usage: string): { file: string; force: boolean } | undefined {
  try {
    const args = parseArgs({
      options: { force: { type: 'boolean', default: false } },
      allowPositionals: true,
    });
    if (args.positionals.length !== 1) throw new Error('expected one FILE');
    return { file: path.resolve(args.positionals[0]!), force: args.values.force };
  } catch {
    process.stderr.write(usage);
    return undefined;
  }
}
