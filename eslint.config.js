// Lint rules: typescript-eslint's strict, type-aware presets over every TypeScript file.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '**/dist/', '.data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  // The function logs through its logger port (ports/log.ts), one structured line per event; nothing else writes to the console.
  { files: ['functions/src/**/*.ts'], rules: { 'no-console': 'error' } },
  // The script logs through log.ts, which keeps e-mail addresses out of its executions' log.
  { files: ['apps-script/src/**/*.ts'], ignores: ['apps-script/src/log.ts'], rules: { 'no-console': 'error' } },
);
