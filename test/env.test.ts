import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/env.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      logLevel: 'info',
      seed: true,
    });
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.embedder).toMatchObject({
      kind: 'auto',
      model: 'Xenova/multilingual-e5-small',
      allowRemoteModels: false,
    });
  });

  it('names every bad variable', () => {
    const attempt = () =>
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        ALLOW_REMOTE_MODELS: 'maybe',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (err) {
      const msg = (err as Error).message;
      for (const v of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'ALLOW_REMOTE_MODELS']) expect(msg).toContain(v);
    }
  });

  it('treats empty values as unset and rejects a short ADMIN_TOKEN', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
    expect(() => loadConfig({ ADMIN_TOKEN: 'short' })).toThrow(/ADMIN_TOKEN/);
  });
});
