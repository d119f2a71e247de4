/**
 * Entry of sandbox-test.html, a bare page the end-to-end test drives: it exposes
 * window.runSandbox(req) and a counter button, to show the page stays responsive while a
 * sandbox worker spins in an infinite loop.
 */
import type { TestReport, TestRequest } from '../../src/core/harness/types';
import { SandboxTestRunner } from '../../src/platform/sandboxRunner';

declare global {
  interface Window {
    runSandbox(req: TestRequest): Promise<TestReport>;
  }
}

const runner = new SandboxTestRunner();
window.runSandbox = (req) => runner.run(req);

const button = document.querySelector<HTMLButtonElement>('#count');
const output = document.querySelector<HTMLOutputElement>('#clicks');
let clicks = 0;
button?.addEventListener('click', () => {
  clicks += 1;
  if (output) output.textContent = String(clicks);
});
document.body.dataset.ready = 'true';
