import cliProgress from 'cli-progress';

/** A progress bar on stderr when it is a terminal; periodic plain lines otherwise (CI logs, pipes). */
export function progressBar(label: string, total: number): { update(n: number): void; stop(): void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
        stream: process.stderr,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { update: (n) => bar.update(Math.min(n, total)), stop: () => bar.stop() };
  }
  let last = 0;
  let printed = -1;
  return {
    update(n) {
      const now = Date.now();
      if (n !== printed && (now - last > 2000 || n >= total)) {
        last = now;
        printed = n;
        process.stderr.write(`${label}: ${n}/${total}\n`);
      }
    },
    stop() {},
  };
}
