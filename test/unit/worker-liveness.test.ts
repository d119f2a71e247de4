// WorkerWatch: a worker that errors, garbles a message or goes silent is declared failed once,
// with a reason, and calls raced against it fail instead of hanging. Waits for outcomes, never
// asserts how long anything took.
import { describe, expect, it } from 'vitest';
import { WorkerLostError, WorkerWatch } from '../../src/runtime/workerLiveness';

const FAST = { everyMs: 10, silenceMs: 60 };

function fakeWorker() {
  const target = new EventTarget();
  return {
    target,
    fire(type: 'error' | 'messageerror', message?: string) {
      const e = new Event(type, { cancelable: true });
      if (message) Object.assign(e, { message });
      target.dispatchEvent(e);
      return e;
    },
  };
}

describe('WorkerWatch', () => {
  it('an error event fails the watch once, keeps it off the page, and rejects raced calls', async () => {
    const w = fakeWorker();
    const reasons: string[] = [];
    const watch = new WorkerWatch(w.target, (r) => reasons.push(r), FAST);
    const pending = watch.race(new Promise(() => {}));
    const e = w.fire('error', 'boom');
    w.fire('error', 'again');
    await expect(pending).rejects.toThrow(WorkerLostError);
    await expect(pending).rejects.toThrow(/stopped with an error: boom/);
    expect(reasons).toEqual(['stopped with an error: boom']);
    expect(e.defaultPrevented).toBe(true);
  });

  it('an unreadable message fails it too', async () => {
    const w = fakeWorker();
    const watch = new WorkerWatch(w.target, () => undefined, FAST);
    w.fire('messageerror');
    await expect(watch.lost).rejects.toThrow(/could not be read/);
  });

  it('a worker that stops answering pings is declared failed; one that answers is not', async () => {
    const silent = new WorkerWatch(new EventTarget(), () => undefined, FAST);
    let pings = 0;
    silent.startHeartbeat(() => {
      pings++;
      return new Promise(() => {});
    });
    await expect(silent.lost).rejects.toThrow(/stopped answering \(no heartbeat/);
    expect(pings).toBe(1);

    // Generous silence: a loaded test machine may stall the timers, never the answers.
    const alive = new WorkerWatch(new EventTarget(), () => undefined, { everyMs: 10, silenceMs: 5000 });
    let answered = 0;
    alive.startHeartbeat(async () => {
      answered++;
    });
    while (answered < 3) await new Promise((r) => setTimeout(r, 20));
    alive.stopHeartbeat();
    expect(alive.failure).toBeUndefined();
  });

  it('a retired worker reports nothing', async () => {
    const w = fakeWorker();
    const reasons: string[] = [];
    const watch = new WorkerWatch(w.target, (r) => reasons.push(r), FAST);
    watch.dispose();
    w.fire('error', 'late');
    expect(reasons).toEqual([]);
  });
});

describe('SweepClient heartbeat', () => {
  it('a sweep worker that never answers fails the sweep with a readable reason instead of hanging', async () => {
    const { SweepClient } = await import('../../src/runtime/sweepClient');
    const ch = new MessageChannel();
    let terminated = 0;
    // The other end is never read: the worker is "there" but silent.
    const port = Object.assign(ch.port1, { terminate: () => { terminated++; } });
    const client = new SweepClient(() => port, FAST);
    await expect(client.run([])).rejects.toThrow(/^the sweep worker stopped answering \(no heartbeat/);
    expect(terminated).toBe(1);
    ch.port1.close();
    ch.port2.close();
  });
});
