// ESLint flat config. Besides the usual TypeScript rules it enforces the import boundaries of
// docs/ARCHITECTURE.md: the domain stays pure, web and cli only speak the HTTP contract.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const ioModules = [
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'net',
  'node:net',
  'http',
  'node:http',
  'https',
  'node:https',
  'child_process',
  'node:child_process',
  'pg',
  'kysely',
  '@electric-sql/pglite',
  'fastify',
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'data/**', '**/dist/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The domain is pure: no I/O, no database, nothing from the apps.
    files: ['packages/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ioModules,
          patterns: [
            {
              group: ['@crossgate/db', '@crossgate/server', '@crossgate/server/*', '@crossgate/cli'],
              message: 'domain must not depend on I/O layers or apps',
            },
            { group: ['**/apps/**'], message: 'domain must not import from apps' },
          ],
        },
      ],
    },
  },
  {
    // The CEB codec and the contract are libraries too: no database, no apps.
    files: ['packages/ceb/**/*.ts', 'packages/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['pg', 'kysely', '@electric-sql/pglite', 'fastify'],
          patterns: [
            {
              group: [
                '@crossgate/db',
                '@crossgate/server',
                '@crossgate/server/*',
                '@crossgate/cli',
                '**/apps/**',
              ],
              message: 'libraries must not depend on the database or apps',
            },
          ],
        },
      ],
    },
  },
  {
    // Web and CLI speak the HTTP contract, never the database or the server's internals.
    // The CLI's operator commands (start, db, seed, users, keys) go through the server's narrow
    // `@crossgate/server/ops` facade: see docs/decisions/0003-cli-operator-facade.md.
    files: ['apps/cli/**/*.ts', 'apps/cli/**/*.js'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'pg',
            'kysely',
            '@electric-sql/pglite',
            '@crossgate/db',
            '@crossgate/server',
            '@crossgate/domain',
          ],
          patterns: [
            {
              group: ['@crossgate/server/*', '!@crossgate/server/ops'],
              message: 'only the ops facade of the server is public',
            },
            {
              group: ['**/packages/db/**', '**/apps/server/**'],
              message: 'import the contract, not the server or database',
            },
          ],
        },
      ],
    },
  },
  {
    // The web app speaks only the HTTP contract, plus the codec's pure code table of returnStatus names
    // (`@crossgate/ceb/status-codes`); the codec itself (XML, signatures) stays on the server.
    files: ['apps/web/src/**/*.ts', 'apps/web/src/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'pg',
            'kysely',
            '@electric-sql/pglite',
            '@crossgate/db',
            '@crossgate/server',
            '@crossgate/domain',
            '@crossgate/ceb',
          ],
          patterns: [
            {
              group: ['@crossgate/server/*', '**/packages/db/**', '**/apps/server/**'],
              message: 'the web app imports @crossgate/contract (and @crossgate/ceb/status-codes) only',
            },
          ],
        },
      ],
    },
  },
);
