// Lint the boundaries rather than trusting memory (see ../shared/STYLE.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only src/main may import electron.' }] }],
    },
  },
  {
    // MSAL lives behind the auth service; everything else sees tokens through a provider.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/core/auth/**', 'src/emulator/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only src/main may import electron.' }],
        patterns: [{ group: ['@azure/msal-*'], message: 'Only src/core/auth may use MSAL.' }],
      }],
    },
  },
  {
    // The Electron shell: the main process and its preload are the only code that may use Electron.
    files: ['src/main/**/*.ts', 'src/preload/**/*.ts', 'test/main/**/*.ts', 'test/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@azure/msal-*'], message: 'Only src/core/auth may use MSAL.' }] }],
    },
  },
  {
    // The demo tenant must stay free of anything the client side uses, so the
    // app, the CLI and tests can all start it in plain Node.
    files: ['src/emulator/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The demo tenant runs in plain Node.' }],
        patterns: [{ group: ['@azure/msal-*'], message: 'The demo tenant must not depend on a client library.' }],
      }],
    },
  },
);
