import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const bannedMath = ['random', 'exp', 'expm1', 'log', 'log2', 'log10', 'log1p', 'pow', 'sin', 'cos', 'tan',
  'asin', 'acos', 'atan', 'atan2', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'cbrt', 'hypot'];

/** What shared/ may not write (determinism). */
const sharedSyntax = [
  { selector: "CallExpression[callee.property.name='sort'][arguments.length=0]", message: 'sort() needs a comparator (locale-free, deterministic)' },
  { selector: "CallExpression[callee.property.name='localeCompare']", message: 'localeCompare depends on the locale' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'artifacts/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // shared/ is the pure, deterministic engine (GAME.md "Determinism", ARCHITECTURE.md rule 2).
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-globals': ['error', 'Date', 'setTimeout', 'setInterval', 'setImmediate', 'performance',
        'process', 'window', 'document', 'navigator', 'fetch', 'crypto', 'Intl', 'localStorage', 'require',
        'Buffer', 'globalThis'],
      'no-restricted-properties': ['error', ...bannedMath.map((p) => ({ object: 'Math', property: p,
        message: 'Not deterministic across JS engines: use the integer helpers in shared/engine/math.ts' }))],
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'worker_threads'], message: 'shared/ has no Node APIs' },
        { group: ['phaser', '@colyseus/*', 'express', 'ws', 'better-sqlite3', 'kysely', 'pg', 'ioredis'], message: 'shared/ has no framework or I/O imports' },
        { group: ['../../server/*', '../../client/*', '../server/*', '../client/*'], message: 'shared/ never imports server or client code' },
      ] }],
      'no-restricted-syntax': ['error', ...sharedSyntax],
    },
  },
  {
    // The engine and the bots run thousands of times a second (a server's board's years, the simulator). The
    // server runs TypeScript through tsx, whose esbuild keeps function names: each named function made inside
    // another (`const f = () => …`, a nested `function f`) is named with Object.defineProperty as it is made,
    // and four such helpers cost the board's years ~20% (docs/performance.md). Write them at module level.
    files: ['shared/engine/**/*.ts', 'shared/bots/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...sharedSyntax,
        { selector: ':function VariableDeclarator > :matches(ArrowFunctionExpression, FunctionExpression).init', message: 'a named function made inside another is renamed at every call under tsx: write it at module level (docs/performance.md)' },
        { selector: ':function FunctionDeclaration', message: 'a function declared inside another is renamed at every call under tsx: write it at module level (docs/performance.md)' },
        // `-x` of a 0 is JavaScript's minus zero, which is not a small integer: V8 threw away the phase's optimized code
        // when one came (interest and tax are often 0) and compiled it again in play.
        { selector: 'CallExpression[callee.name=/^moveCash(Of)?$/] > UnaryExpression[operator="-"]', message: 'a payment is payCash / payCashOf (`-x` of 0 is minus zero, which made V8 recompile the phase: docs/performance.md)' },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'server/**/*.ts', 'scripts/**/*.mjs'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
