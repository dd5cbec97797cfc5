// Lint rules that keep the runtime boundaries honest (docs/architecture.md#layers): only app/main.ts, app/preload.ts and
// app/electron/** may import 'electron'; the renderer talks to main only through the IPC contract.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const electronImport = {
  paths: [{ name: 'electron', message: "Only app/main.ts, app/preload.ts and app/electron/** may import 'electron' (docs/architecture.md#layers)." }],
  patterns: [{ group: ['electron/*', 'electron-store'], message: 'Electron APIs live in app/electron/ only.' }],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**', 'reports/**', '.stryker-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['app/**/*.ts'],
    ignores: ['app/main.ts', 'app/preload.ts', 'app/electron/**'],
    rules: { 'no-restricted-imports': ['error', electronImport] },
  },
  {
    // Domain code never imports from ipc/: the IPC layer depends on the domain, not the other way round.
    files: ['app/{auth,control,desktop,graph,hotkeys,log,presence,schedule,settings,time,tray}/**/*.ts', 'app/*.ts'],
    ignores: ['app/main.ts', 'app/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...electronImport, patterns: [...electronImport.patterns, { group: ['**/ipc/*'], message: 'Domain code never imports from app/ipc/ (the IPC layer depends on it).' }] },
      ],
    },
  },
  {
    // The renderer runs sandboxed with no Node: it may import values only from app/'s plain-data files
    // (contract.ts, types.ts, vocabulary.ts, words.ts, fields.ts, presets.ts) at any depth; `import type` from anywhere in app/ is erased.
    files: ['renderer/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', electronImport],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+app/(?!(.+/)?(contract|types|vocabulary|words|fields|presets)\\.ts$)',
              allowTypeImports: true,
              message: 'The renderer may use only types and plain data from app/ (the IPC contract, types.ts, vocabulary.ts, words.ts, fields.ts, presets.ts).',
            },
          ],
        },
      ],
    },
  },
);
