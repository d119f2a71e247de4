/** The inside of Node's sandbox worker thread (started by nodeSandbox.worker.mjs). */
import { parentPort } from 'node:worker_threads';
import { loadQuickJSInNode } from './nodeQuickJS';
import { QuickJSTestRunner } from './quickjsSandbox';
import { serveSandbox } from './sandboxHost';

const port = parentPort;
if (port) {
  const handle = serveSandbox(new QuickJSTestRunner({ load: loadQuickJSInNode }), (message) => port.postMessage(message));
  port.on('message', handle);
}
