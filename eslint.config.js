import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * The layers, and which layers each may import (see docs/ARCHITECTURE.md):
 *   routes -> ui -> state -> workspace            (workspace imports only yjs)
 *                       \-> sync -> store -> crypto
 */
const LAYERS = {
  routes: ['ui', 'state', 'workspace'],
  ui: ['ui', 'state', 'workspace'],
  state: ['state', 'workspace', 'sync', 'store', 'crypto'],
  workspace: ['workspace'],
  sync: ['sync', 'store', 'crypto'],
  store: ['store', 'crypto'],
  crypto: ['crypto'],
};
const layerDir = (layer) => (layer === 'routes' ? './src/routes' : `./src/lib/${layer}`);
const layerZones = Object.entries(LAYERS).map(([layer, allowed]) => ({
  target: layerDir(layer),
  from: Object.keys(LAYERS)
    .filter((other) => !allowed.includes(other) && other !== layer)
    .map(layerDir),
  message: `The ${layer} layer may import only: ${allowed.join(', ')}.`,
}));

/** Third-party packages that belong to exactly one layer: no other layer may import them. */
const PACKAGE_OWNERS = {
  'libsodium-wrappers-sumo': 'crypto',
  'libsodium-wrappers': 'crypto',
  dexie: 'store',
  'y-websocket': 'sync',
};
const packageRules = Object.keys(LAYERS).map((layer) => ({
  files: [`${layerDir(layer).slice(2)}/**/*.{ts,js,svelte}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: Object.entries(PACKAGE_OWNERS)
          .filter(([, owner]) => owner !== layer)
          .map(([name, owner]) => ({ name, message: `Only src/lib/${owner} imports ${name}.` })),
      },
    ],
  },
}));

export default ts.config(
  {
    ignores: [
      'build/',
      '.svelte-kit/',
      'node_modules/',
      'data/',
      'test-results/',
      'playwright-report/',
      'dev-dist/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
      'import-x/extensions': ['.ts', '.js', '.svelte'],
      // Dependencies are parsed by their own kind, not by the parser of the importing file.
      'import-x/parsers': {
        '@typescript-eslint/parser': ['.ts', '.js'],
        'svelte-eslint-parser': ['.svelte'],
      },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  {
    // A .ts file that imports a .svelte component (a render test) makes import-x parse the
    // component with the importing file's parser options: give it the TypeScript parser.
    files: ['**/*.ts'],
    ignores: ['**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // State classes replace Date and Map values whole (never mutate them in place), so the
    // reactive SvelteDate/SvelteMap wrappers would only add cost there.
    files: ['src/lib/state/**'],
    rules: { 'svelte/prefer-svelte-reactivity': 'off' },
  },
  {
    // Config files are read by tools that expect a default export.
    files: ['*.config.{js,ts}'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  ...packageRules,
);
