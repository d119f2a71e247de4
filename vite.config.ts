import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const here = import.meta.dirname;
const pagesDir = resolve(here, 'test/pages');

// The pages the end-to-end tests and benchmarks drive (test/pages/*-test.html) are built only in
// `--mode pages`, into dist-pages/, so the shipped dist/ never carries them.
function testPageInputs(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(pagesDir)
      .filter((f) => f.endsWith('-test.html'))
      .map((f) => [f.replace(/\.html$/, ''), resolve(pagesDir, f)]),
  );
}

// Relative base so the built page works from any static host or sub-folder.
export default defineConfig(({ mode }) => {
  const pages = mode === 'pages';
  return {
    base: './',
    root: pages ? pagesDir : here,
    publicDir: pages ? false : resolve(here, 'public'),
    plugins: [svelte(), svelteTesting()],
    worker: { format: 'es' as const },
    build: {
      target: 'es2022',
      chunkSizeWarningLimit: 8000,
      outDir: resolve(here, pages ? 'dist-pages' : 'dist'),
      emptyOutDir: true,
      rolldownOptions: { input: pages ? testPageInputs() : { main: resolve(here, 'index.html') } },
    },
    test: {
      root: here,
      include: ['test/unit/**/*.test.ts', 'test/component/**/*.test.ts'],
      environment: 'node',
      setupFiles: ['test/setup.ts'],
    },
  };
});
