import pino from 'pino';

/** Structured JSON logger. Anything that can hold a secret is redacted before it is written. */
export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level,
      base: { service: 'partnarsok' },
      redact: {
        paths: [
          'authorization',
          'cookie',
          'token',
          '*.authorization',
          '*.cookie',
          '*.token',
          'headers.authorization',
          'databaseUrl',
          '*.databaseUrl',
        ],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export type Logger = pino.Logger;
