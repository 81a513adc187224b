// One flat config for the whole workspace. Type-aware rules (no-floating-promises) need each
// package's tsconfig.json; module boundaries keep the arrows one-way (apps -> libs, never back;
// the editor never reaches server libs; workflows never reach Node builtins).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

/** Apps depend on libs, never the reverse; test infrastructure (type:testing) only from tests. */
function boundaries({ tests }) {
  const testing = tests ? ['type:testing', 'type:tool'] : [];
  return {
    allow: [],
    depConstraints: [
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:workflow', ...testing] },
      { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', ...testing] },
      { sourceTag: 'type:workflow', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'scope:editor', onlyDependOnLibsWithTags: ['scope:shared', 'scope:editor'] },
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared', ...testing] },
    ],
  };
}

const SANDBOX_IMPORT_PATTERNS = [
  {
    group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'os', 'child_process', 'net'],
    message: 'Workflow code is deterministic: no Node builtins.',
  },
  {
    group: ['@temporalio/activity', '@temporalio/worker', '@temporalio/client'],
    message: 'Workflows import only @temporalio/workflow (and `import type` of activities).',
  },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.tools/**', '.data/**', '.nx/**', '**/*.mjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@nx/enforce-module-boundaries': ['error', boundaries({ tests: false })],
    },
  },
  {
    // Workflow code and the shared journey model run inside Temporal's deterministic sandbox.
    files: ['workflows/src/**/*.ts', 'libs/journey/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: SANDBOX_IMPORT_PATTERNS }] },
  },
  {
    // The index brings zod, whose schemas every run the worker starts or replays would build again.
    files: ['workflows/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: SANDBOX_IMPORT_PATTERNS,
          paths: [
            {
              name: '@waypoint/journey',
              allowTypeImports: true,
              message:
                'Workflows import values from @waypoint/journey/engine (no zod); types may come from here.',
            },
          ],
        },
      ],
    },
  },
  {
    // The shared journey logic takes time and randomness as arguments so it is testable and replay-safe.
    files: ['libs/journey/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Pass randomness in: shared journey logic is deterministic.',
        },
        {
          object: 'Date',
          property: 'now',
          message: 'Pass the time in: shared journey logic is deterministic.',
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts', '**/e2e/**/*.ts'],
    // Tests read parsed JSON bodies; typing every response shape there adds noise, not safety.
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@nx/enforce-module-boundaries': ['error', boundaries({ tests: true })],
    },
  },
  prettier,
);
