// Lint: typescript-eslint's type-checked rules over the CLI, its tests and the benchmarks' TypeScript.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'tmp/**', 'coverage/**', '**/__fixtures__/**', 'fixtures/**', 'test/**/fixtures/**', '**/*.mjs', '**/*.js', '**/*.d.mts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname },
    },
  },
);
