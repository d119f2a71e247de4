/** Loading QuickJS in Node: the .wasm file is read from the package and compiled here (the
 * variant would otherwise look for it the browser way under a 'browser' resolve condition). */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadQuickJS, type QuickJSLoader } from './quickjsSandbox';

export const loadQuickJSInNode: QuickJSLoader = async () => {
  const path = createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-sync/wasm');
  return loadQuickJS(await WebAssembly.compile(await readFile(path)));
};
