/**
 * The far end of the round-trip benchmark: answers on a port it is handed, either by posting
 * every message straight back (raw) or as a Comlink-exposed `echo` (the same path agents use).
 */
import * as Comlink from 'comlink';

const echoApi = {
  echo(x: unknown): unknown {
    return x;
  },
};

export type EchoApi = typeof echoApi;

export interface EchoSetup {
  port: MessagePort;
  mode: 'raw' | 'comlink';
}

self.onmessage = (e: MessageEvent<EchoSetup>) => {
  const { port, mode } = e.data;
  if (mode === 'raw') port.onmessage = (m) => port.postMessage(m.data);
  else Comlink.expose(echoApi, port);
};
