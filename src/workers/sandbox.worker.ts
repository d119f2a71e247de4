/**
 * The browser sandbox: one fresh worker per test run (SandboxTestRunner starts it and
 * terminates it when the run ends or times out). It cuts off the network, then evaluates the
 * harness script as a classic script in its own global scope and forwards the snapshots.
 */
import { lockDownNetwork } from './sandboxLockdown';
import type { SandboxRunMessage, SandboxWorkerMessage } from '../platform/sandboxProtocol';
import { REPORT_GLOBAL } from '../core/harness/snapshot';

// Kept before agent code can touch the globals; agent code must not be able to post messages
// (a forged report) or receive more scripts.
const scope = self as unknown as Record<string, unknown> & {
  postMessage(message: SandboxWorkerMessage): void;
  onmessage: ((event: MessageEvent<SandboxRunMessage>) => void) | null;
};
const post = scope.postMessage.bind(scope);

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

scope.onmessage = (event) => {
  scope.onmessage = null;
  const message = event.data;
  if (!message || message.type !== 'run' || typeof message.script !== 'string') {
    post({ type: 'crash', message: 'the sandbox received something other than a harness script' });
    return;
  }
  const unlocked = lockDownNetwork(scope);
  if (unlocked.length > 0) {
    post({ type: 'crash', message: `the sandbox could not disable ${unlocked.join(', ')}; refusing to run agent code` });
    return;
  }
  scope.postMessage = () => {
    throw new Error('messages are disabled in the sandbox');
  };
  scope[REPORT_GLOBAL] = (json: unknown): void => {
    if (typeof json === 'string') post({ type: 'report', json });
  };
  try {
    // Indirect eval: the script runs in global scope as a classic script, not in this module.
    (0, eval)(message.script);
    post({ type: 'finished' });
  } catch (e) {
    post({ type: 'crash', message: `the harness crashed: ${describe(e)}` });
  }
};

post({ type: 'ready' });
