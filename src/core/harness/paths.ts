/**
 * Repository paths ("src/a.js", no leading slash) and how an import specifier names one.
 * Only relative specifiers are allowed: agent code may use nothing but the team's own files.
 */
import { ModuleError } from './moduleError';

/** "./src//a.js" -> "src/a.js"; null when ".." climbs above the repository root. */
export function normalizePath(path: string): string | null {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

export function dirname(path: string): string {
  const at = path.lastIndexOf('/');
  return at < 0 ? '' : path.slice(0, at);
}

export function isRelativeSpecifier(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

/** The repository file that `specifier`, written in `importer`, refers to. Like a bundler, a
 * missing ".js" is forgiven because small models often leave it out. */
export function resolveImport(importer: string, specifier: string, exists: (path: string) => boolean): string {
  if (!isRelativeSpecifier(specifier)) {
    throw new ModuleError(importer, `${importer} imports '${specifier}': only relative imports of repository files are allowed`);
  }
  const dir = dirname(importer);
  const target = normalizePath(dir ? `${dir}/${specifier}` : specifier);
  if (target === null) {
    throw new ModuleError(importer, `${importer} imports '${specifier}', which points outside the repository`);
  }
  const candidates = [target, `${target}.js`, `${target}.mjs`, `${target}/index.js`].filter((p) => p !== '');
  for (const candidate of candidates) if (exists(candidate)) return candidate;
  const shown = /\.m?js$/.test(target) ? target : `${target}.js`;
  throw new ModuleError(importer, `${importer} imports '${specifier}', but there is no file ${shown}`);
}
