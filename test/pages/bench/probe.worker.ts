/**
 * The near end of the round-trip benchmark, a worker like the board worker: it calls across a
 * MessagePort to another worker and times each round trip with its own clock, so the page's
 * main thread is not on the path.
 */
import * as Comlink from 'comlink';
import type { AgentWorkerApi } from '../../../src/workers/agent.worker';
import type { EchoApi } from './echo.worker';

export type ProbeHow = 'raw' | 'comlink-echo' | 'comlink-agent-ping';

export interface ProbeRequest {
  how: ProbeHow;
  calls: number;
  warmup: number;
  /** Size of the string carried each way (raw and comlink-echo only). */
  payloadBytes: number;
}

async function measure(port: MessagePort, req: ProbeRequest): Promise<number[]> {
  const payload = { kind: 'bench', body: 'x'.repeat(req.payloadBytes) };
  let call: () => Promise<unknown>;
  if (req.how === 'raw') {
    let answered: () => void = () => {};
    port.onmessage = () => answered();
    call = () =>
      new Promise<void>((resolve) => {
        answered = resolve;
        port.postMessage(payload);
      });
  } else if (req.how === 'comlink-echo') {
    const remote = Comlink.wrap<EchoApi>(port);
    call = () => remote.echo(payload);
  } else {
    const remote = Comlink.wrap<AgentWorkerApi>(port);
    call = () => remote.ping();
  }
  for (let i = 0; i < req.warmup; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < req.calls; i++) {
    const t = performance.now();
    await call();
    samples.push((performance.now() - t) * 1000);
  }
  port.close();
  return samples;
}

/** The smallest step performance.now() takes here: 100 µs unless the page is cross-origin isolated. */
function timerResolutionUs(): number {
  let best = Infinity;
  for (let i = 0; i < 50; i++) {
    const a = performance.now();
    let b = a;
    while (b === a) b = performance.now();
    best = Math.min(best, b - a);
  }
  return best * 1000;
}

const api = { measure, timerResolutionUs };
export type ProbeApi = typeof api;
Comlink.expose(api);
