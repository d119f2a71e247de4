/** Messages between SandboxTestRunner (platform/sandboxRunner.ts) and sandbox.worker.ts. */
import type { TestRequest } from '../core/harness/types';

/** Host -> worker: run one request. A worker runs one at a time and may run many in its life. */
export interface SandboxRunMessage {
  type: 'run';
  id: number;
  request: TestRequest;
}

export type SandboxWorkerMessage =
  /** QuickJS has loaded; the worker takes requests. */
  | { type: 'ready' }
  /** The TestReport of request `id` (checked again by the host). `retire`: this worker's memory
   * grew (a memory bomb), so the host should terminate it rather than reuse it. */
  | { type: 'report'; id: number; report: unknown; retire?: boolean }
  /** The worker cannot run requests (QuickJS failed to load); it should be terminated. */
  | { type: 'crash'; message: string };
