/**
 * ES module -> plain function body, so the team's files can be linked without a bundler in any
 * JavaScript realm (a node:vm context, a sandbox worker). The body runs as
 * `function ($$h) { <body> }` where the harness passes
 *   $$h.require(path, names)  the exports object of another repository file (loaded once);
 *                             throws when it lacks one of `names`, as ES module linking would;
 *   $$h.export(name, getter)  declares an export, read through the getter so later
 *                             assignments to an exported `let` are seen;
 *   $$h.exportAll(exports)    `export * from`: copies the names this module does not define.
 * Imports are snapshots taken when the importing file loads. That equals ES module semantics
 * for acyclic imports; cycles are rejected by the harness when they are loaded.
 *
 * Everything the transform adds goes on the first line, and removed declarations keep their
 * newlines, so line numbers in the body match the agent's file.
 */
import { parse, type Node, type Pattern, type Program } from 'acorn';
import { ModuleError } from './moduleError';
import { resolveImport } from './paths';

export interface TransformedModule {
  path: string;
  /** Function body taking one parameter, `$$h`. */
  body: string;
  /** Repository paths this file imports, resolved and de-duplicated, in source order. */
  imports: string[];
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

type AnyNode = Node & Record<string, unknown>;

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Visits every node; `enter` returns false to skip a node's children. */
function walk(node: AnyNode, enter: (node: AnyNode, insideFunction: boolean) => boolean | void, insideFunction = false): void {
  if (enter(node, insideFunction) === false) return;
  const inner =
    insideFunction ||
    node.type === 'FunctionDeclaration' ||
    node.type === 'FunctionExpression' ||
    node.type === 'ArrowFunctionExpression' ||
    // Class field initialisers and static blocks cannot contain a top-level await either.
    node.type === 'PropertyDefinition' ||
    node.type === 'StaticBlock';
  for (const key of Object.keys(node)) {
    if (key === 'loc') continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) walk(item, enter, inner);
    } else if (isNode(value)) walk(value, enter, inner);
  }
}

function boundNames(pattern: Pattern | null | undefined, out: string[] = []): string[] {
  if (!pattern) return out;
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern.name);
      break;
    case 'ObjectPattern':
      for (const prop of pattern.properties) {
        if (prop.type === 'RestElement') boundNames(prop.argument, out);
        else boundNames(prop.value, out);
      }
      break;
    case 'ArrayPattern':
      for (const element of pattern.elements) boundNames(element, out);
      break;
    case 'RestElement':
      boundNames(pattern.argument, out);
      break;
    case 'AssignmentPattern':
      boundNames(pattern.left, out);
      break;
    case 'MemberExpression':
      break;
  }
  return out;
}

function nameOf(node: Node): string {
  const named = node as { type: string; name?: string; value?: unknown };
  return named.type === 'Identifier' ? String(named.name) : String(named.value);
}

function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function parseModule(path: string, source: string): Program {
  try {
    return parse(source, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
  } catch (e) {
    const err = e as { message?: string; loc?: { line: number; column: number } };
    const reason = String(err.message ?? e).replace(/\s*\(\d+:\d+\)$/, '');
    if (err.loc) {
      const column = err.loc.column + 1;
      throw new ModuleError(path, `SyntaxError in ${path} at line ${err.loc.line}, column ${column}: ${reason}`, err.loc.line, column);
    }
    throw new ModuleError(path, `SyntaxError in ${path}: ${reason}`);
  }
}

/** Rejects what a synchronous, network-free harness cannot run, with a reason a model can act on. */
function checkSupported(path: string, source: string, program: Program): void {
  walk(program as unknown as AnyNode, (node, insideFunction) => {
    let problem: string | undefined;
    if (node.type === 'ImportExpression') problem = 'dynamic import() is not allowed; use a static import of a repository file';
    else if (node.type === 'MetaProperty' && nameOf(node.meta as Node) === 'import') problem = 'import.meta is not available in the sandbox';
    else if (!insideFunction && (node.type === 'AwaitExpression' || (node.type === 'ForOfStatement' && node.await === true))) {
      problem = 'top-level await is not supported; tests call the exported functions synchronously';
    }
    if (problem) {
      const { line, column } = lineAndColumn(source, node.start);
      throw new ModuleError(path, `${path} at line ${line}, column ${column}: ${problem}`, line, column);
    }
  });
}

/** Replaces [start, end) with nothing but the newlines it held, so later lines keep their numbers. */
function blankOut(source: string, node: Node): Edit {
  return { start: node.start, end: node.end, text: source.slice(node.start, node.end).replace(/[^\n]/g, '') };
}

function applyEdits(source: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    out += source.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + source.slice(at);
}

export function transformModule(path: string, source: string, exists: (path: string) => boolean): TransformedModule {
  const program = parseModule(path, source);
  checkSupported(path, source, program);

  const edits: Edit[] = [];
  const header: string[] = [];
  const exportLines: string[] = [];
  const starLines: string[] = [];
  const imports: string[] = [];
  const moduleVar = new Map<string, string>();
  const key = (name: string): string => JSON.stringify(name);

  // One require per imported file; `names` accumulates what must exist there.
  const required = new Map<string, Set<string>>();
  const requireOf = (specifier: string, names: string[]): string => {
    const target = resolveImport(path, specifier, exists);
    let variable = moduleVar.get(target);
    if (!variable) {
      variable = `$$m${moduleVar.size}`;
      moduleVar.set(target, variable);
      required.set(target, new Set());
      imports.push(target);
    }
    for (const name of names) required.get(target)!.add(name);
    return variable;
  };
  const exportGetter = (exported: string, expression: string): void => {
    exportLines.push(`$$h.export(${key(exported)}, () => ${expression});`);
  };

  for (const statement of program.body) {
    switch (statement.type) {
      case 'ImportDeclaration': {
        const names = statement.specifiers.flatMap((s) =>
          s.type === 'ImportSpecifier' ? [nameOf(s.imported)] : s.type === 'ImportDefaultSpecifier' ? ['default'] : [],
        );
        const variable = requireOf(String(statement.source.value), names);
        for (const s of statement.specifiers) {
          const imported = s.type === 'ImportSpecifier' ? `${variable}[${key(nameOf(s.imported))}]` : s.type === 'ImportDefaultSpecifier' ? `${variable}["default"]` : variable;
          header.push(`const ${s.local.name} = ${imported};`);
        }
        edits.push(blankOut(source, statement));
        break;
      }
      case 'ExportNamedDeclaration': {
        if (statement.declaration) {
          const declaration = statement.declaration;
          const names =
            declaration.type === 'VariableDeclaration'
              ? declaration.declarations.flatMap((d) => boundNames(d.id))
              : [declaration.id.name];
          for (const name of names) exportGetter(name, name);
          edits.push({ start: statement.start, end: declaration.start, text: '' });
        } else if (statement.source) {
          const variable = requireOf(String(statement.source.value), statement.specifiers.map((s) => nameOf(s.local)));
          for (const s of statement.specifiers) exportGetter(nameOf(s.exported), `${variable}[${key(nameOf(s.local))}]`);
          edits.push(blankOut(source, statement));
        } else {
          for (const s of statement.specifiers) exportGetter(nameOf(s.exported), nameOf(s.local));
          edits.push(blankOut(source, statement));
        }
        break;
      }
      case 'ExportDefaultDeclaration': {
        const declaration = statement.declaration;
        const named =
          (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id ? declaration.id.name : null;
        if (named) {
          edits.push({ start: statement.start, end: declaration.start, text: '' });
          exportGetter('default', named);
        } else {
          edits.push({ start: statement.start, end: declaration.start, text: 'const $$default = ' });
          // An anonymous default function is a declaration: no semicolon follows it in the source.
          if (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') {
            edits.push({ start: declaration.end, end: declaration.end, text: ';' });
          }
          exportGetter('default', '$$default');
        }
        break;
      }
      case 'ExportAllDeclaration': {
        const variable = requireOf(String(statement.source.value), []);
        if (statement.exported) exportGetter(nameOf(statement.exported), variable);
        else starLines.push(`$$h.exportAll(${variable});`);
        edits.push(blankOut(source, statement));
        break;
      }
      default:
        break;
    }
  }

  const requires = [...moduleVar].map(([target, variable]) => `const ${variable} = $$h.require(${key(target)}, ${JSON.stringify([...required.get(target)!])});`);
  let text = applyEdits(source, edits);
  if (text.startsWith('#!')) text = '//' + text.slice(2);
  const prologue = ['"use strict";', ...requires, ...header, ...exportLines, ...starLines].join(' ');
  return { path, body: prologue + ' ' + text, imports };
}
