// ESLint flat config: typescript-eslint's recommended rules, plus the architecture's one hard rule:
// the calculation core imports nothing from Node, the DOM or Office.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'lib/**', 'coverage/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['fs', 'path', 'os', 'child_process', 'node:*', 'stream', 'zlib', 'crypto', 'util'],
              message: 'src/core is pure: no Node imports.',
            },
            {
              group: ['exceljs', 'office-*', '@microsoft/*'],
              message: 'src/core is pure: no renderer or Office imports.',
            },
            {
              group: [
                '../cli/*',
                '../taskpane/*',
                '../functions/*',
                '../../cli/*',
                '../../taskpane/*',
                '../../functions/*',
              ],
              message: 'src/core does not depend on its adapters.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'process',
        'Buffer',
        'Office',
        'Excel',
        'CustomFunctions',
        'require',
      ],
    },
  },
  {
    files: ['webpack.config.js', 'jest.config.js', 'bin/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
  {
    files: ['scripts/**/*.ts', 'src/cli/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
