/**
 * One self-contained JavaScript program that runs a TestRequest in a fresh realm. Hosts define a
 * global `__report(json)` function, evaluate the program as a classic script, and read the
 * HarnessSnapshot JSON strings it reports (see snapshot.ts). The program removes `__report`
 * from the global object before any agent code runs, so agent code cannot forge a report.
 */
import { ASSERT_SOURCE } from './assert';
import { ModuleError } from './moduleError';
import { normalizePath } from './paths';
import { RUNTIME_SOURCE, type HarnessModule, type HarnessPayload } from './runtime';
import { REPORT_GLOBAL } from './snapshot';
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

export function buildHarnessScript(req: TestRequest): string {
  const payload = harnessPayload(req);
  return [
    '(function () {',
    '"use strict";',
    `var report = globalThis[${JSON.stringify(REPORT_GLOBAL)}];`,
    `delete globalThis[${JSON.stringify(REPORT_GLOBAL)}];`,
    // Some TypeScript runners (tsx, esbuild keepNames) insert __name(fn, "name") calls into
    // function text; the embedded sources need it to exist but not to do anything.
    'var __name = function (target) { return target; };',
    `var createAssert = ${ASSERT_SOURCE};`,
    `var runHarness = ${RUNTIME_SOURCE};`,
    `runHarness(${JSON.stringify(payload)}, createAssert, report);`,
    '})();',
    '',
  ].join('\n');
}
