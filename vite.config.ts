import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { VitePWA } from 'vite-plugin-pwa';
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

/**
 * The installable, offline page: a web manifest and a Workbox service worker that precaches the
 * page and every chunk it may load later (workers, the lab drawer, Plot, the WebLLM engine), so a
 * class can reload and run with no network. Models are not ours to cache: WebLLM keeps them in its
 * own Cache Storage / IndexedDB stores, which this worker neither routes nor deletes (it only
 * answers requests for its precached URLs, and its cleanup only drops old `-precache-` caches).
 */
function offlinePlugin() {
  return VitePWA({
    registerType: 'prompt',
    // src/main.ts registers it through `virtual:pwa-register`, with an update prompt.
    injectRegister: false,
    // The glob below already takes the icons from public/.
    includeManifestIcons: false,
    manifest: {
      name: 'LLM Team Playground',
      short_name: 'LLM Teams',
      description: 'Watch a team of language-model agents work like a distributed system, in the browser.',
      start_url: './',
      scope: './',
      display: 'standalone',
      background_color: '#f6f6f4',
      theme_color: '#1d3557',
      icons: [
        { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
    workbox: {
      // Everything the build wrote (the plugin adds the manifest itself).
      globPatterns: ['**/*.{html,js,mjs,css,svg,png,ico,wasm,json,bin,txt,woff2}'],
      // Self-hosted models (public/models/, see README) are WebLLM's to cache, not ours: gigabytes.
      globIgnores: ['models/**'],
      // The WebLLM engine chunks are ~6 MB each; they must be precached too or a cold offline
      // start cannot reach the model cache at all.
      maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
      cleanupOutdatedCaches: true,
      // The first visit's page is served by the worker at once, so code it loads later (a first
      // Run, the drawer) comes from the precache even if the network drops before a reload. An
      // update still waits for the learner's Reload (no skipWaiting).
      clientsClaim: true,
      // The page keeps its state in the hash; a query string never picks a different file.
      ignoreURLParametersMatching: [/.*/],
      // No navigation fallback: only the page itself is served from the precache, so other pages
      // on the same host (the test pages) are never answered with it.
      navigateFallback: null,
      // No runtime caching: model downloads (other hosts) pass straight through to WebLLM.
      runtimeCaching: [],
    },
  });
}

// Relative base so the built page works from any static host or sub-folder.
export default defineConfig(({ mode }) => {
  const pages = mode === 'pages';
  return {
    base: './',
    root: pages ? pagesDir : here,
    publicDir: pages ? false : resolve(here, 'public'),
    // The service worker belongs to the shipped page only: never to the test pages or unit tests.
    plugins: [svelte(), svelteTesting(), ...(pages || mode === 'test' ? [] : [offlinePlugin()])],
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
      // Several tests start a process or run whole teams; on a loaded 2-core CI machine vitest's
      // 5 s default fails them for being slow, which is not what they test. Speed lives in the bench.
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  };
});
