// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'node_modules/', 'coverage/', '.models/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Configuration is read once in src/env.ts and passed in.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration in src/env.ts and pass it in.' },
      ],
    },
  },
  {
    files: ['src/env.ts', 'test/**', 'bench/**', 'vitest.config.ts', 'vitest.server.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
