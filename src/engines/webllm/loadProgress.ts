/**
 * WebLLM reports loading as {progress, text}; the page wants a phase and megabytes. WebLLM's
 * texts (0.2.86) look like:
 *   "Start to fetch params"
 *   "Fetching param cache[3/20]: 120MB fetched. 15% completed, 5 secs elapsed. ..."
 *   "Loading model from cache[3/20]: 120MB loaded. 15% completed, 2 secs elapsed."
 *   "Loading GPU shader modules[12/40]: 30% completed, 1 secs elapsed."
 *   "Finish loading on WebGPU - <adapter>"
 * The fraction is per phase, as WebLLM reports it: each phase runs from 0 to 1.
 */
import type { LoadPhase, LoadProgress } from '../spec';

/** Structurally WebLLM's InitProgressReport, without importing its runtime. */
export interface InitReport {
  progress: number;
  timeElapsed: number;
  text: string;
}

function phaseOf(text: string): LoadPhase {
  if (/^finish loading/i.test(text)) return 'ready';
  if (/fetch/i.test(text)) return 'fetching';
  if (/shader|compil/i.test(text)) return 'compiling';
  return 'loading';
}

function clamp01(x: number): number {
  if (!Number.isFinite(x)) return 0;
  return Math.min(1, Math.max(0, x));
}

export function progressFromReport(report: InitReport, agent: string): LoadProgress {
  const phase = phaseOf(report.text);
  const fraction = phase === 'ready' ? 1 : clamp01(report.progress);
  const out: LoadProgress = { agent, phase, fraction, text: report.text };
  const mb = /(\d+(?:\.\d+)?)\s*MB (?:fetched|loaded)/i.exec(report.text);
  if (mb && (phase === 'fetching' || phase === 'loading')) {
    const loaded = Number(mb[1]);
    out.loadedMB = loaded;
    // WebLLM states only what is done; the total follows from the fraction once it is non-zero.
    if (fraction > 0) out.totalMB = Math.round(loaded / fraction);
  }
  return out;
}
