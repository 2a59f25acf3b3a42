// ESLint: typescript-eslint's type-aware recommended rules over the whole project (tsconfig.json);
// formatting is Prettier's. Run by `npm run lint`, with `prettier --check` and knip (unused code).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist-tools/', 'node_modules/', 'bench/out/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A leading underscore names what is left out on purpose (`const { key: _key, ...rest } = row`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Style noise here: the store's interface is async (a networked database implements it too),
      // the SQLite one answers synchronously inside async methods.
      '@typescript-eslint/require-await': 'off',
      // Style noise here: wink-nlp's `its.*` and natural's stemmer are plain functions, not methods.
      '@typescript-eslint/unbound-method': 'off',
      // The sanitizers match control characters on purpose.
      'no-control-regex': 'off',
      // Escapes such as `[.\-]` say "a literal hyphen" on purpose; removing them changes nothing.
      'no-useless-escape': 'off',
    },
  },
  {
    // Tests read JSON from the stand-in and drive discord.js with mocked objects and async listeners.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  prettier,
);
