import { describe, expect, it } from 'vitest';
import { ModuleError } from '../../src/core/harness/moduleError';
import { normalizePath, resolveImport } from '../../src/core/harness/paths';
import { transformModule } from '../../src/core/harness/transform';

const repo = new Set(['src/a.js', 'src/b.js', 'lib/util.js', 'src/deep/index.js']);
const exists = (p: string) => repo.has(p);

function moduleError(run: () => unknown): ModuleError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ModuleError);
    return e as ModuleError;
  }
  throw new Error('expected a ModuleError');
}

/** Runs a transformed body with a fake linker and returns its exports as a plain object. */
function evaluate(body: string, modules: Record<string, Record<string, unknown>> = {}): Record<string, unknown> {
  const exports: Record<string, unknown> = {};
  const helpers = {
    require: (path: string) => modules[path],
    export: (name: string, getter: () => unknown) => Object.defineProperty(exports, name, { get: getter, enumerable: true }),
    exportAll: (from: Record<string, unknown>) => {
      for (const k of Object.keys(from)) if (k !== 'default' && !(k in exports)) exports[k] = from[k];
    },
  };
  new Function('$$h', body)(helpers);
  return { ...exports };
}

describe('paths', () => {
  it('normalizes and refuses to climb above the repository', () => {
    expect(normalizePath('./src//x/../a.js')).toBe('src/a.js');
    expect(normalizePath('../a.js')).toBeNull();
  });
  it('resolves ./ and ../ against the importing file, with or without .js', () => {
    expect(resolveImport('src/b.js', './a.js', exists)).toBe('src/a.js');
    expect(resolveImport('src/b.js', './a', exists)).toBe('src/a.js');
    expect(resolveImport('lib/util.js', '../src/a.js', exists)).toBe('src/a.js');
    expect(resolveImport('src/a.js', './deep', exists)).toBe('src/deep/index.js');
  });
  it('rejects bare specifiers and URLs with the exact message', () => {
    expect(moduleError(() => resolveImport('src/a.js', 'fs', exists)).message).toBe(
      "src/a.js imports 'fs': only relative imports of repository files are allowed",
    );
    expect(moduleError(() => resolveImport('src/a.js', 'https://esm.sh/lodash', exists)).message).toBe(
      "src/a.js imports 'https://esm.sh/lodash': only relative imports of repository files are allowed",
    );
  });
  it('names the missing file and an escape from the repository', () => {
    expect(moduleError(() => resolveImport('src/a.js', './nope', exists)).message).toBe("src/a.js imports './nope', but there is no file src/nope.js");
    expect(moduleError(() => resolveImport('src/a.js', '../../x.js', exists)).message).toBe("src/a.js imports '../../x.js', which points outside the repository");
  });
});

describe('transformModule', () => {
  it('turns every export form into exports', () => {
    const source = [
      'export function f() { return 1; }',
      'export const c = 2, { d, e: [g] } = { d: 3, e: [4] };',
      'let h = 5;',
      'export { h, h as "h-alias" };',
      'export class K {}',
      'export default 6;',
    ].join('\n');
    const exports = evaluate(transformModule('src/a.js', source, exists).body);
    expect(Object.keys(exports).sort()).toEqual(['K', 'c', 'd', 'default', 'f', 'g', 'h', 'h-alias']);
    expect([exports.c, exports.d, exports.g, exports.h, exports['h-alias'], exports.default]).toEqual([2, 3, 4, 5, 5, 6]);
    expect((exports.f as () => number)()).toBe(1);
  });

  it('exports an anonymous default function without swallowing the next statement', () => {
    const body = transformModule('src/a.js', 'export default function () { return 7; }\n(0);', exists).body;
    expect((evaluate(body).default as () => number)()).toBe(7);
  });

  it('links named, renamed, default and namespace imports and re-exports', () => {
    const source = [
      "import def, { x, y as z } from './a.js';",
      "import * as ns from '../lib/util.js';",
      "export { x as again } from './a.js';",
      "export * from '../lib/util.js';",
      "export * as util from '../lib/util.js';",
      'export const sum = def + x + z + ns.u;',
    ].join('\n');
    const t = transformModule('src/b.js', source, exists);
    expect(t.imports).toEqual(['src/a.js', 'lib/util.js']);
    const a = { default: 100, x: 10, y: 1 };
    const util = { u: 1000, v: 'v' };
    const exports = evaluate(t.body, { 'src/a.js': a, 'lib/util.js': util });
    expect(exports).toEqual({ again: 10, util, sum: 1111, u: 1000, v: 'v' });
  });

  it('asks the linker to check imported names exist', () => {
    const body = transformModule('src/b.js', "import d, { x } from './a.js';\nexport const y = x;", exists).body;
    expect(body).toContain('$$h.require("src/a.js", ["default","x"])');
  });

  it('keeps line numbers: the code written on line 3 stays on line 3', () => {
    const body = transformModule('src/b.js', "import { x } from './a.js';\n\nexport function f() { return x; }\n", exists).body;
    expect(body.split('\n')[2]).toBe('function f() { return x; }');
  });

  it('reports a syntax error with file, line and column', () => {
    const e = moduleError(() => transformModule('src/a.js', 'export function f() {\n  return 1 +;\n}\n', exists));
    expect(e.message).toBe('SyntaxError in src/a.js at line 2, column 13: Unexpected token');
    expect([e.file, e.line, e.column]).toEqual(['src/a.js', 2, 13]);
  });

  it('rejects a bare import before running anything', () => {
    expect(moduleError(() => transformModule('src/a.js', "import fs from 'fs';\nexport const x = 1;", exists)).message).toBe(
      "src/a.js imports 'fs': only relative imports of repository files are allowed",
    );
  });

  it('rejects dynamic import, import.meta and top-level await with a location', () => {
    expect(moduleError(() => transformModule('src/a.js', "export const m = import('./b.js');", exists)).message).toBe(
      'src/a.js at line 1, column 18: dynamic import() is not allowed; use a static import of a repository file',
    );
    expect(moduleError(() => transformModule('src/a.js', 'export const u = import.meta.url;', exists)).message).toMatch(/import\.meta is not available/);
    expect(moduleError(() => transformModule('src/a.js', 'const x = 1;\nawait x;', exists)).message).toMatch(/^src\/a\.js at line 2, column 1: top-level await is not supported/);
  });

  it('allows await inside async functions', () => {
    expect(() => transformModule('src/a.js', 'export async function f(p) { return await p; }', exists)).not.toThrow();
  });
});
