/** Messages between SandboxTestRunner (platform/sandboxRunner.ts) and sandbox.worker.ts. */

/** Host -> worker: the harness script to evaluate (built by core/harness/script.ts). */
export interface SandboxRunMessage {
  type: 'run';
  script: string;
}

export type SandboxWorkerMessage =
  /** The worker has loaded and locked itself down; the run's clock starts when it gets the script. */
  | { type: 'ready' }
  /** A HarnessSnapshot JSON string, forwarded from the script's __report calls. */
  | { type: 'report'; json: string }
  /** Evaluating the script threw outside any test: the harness itself failed. */
  | { type: 'crash'; message: string }
  /** The script returned; a done snapshot should have arrived before this. */
  | { type: 'finished' };
