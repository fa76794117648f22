import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Modules a pure-core file must never import (STYLE.md 1: layering enforced by lint, not memory). */
const platformModules = [
  'electron',
  'react',
  'react-dom',
  'react-dom/*',
  '@xyflow/*',
  'zustand',
  'zustand/*',
  '@tensorflow/*',
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'ws',
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'out', 'test-results', 'playwright-report', 'bench/out', '**/*.min.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['warn', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: platformModules, message: 'shared/ is the pure core: no platform, UI or tfjs imports.' },
            { group: ['**/main/**', '**/renderer/**'], message: 'shared/ imports nothing but itself.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', '@tensorflow/*', 'node:*', 'fs', 'child_process', 'ws'],
              message: 'renderer/ talks to the engine only through its EngineClient.',
            },
            { group: ['**/main/**'], message: 'renderer/ imports nothing from main/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/engine/**/*.ts', 'main/host/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'react', 'react-dom', '@xyflow/*', '**/renderer/**'],
              message: 'The engine and host run without Electron or a UI.',
            },
          ],
        },
      ],
    },
  },
);
