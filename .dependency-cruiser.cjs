/**
 * The layer graph of the README ("Layers") and the design: each folder imports only from the
 * layers above it in this list. `npm run check` (and so CI) runs this with depcruise.
 *
 *   core      pure TypeScript: no DOM, no workers, no Svelte, no WebLLM, no Node built-ins
 *   platform  what core's interfaces need from a host (sandbox runner, wall clock, Node threads)
 *   engines   browser engine code (WebLLM adapter, WebGPU probe, catalog, engine errors)
 *   workers   agent, model, board, sandbox and sweep workers
 *   runtime   main-thread glue: spawns workers, wires channels, forwards the trace
 *   store, io saved runs, export and import
 *   lessons   classroom lessons (data and their schema)
 *   ui        Svelte components (src/ui, App.svelte, main.ts); reaches workers only through runtime
 *   cli       the command line (anything above but the UI)
 *
 * Since every layer imports only upwards, no import cycle can cross a layer boundary.
 */
const layer = (name) => `^src/${name}/`;
const anyOf = (...names) => names.map(layer);

/** For each layer, what it may import besides itself and npm packages. */
const allowed = {
  core: [],
  platform: ['core'],
  engines: ['core', 'platform'],
  workers: ['core', 'platform', 'engines'],
  runtime: ['core', 'platform', 'engines', 'workers'],
  store: ['core', 'platform', 'engines', 'runtime'],
  io: ['core', 'platform', 'engines', 'runtime', 'store'],
  lessons: ['core'],
  ui: ['core', 'platform', 'engines', 'runtime', 'store', 'io', 'lessons'],
  cli: ['core', 'platform', 'engines', 'workers', 'runtime', 'store', 'io'],
};
const LAYERS = Object.keys(allowed);

const layerRules = LAYERS.map((name) => ({
  name: `layer-${name}`,
  comment: `${name} may import only from ${allowed[name].length ? allowed[name].join(', ') : 'itself'} (see .dependency-cruiser.cjs)`,
  severity: 'error',
  from: { path: name === 'ui' ? '^src/(ui/|App\\.svelte$|main\\.ts$)' : layer(name) },
  to: {
    path: '^src/',
    pathNot: [...(name === 'ui' ? ['^src/(ui/|App\\.svelte$|main\\.ts$|global\\.css$)'] : [layer(name)]), ...anyOf(...allowed[name])],
  },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'core-pure',
      comment: 'core runs in Node, a worker or the page: no Svelte, no WebLLM, no Comlink, no Node built-ins',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: ['^node_modules/(svelte|@mlc-ai|comlink)/'], dependencyTypes: ['npm', 'npm-dev', 'npm-peer', 'npm-optional', 'npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'core-no-node-builtins',
      comment: 'core runs in the browser too: no node: modules',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'webllm-type-only-outside-workers',
      comment: 'the multi-megabyte WebLLM runtime stays in the worker chunks: elsewhere import type only',
      severity: 'error',
      from: { pathNot: '^src/(workers|engines)/' },
      to: { path: '@mlc-ai/web-llm', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.svelte', '.json'] },
    exclude: { path: '\\.(css|png|svg)$' },
  },
};
