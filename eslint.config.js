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

/** The UI: only the renderer may import it. */
const uiModules = ['react', 'react-dom', 'react-dom/*', '@xyflow/*', 'zustand', 'zustand/*'];

/**
 * Test code: spec files, and the helpers, fakes and fixtures they share. By convention a helper lives
 * in a `test/` or `testing/` folder; the older helpers that sit beside the code are named here.
 */
const TEST_FILES = [
  '**/*.test.ts',
  '**/*.test.tsx',
  '**/test/**',
  '**/testing/**',
  'shared/catalog/testKit.ts',
  'shared/graph/testGraphs.ts',
  'main/engine/datasets/testHelpers.ts',
  'main/engine/kernels/kernelTestHarness.ts',
  '**/testFixtures.ts',
];

/** The same test code as import specifiers: production code must not import it. */
const testHelperImports = {
  group: [
    '**/*.test',
    '**/*.test.*',
    '**/test/**',
    '**/testing/**',
    '**/testKit',
    '**/testGraphs',
    '**/testHelpers',
    '**/kernelTestHarness',
    '**/testFixtures',
    '**/fakeEngine',
    '**/story/**',
  ],
  message: 'Production code never imports test helpers, fakes or fixtures.',
};

/** One layer's import rule for its production files (its tests may reach further, e.g. a real client). */
function layer(files, patterns, extra = {}) {
  return {
    files,
    ignores: TEST_FILES,
    ...extra,
    rules: { ...extra.rules, 'no-restricted-imports': ['error', { patterns: [...patterns, testHelperImports] }] },
  };
}

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
  layer(
    ['shared/**/*.ts'],
    [
      { group: platformModules, message: 'shared/ is the pure core: no platform, UI or tfjs imports.' },
      { group: ['**/main/**', '**/renderer/**'], message: 'shared/ imports nothing but itself.' },
    ],
  ),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  layer(
    ['renderer/**/*.{ts,tsx}'],
    [
      {
        group: ['electron', '@tensorflow/*', 'node:*', 'fs', 'child_process', 'ws'],
        message: 'renderer/ talks to the engine only through its EngineClient.',
      },
      { group: ['**/main/**'], message: 'renderer/ imports nothing from main/.' },
    ],
  ),
  layer(
    ['main/engine/**/*.ts', 'main/host/**/*.ts'],
    [
      {
        group: ['electron', ...uiModules, '**/renderer/**'],
        message: 'The engine and host run without Electron or a UI.',
      },
      { group: ['**/electron/**', '**/server/**', '**/cli/**'], message: 'The engine and host know no shell.' },
    ],
  ),
  // The three shells (DESIGN.md, Folders) are thin: each stands on main/host/ and shared/, never on the
  // renderer's code or on another shell. The Electron main process loads no TF.js of its own.
  layer(
    ['main/electron/**/*.ts'],
    [
      {
        group: [...uiModules, '**/renderer/**'],
        message: 'The Electron main process loads the renderer as a page, never as code.',
      },
      // engine/files (atomic writes, plain node:fs) is the one engine folder it may use: no TF.js there.
      {
        group: ['@tensorflow/*', '**/engine/**', '!**/engine/files', '!**/engine/files/atomicWrite'],
        message: 'The Electron main process leaves TF.js to trainer processes.',
      },
      // resolveInside is the one path guard both shells serve files through.
      {
        group: ['**/server/**', '!**/server/staticFiles', '**/cli/**'],
        message: 'A shell does not import another shell.',
      },
    ],
  ),
  layer(
    ['main/server/**/*.ts'],
    [
      {
        group: [...uiModules, '**/renderer/**'],
        message: 'The server sends the built renderer as files, never imports it.',
      },
      { group: ['electron', '**/electron/**', '**/cli/**'], message: 'A shell does not import another shell.' },
      {
        group: ['@tensorflow/*', '../engine/**', '../../engine/**'],
        message: 'The server leaves TF.js to trainer processes.',
      },
    ],
  ),
  layer(
    ['main/cli/**/*.ts'],
    [
      { group: [...uiModules, '**/renderer/**'], message: 'The command line has no UI.' },
      { group: ['electron', '**/electron/**'], message: 'The command line runs without Electron.' },
    ],
  ),
);
