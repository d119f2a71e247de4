/** Comlink keeps only an Error's name and message across a worker boundary, so an engine
 * error's code travels inside the message and is read back on the other side. */
import { EngineError } from '../core/engine';
import { engineErrorFromUnknown, isEngineErrorCode } from './errors';

export function encodeError(err: unknown): Error {
  const e = engineErrorFromUnknown(err);
  const out = new Error(`[${e.code}] ${e.message}`);
  out.name = 'EngineError';
  return out;
}

export function decodeError(err: unknown): EngineError {
  const message = err && typeof err === 'object' && 'message' in err ? String((err as { message: unknown }).message) : String(err);
  const m = /^\[([a-z_0-9]+)\] ([\s\S]*)$/.exec(message);
  if (m && isEngineErrorCode(m[1])) return new EngineError(m[1], m[2]);
  return engineErrorFromUnknown(err);
}
