// @ts-check
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const DETERMINISM = 'The engine is deterministic';
const CLOCK = `${DETERMINISM}: take time from the simulation clock, not the wall clock.`;
const RNG = `${DETERMINISM}: use the seeded Rng, never an ambient random source.`;
const SCHEDULER = `${DETERMINISM}: schedule work as simulation events, not on the host event loop.`;
const NO_DOM = 'The engine runs without a DOM (browser main thread, worker, Node CLI and tests alike).';
const LAYERING =
  'Layering: src/engine and src/commands are pure, host-free TypeScript. The UI, map and worker depend on them, never the other way round.';

const HTML_SINK =
  'Never build HTML from strings (XSS): render text with React or set textContent, and create elements with the DOM API.';
/** HTML-parsing sinks, banned across src (the Content-Security-Policy is the second line of defence). */
const htmlSinkProperties = [
  { property: 'innerHTML', message: HTML_SINK },
  { property: 'outerHTML', message: HTML_SINK },
  { property: 'insertAdjacentHTML', message: HTML_SINK },
  { property: 'srcdoc', message: HTML_SINK },
  { property: 'createContextualFragment', message: HTML_SINK },
  { object: 'document', property: 'write', message: HTML_SINK },
  { object: 'document', property: 'writeln', message: HTML_SINK },
];
const htmlSinkSyntax = [
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: `${HTML_SINK} dangerouslySetInnerHTML is not allowed.`,
  },
  {
    selector: "Property[key.name='dangerouslySetInnerHTML']",
    message: `${HTML_SINK} dangerouslySetInnerHTML is not allowed.`,
  },
];

/** Imports the engine and the command layer must not make. */
const engineRestrictedImports = [
  'error',
  {
    paths: [
      { name: 'react', message: `${LAYERING} React belongs in src/ui.` },
      { name: 'react-dom', message: `${LAYERING} React belongs in src/ui.` },
      { name: 'zustand', message: `${LAYERING} UI state stores belong in src/ui.` },
      { name: 'topojson-client', message: `${LAYERING} Map geometry belongs in src/map.` },
    ],
    patterns: [
      { group: ['react/*', 'react-dom/*'], message: `${LAYERING} React belongs in src/ui.` },
      { group: ['zustand/*'], message: `${LAYERING} UI state stores belong in src/ui.` },
      { group: ['d3-*'], message: `${LAYERING} Projections and drawing belong in src/map.` },
      { group: ['@tanstack/*'], message: `${LAYERING} Data fetching and caching belong in the UI.` },
      { group: ['**/ui/**'], message: `${LAYERING} Nothing imports src/ui except src/main.tsx.` },
      { group: ['**/map/**'], message: `${LAYERING} src/map may import the engine, not the reverse.` },
      {
        group: ['**/worker/**'],
        message: `${LAYERING} The worker hosts the engine; the engine must not know it.`,
      },
      {
        // Bare directory imports such as `../ui` or `../../map`, which the globs above do not catch.
        regex: '^(\\.\\./)+(ui|map|worker)/?$',
        message: `${LAYERING} The engine must not reach into src/ui, src/map or src/worker.`,
      },
    ],
  },
];

/** The map draws; it knows engine and protocol types, not React, stores or the worker. */
const mapRestrictedImports = [
  'error',
  {
    paths: [
      { name: 'react', message: 'src/map draws on a canvas without React; components live in src/ui/map.' },
      { name: 'react-dom', message: 'src/map draws on a canvas without React.' },
      { name: 'zustand', message: 'src/map holds no UI state; src/ui/map passes what it needs.' },
    ],
    patterns: [
      { group: ['**/ui/**', '**/worker/**'], message: 'src/map may import engine and protocol types only.' },
      { regex: '^(\\.\\./)+(ui|worker)/?$', message: 'src/map may import engine and protocol types only.' },
    ],
  },
];

export default defineConfig([
  globalIgnores([
    'dist/',
    'dist-bench/',
    'dist-*/',
    'screenshots/',
    'node_modules/',
    'test-results/',
    'playwright-report/',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  // Node-hosted code: configs, scripts, e2e specs, benchmarks, the CLI.
  {
    files: [
      '*.{js,ts}',
      'e2e/**/*.ts',
      'bench/**/*.ts',
      'tests/**/*.ts',
      'src/cli/**/*.ts',
      'scripts/**/*.{js,ts}',
    ],
    languageOptions: { globals: { ...globals.node } },
  },

  // Browser-hosted code.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/engine/**', 'src/commands/**', 'src/scenarios/**', 'src/session/**', 'src/cli/**'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // No HTML from strings, no eval, anywhere in src. The engine block below repeats the lists, because a
  // later block's options replace an earlier block's for the same rule.
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-properties': ['error', ...htmlSinkProperties],
      'no-restricted-syntax': ['error', ...htmlSinkSyntax],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-script-url': 'error',
    },
  },

  // React: the rules of hooks (and the compiler-backed rules of React) for the UI shell.
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    ...reactHooks.configs.flat.recommended,
  },

  // The engine and the command layer: pure, deterministic, host-free. Applies to their tests too
  // (tests may import vitest and fast-check, which are not restricted).
  {
    files: ['src/engine/**/*.ts', 'src/commands/**/*.ts', 'src/scenarios/**/*.ts', 'src/session/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': engineRestrictedImports,
      'no-restricted-globals': [
        'error',
        { name: 'window', message: NO_DOM },
        { name: 'document', message: NO_DOM },
        { name: 'setTimeout', message: SCHEDULER },
        { name: 'setInterval', message: SCHEDULER },
        { name: 'setImmediate', message: SCHEDULER },
        { name: 'queueMicrotask', message: SCHEDULER },
        { name: 'requestAnimationFrame', message: SCHEDULER },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: RNG },
        { object: 'Date', property: 'now', message: CLOCK },
        { object: 'performance', property: 'now', message: CLOCK },
        { object: 'crypto', property: 'getRandomValues', message: RNG },
        { object: 'crypto', property: 'randomUUID', message: RNG },
        { object: 'globalThis', property: 'window', message: NO_DOM },
        { object: 'globalThis', property: 'document', message: NO_DOM },
        { object: 'globalThis', property: 'setTimeout', message: SCHEDULER },
        { object: 'globalThis', property: 'setInterval', message: SCHEDULER },
        { object: 'globalThis', property: 'setImmediate', message: SCHEDULER },
        { object: 'globalThis', property: 'queueMicrotask', message: SCHEDULER },
        { object: 'globalThis', property: 'requestAnimationFrame', message: SCHEDULER },
        ...htmlSinkProperties,
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: CLOCK },
        { selector: "CallExpression[callee.name='Date']", message: CLOCK },
        ...htmlSinkSyntax,
      ],
    },
  },

  {
    files: ['src/map/**/*.ts'],
    rules: { 'no-restricted-imports': mapRestrictedImports },
  },

  // The dashboard's main bundle: values come from the engine's small modules, never its index. The
  // index re-exports the whole engine, and the lazily loaded command layer uses all of it, so one
  // value import of the index put every engine module into the bundle loaded before the first map.
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/map/**/*.ts', 'src/main.tsx'],
    ignores: ['**/*.test.{ts,tsx}', '**/dev-*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+engine(/index)?$',
              allowTypeImports: true,
              message:
                'Import engine values from their module (engine/units, engine/events, …): a value import of the engine index puts the whole engine in the main bundle. Types may come from the index.',
            },
          ],
        },
      ],
    },
  },
]);
