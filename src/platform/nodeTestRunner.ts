/**
 * TestRunner for Node (unit tests, the CLI, simulated teams): the QuickJS sandbox in-process,
 * the same engine and harness the page runs in its sandbox worker (see quickjsSandbox.ts).
 * A run blocks the event loop until it ends, at most its timeoutMs: QuickJS interrupts itself.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadQuickJS, QuickJSTestRunner, type QuickJSLoader, type SandboxLimits } from './quickjsSandbox';

// The variant would look for its .wasm file the browser way under some test setups (a 'browser'
// resolve condition); Node reads and compiles it from the package instead.
const loadInNode: QuickJSLoader = async () => {
  const path = createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-sync/wasm');
  return loadQuickJS(await WebAssembly.compile(await readFile(path)));
};

export class NodeTestRunner extends QuickJSTestRunner {
  constructor(limits: Partial<SandboxLimits> = {}) {
    super({ limits, load: loadInNode });
  }
}
