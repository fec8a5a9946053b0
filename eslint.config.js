// Lint, with the layer boundaries machine-checked (see README "Layout of the code"):
//   renderer/           a web page: no Node built-ins, no Electron, nothing from electron/
//   shared/             pure: no Node, no Electron, no renderer, no electron/
//   electron/services/  plain Node: never 'electron', never the shell
//   electron/serve, electron/cli: plain Node, like the services
//   electron/shell/, electron/preload/: the only code that may import 'electron'
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noElectron = { name: 'electron', message: 'Only electron/shell and electron/preload may import Electron.' };
const pattern = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='innerHTML']",
          message: 'Build DOM nodes or use React; never innerHTML (file content must stay text).',
        },
        { selector: "MemberExpression[property.name='outerHTML']", message: 'Never outerHTML (file content must stay text).' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Never insertAdjacentHTML.' },
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never dangerouslySetInnerHTML.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...nodeBuiltins.map((name) => ({ name, message: 'renderer/ is a web page: no Node built-ins.' }))],
          patterns: [
            pattern(
              ['**/electron/**', '../electron/*', '../../electron/*'],
              'renderer/ talks to the Node side only through the contract (renderer/api).',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...nodeBuiltins.map((name) => ({ name, message: 'shared/ is pure: no Node built-ins.' }))],
          patterns: [pattern(['**/electron/**', '**/renderer/**'], 'shared/ depends on nothing but itself and zod.')],
        },
      ],
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/serve/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            pattern(['electron/*', '**/shell/**', '**/preload/**'], 'Plain Node code never reaches into the Electron shell.'),
            pattern(['**/renderer/**'], 'The Node side never imports the renderer.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/shell/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [pattern(['**/renderer/**'], 'The shell never imports the renderer.')] }],
    },
  },
  {
    files: ['tests/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
