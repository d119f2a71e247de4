/** A small window hook for the end-to-end tests: read the trace, the live workers and the state. */
import type { TraceEvent } from '../core/trace/events';

export interface DebugHook {
  events(): TraceEvent[];
  liveAgentWorkers(): number;
  state(): object;
}

declare global {
  interface Window {
    __ltp?: DebugHook;
  }
}

export function installDebugHook(hook: DebugHook): void {
  window.__ltp = hook;
}
