// @ts-check
// `npm run lint`: typescript-eslint's recommended type-checked rules on the TypeScript sources
// (src/), and ESLint's recommended rules on every file of JavaScript we write: the editor code
// (resources/ and the scripts inside nodes/*.html, read by eslint-plugin-html), the tests and the
// scripts. nodes/*.js and nodes/lib/ are the compiled output; resources/server-facts.js is written
// by the build.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import html from 'eslint-plugin-html';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// What the Node-RED editor offers the scripts of a node's .html file, besides the browser's.
const editorGlobals = { ...globals.browser, ...globals.jquery, RED: 'readonly' };

export default defineConfig(
  { ignores: ['nodes/*.js', 'nodes/lib/', 'resources/server-facts.js', 'examples/', 'docs/', '.test-output/'] },
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
  {
    files: ['test/**/*.js', 'scripts/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { ...globals.node, ...globals.mocha },
    },
    rules: {
      'no-unused-vars': ['error', { ignoreRestSiblings: true, caughtErrors: 'none' }],
    },
  },
  {
    // The browser test hands functions to the page: they run in the editor.
    files: ['test/editor/**/*.js', 'test/support/editor/**/*.js'],
    languageOptions: { globals: editorGlobals },
  },
  {
    files: ['resources/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'script', globals: editorGlobals },
  },
  {
    files: ['nodes/*.html'],
    plugins: { html },
    extends: [js.configs.recommended],
    // BpmEditor comes from the files of resources/ that each .html loads.
    languageOptions: { sourceType: 'script', globals: { ...editorGlobals, BpmEditor: 'readonly' } },
  },
  {
    files: ['eslint.config.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
);
