// ESLint: JavaScript, TypeScript (typescript-eslint) and Svelte (eslint-plugin-svelte) rules, run
// by `npm run check` (npm run lint). The compiler checks types; this checks what it does not.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  { ignores: ['dist/', 'dist-pages/', 'node_modules/', 'public/', 'test/bench/results.json', 'src/**/*.generated.ts'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    rules: {
      // `_name` marks a value left unused on purpose (a destructured field dropped, a callback's
      // first argument).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Page state is $state.raw, replaced whole and never mutated in place: a Map or Set built
      // and then assigned (or used only inside a $derived) needs no SvelteMap.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    // A variable a closure reads before its one later assignment cannot be const. (Svelte files
    // keep the Svelte plugin's own setting, which knows $props.)
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    rules: { 'prefer-const': ['error', { ignoreReadBeforeAssign: true }] },
  },
  {
    // Observable Plot draws its own SVG; the component hands it an empty host element it owns.
    files: ['src/ui/views/PlotFigure.svelte'],
    rules: { 'svelte/no-dom-manipulating': 'off' },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
);
