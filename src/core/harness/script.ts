/**
 * What runs inside the sandbox realm: one constant prelude (HARNESS_PRELUDE) and, per run, a
 * payload of transformed files and tests (harnessPayload).
 *
 * The host evaluates the prelude as a classic script in a fresh realm before any agent code
 * exists there. It freezes the realm's built-ins (lockdown.ts) and evaluates to one function,
 * `start(report, payloadJson)`, which the host calls with a host function `report` (see
 * HarnessReport). `report` is never put on the global object, so agent code has no way to reach
 * it, and nothing the harness relies on can be replaced after the lockdown.
 */
import { ASSERT_SOURCE } from './assert';
import { LOCKDOWN_SOURCE } from './lockdown';
import { ModuleError } from './moduleError';
import { normalizePath } from './paths';
import { RUNTIME_SOURCE, type HarnessModule, type HarnessPayload } from './runtime';
import { transformModule } from './transform';
import type { TestRequest } from './types';

/** Repository paths as written by agents may carry "./" or "/"; the harness uses "src/a.js". */
function normalizedFiles(files: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, source] of Object.entries(files)) {
    const normalized = normalizePath(path);
    if (normalized) out.set(normalized, source);
  }
  return out;
}

/** Transforms the files the requested tests can reach; unreachable files are never parsed, so a
 * broken scratch file does not fail unrelated tests. */
export function harnessPayload(req: TestRequest): HarnessPayload {
  const files = normalizedFiles(req.files);
  const suites = req.suites.map((s) => ({ ...s, file: normalizePath(s.file) ?? s.file, tests: s.tests.map((t) => ({ ...t })) }));
  const modules: Record<string, HarnessModule> = {};
  const errors: string[] = [];
  const queue = suites.map((s) => s.file);
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (Object.prototype.hasOwnProperty.call(modules, path)) continue;
    const source = files.get(path);
    if (source === undefined) continue;
    try {
      const transformed = transformModule(path, source, (p) => files.has(p));
      modules[path] = { body: transformed.body };
      queue.push(...transformed.imports);
    } catch (e) {
      if (!(e instanceof ModuleError)) throw e;
      modules[path] = { error: e.message };
      errors.push(e.message);
    }
  }
  const payload: HarnessPayload = { modules, suites };
  if (errors.length > 0) payload.error = errors.join('\n');
  return payload;
}

/** A classic script whose completion value is `start(report, payloadJson)`. */
export const HARNESS_PRELUDE: string = [
  '(function () {',
  '"use strict";',
  // Some TypeScript runners (tsx, esbuild keepNames) insert __name(fn, "name") calls into
  // function text; the embedded sources need it to exist but not to do anything.
  'var __name = function (target) { return target; };',
  `var lockDownRealm = ${LOCKDOWN_SOURCE};`,
  `var createAssert = ${ASSERT_SOURCE};`,
  `var runHarness = ${RUNTIME_SOURCE};`,
  'var parse = JSON.parse;',
  'lockDownRealm(globalThis);',
  'return function start(report, payloadJson) { runHarness(parse(payloadJson), createAssert, report); };',
  '})()',
  '',
].join('\n');
