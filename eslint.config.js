import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through config/config.ts; process.env is read in one place.' },
      ],
    },
  },
  {
    files: ['backend/src/config/config.ts', 'test/**', 'bench/**', '**/*.config.{js,ts}'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['desk/**/*.{ts,svelte}', 'desk/**/*.svelte.ts'],
    languageOptions: { globals: { ...globals.browser }, parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
);
