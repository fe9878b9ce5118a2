import { ConfigError } from '../env.js';
import { EmbedderMismatchError } from '../runtime.js';
import { DatabaseSetupError } from '../storage/database.js';

/** An expected failure, reported by its message alone: exit 2 for a usage error, 1 otherwise. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

/**
 * Runs a command's main function and exits with its code. Failures an operator can act on (usage,
 * configuration, an unreachable server, missing pgvector, another embedder) print their message
 * alone; anything else prints its stack, because it is a bug to report.
 */
export function runMain(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (err: unknown) => {
      const known =
        err instanceof CliError ||
        err instanceof ConfigError ||
        err instanceof DatabaseSetupError ||
        err instanceof EmbedderMismatchError;
      process.stderr.write(`${known ? (err as Error).message : ((err as Error).stack ?? String(err))}\n`);
      process.exit(err instanceof CliError ? err.exitCode : err instanceof ConfigError ? 2 : 1);
    },
  );
}
