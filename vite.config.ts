import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

// Every *-test.html at the top level is a small page the end-to-end tests drive directly.
const testPages = Object.fromEntries(
  readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith('-test.html'))
    .map((f) => [f.replace(/\.html$/, ''), resolve(import.meta.dirname, f)]),
);

// Relative base so the built page works from any static host or sub-folder.
export default defineConfig({
  base: './',
  plugins: [svelte(), svelteTesting()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
    rolldownOptions: { input: { main: resolve(import.meta.dirname, 'index.html'), ...testPages } },
  },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/component/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
  },
});
