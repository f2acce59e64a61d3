import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import boundaries from 'eslint-plugin-boundaries';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/**
 * The layers of the portal and which may import which (docs/architecture.md,
 * decision 019). This table is the only place the arrows are written; an
 * import outside it fails `npm run lint`. The first pattern that matches a
 * file decides its layer, so tests come first.
 */
const LAYERS = [
  // Tests and benchmarks may reach anything they exercise.
  { type: 'test', pattern: ['**/*.test.ts', '**/*.test.tsx', 'tests/**/*', 'bench/**/*'] },
  // The Remix root and entry modules: the app shell.
  { type: 'shell', pattern: ['app/root.tsx', 'app/entry.client.tsx', 'app/entry.server.tsx', 'app/remix-env.d.ts'] },
  // The database's shape: tables, value lists and row types, importable everywhere.
  { type: 'schema', pattern: ['db/schema.ts'] },
  // Start-up, seeding and command-line entry points wire the layers together.
  { type: 'entry', pattern: ['server.ts', 'server/**/*', 'scripts/**/*', 'db/seeds/**/*', 'db/migrate.ts', 'db/create-admin.ts', 'remix.config.js', 'eslint.config.js', 'playwright.config.ts', 'playwright.instances.config.ts', 'vitest*.config.ts'] },
  // The connection and migrations: only models, services, collab and entry points touch them.
  { type: 'db', pattern: ['db/**/*'] },
  // HTTP only: authenticate, parse the form, call one service (or one model read), answer.
  { type: 'routes', pattern: ['app/routes/**/*'] },
  // Domain operations: check the policy, open the transaction, write the audit entry.
  { type: 'services', pattern: ['app/services/**/*'] },
  // Files built for download (the HTML progress report, CSV and XLSX): server-rendered components.
  { type: 'downloads', pattern: ['app/downloads/**/*'] },
  // Hocuspocus and one extension per concern.
  { type: 'collab', pattern: ['app/collab/**/*'] },
  // Reading and writing document content: rendering, sanitising, diffs, import and export.
  { type: 'content', pattern: ['app/content/**/*'] },
  // The Lexical node set and text points, shared by the browser editor and the server.
  { type: 'editor', pattern: ['app/editor/**/*'] },
  // zod input schemas, one per form.
  { type: 'schemas', pattern: ['app/schemas/**/*'] },
  // SQL, and nothing but SQL.
  { type: 'models', pattern: ['app/models/**/*'] },
  // Pure permission rules.
  { type: 'policies', pattern: ['app/policies/**/*'] },
  // React components.
  { type: 'components', pattern: ['app/components/**/*'] },
  // Interface strings, the i18n set-up and the translated page meta.
  { type: 'locales', pattern: ['app/locales/**/*', 'app/i18n.ts'] },
  // Leaf helpers: format, calendar, env, logger, http-cache.
  { type: 'utils', pattern: ['app/utils/**/*'] },
];

/**
 * Which layers each layer may import, besides itself and the schema. One
 * deliberate widening of the layer table in docs/architecture.md: routes may
 * call the pure content functions (render, diff) that have no I/O (decision
 * 019). Models run SQL only: a policy computes the read scope and the service
 * hands it over, so models import no policy value.
 */
const MAY_IMPORT = {
  test: ['test', 'entry', 'shell', 'db', 'routes', 'services', 'downloads', 'collab', 'content', 'editor', 'schemas', 'models', 'policies', 'components', 'locales', 'utils'],
  entry: ['db', 'routes', 'services', 'collab', 'content', 'editor', 'schemas', 'models', 'policies', 'locales', 'utils', 'shell'],
  shell: ['services', 'models', 'policies', 'schemas', 'components', 'locales', 'utils'],
  routes: ['services', 'downloads', 'models', 'policies', 'schemas', 'content', 'components', 'locales', 'utils'],
  services: ['db', 'models', 'policies', 'content', 'editor', 'schemas', 'locales', 'utils'],
  downloads: ['services', 'models', 'policies', 'content', 'schemas', 'components', 'locales', 'utils'],
  collab: ['db', 'services', 'models', 'policies', 'content', 'editor', 'utils'],
  content: ['editor', 'utils'],
  editor: ['utils'],
  schemas: ['utils'],
  models: ['db', 'utils'],
  policies: [],
  components: ['editor', 'schemas', 'policies', 'locales', 'utils'],
  locales: ['utils'],
  utils: [],
  db: ['utils'],
  schema: [],
};

/**
 * Imports of types only (erased at build time): the shape of what a lower or
 * sibling layer hands over, e.g. a component taking the data a service returns.
 */
const MAY_IMPORT_TYPES = {
  components: ['services', 'content', 'models'],
  // The input a model stores, and the actor and read scopes a policy computed.
  models: ['schemas', 'policies'],
  schemas: ['models'],
};

const layerPolicies = [
  ...Object.entries(MAY_IMPORT).map(([from, to]) => ({
    from: { element: { type: from } },
    allow: { to: { element: { types: { anyOf: [from, 'schema', ...to] } } } },
  })),
  ...Object.entries(MAY_IMPORT_TYPES).map(([from, to]) => ({
    from: { element: { type: from } },
    allow: { to: { element: { types: { anyOf: to } } }, dependency: { kind: 'type' } },
  })),
];

export default tseslint.config(
  { ignores: ['build/**', '.builds/**', 'public/build/**', 'node_modules/**', 'playwright-report/**', 'test-results/**', 'data/**', '.cache/**', '**/.scratch*/**', 'tests/.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': ['error', { ignoreRestArgs: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.{ts,tsx,js}'],
    plugins: { boundaries, 'import-x': importX },
    settings: {
      'boundaries/elements': LAYERS.map((layer) => ({ ...layer, mode: 'full' })),
      'boundaries/include': ['app/**/*', 'db/**/*', 'server/**/*', 'server.ts', 'scripts/**/*', 'tests/**/*', 'bench/**/*'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
      'import/resolver': { typescript: { project: 'tsconfig.json' } },
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: layerPolicies }],
      // A file outside every layer would escape the table above.
      'boundaries/no-unknown-files': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Migrations are frozen in time and take an untyped database on purpose.
    files: ['db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
