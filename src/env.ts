import path from 'node:path';
import { z } from 'zod';

const bool = (name: string, fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], {
      error: () => `${name} must be true or false`,
    })
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

/** Every setting the service reads, with defaults; the only place that knows environment variable names. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  ADMIN_TOKEN: z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED: bool('SEED', true),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'PUBLIC_URL must be an http(s) URL' }).optional(),
  EMBEDDER: z.enum(['auto', 'transformers', 'offline']).default('auto'),
  MODEL: z.string().min(1).default('Xenova/multilingual-e5-small'),
  MODELS_DIR: z.string().min(1).default('./models'),
  MODEL_DTYPE: z.enum(['fp32', 'q8']).default('q8'),
  ALLOW_REMOTE_MODELS: bool('ALLOW_REMOTE_MODELS', false),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(1200),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(30_000),
  IMPORT_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024 * 1024),
});

/** Validated configuration, passed to everything that needs a setting. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminToken: string | undefined;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  seed: boolean;
  /** Where users reach the service; https makes session cookies Secure. */
  publicUrl: string | undefined;
  embedder: {
    kind: 'auto' | 'transformers' | 'offline';
    model: string;
    modelsDir: string;
    dtype: 'fp32' | 'q8';
    allowRemoteModels: boolean;
  };
  bodyLimitBytes: number;
  importLimitBytes: number;
  /** Longest a /v1 request (other than imports and pairing runs) may take before a 503. */
  requestTimeoutMs: number;
  /** Requests per minute per token on /v1 routes; 0 turns the limit off. */
  rateLimitPerMinute: number;
}

/** Thrown when the environment is invalid; the message names each bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses and validates the environment once at start-up. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset: `PORT= npm start` should mean the default, not a parse error.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    adminToken: e.ADMIN_TOKEN,
    logLevel: e.LOG_LEVEL,
    seed: e.SEED,
    publicUrl: e.PUBLIC_URL,
    embedder: {
      kind: e.EMBEDDER,
      model: e.MODEL,
      modelsDir: path.resolve(e.MODELS_DIR),
      dtype: e.MODEL_DTYPE,
      allowRemoteModels: e.ALLOW_REMOTE_MODELS,
    },
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    importLimitBytes: e.IMPORT_LIMIT_BYTES,
  };
}
