// @ts-check
// `npm run lint`: typescript-eslint's recommended type-checked rules on the TypeScript sources (src/).
// nodes/ is the compiled output; test/, scripts/ and resources/ are plain JavaScript and are not linted.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['nodes/', 'test/', 'scripts/', 'resources/', 'examples/', 'docs/'] },
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: path.dirname(fileURLToPath(import.meta.url)),
      },
    },
    rules: {
      // `const { payload: _payload, ...rest } = msg` drops a property; tsc's noUnusedLocals accepts that idiom too.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
);
