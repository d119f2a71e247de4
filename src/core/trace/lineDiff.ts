/**
 * Line diff between two versions of a file, by longest common subsequence: enough to show a
 * learner what a rewrite or a concurrent write threw away. Agent files are one function each,
 * so the quadratic table stays small; past `maxCells` the unchanged middle is not aligned and
 * the whole changed block is shown as removed then added, which is still a true diff.
 */

export type DiffOp = 'same' | 'del' | 'add';

export interface DiffLine {
  op: DiffOp;
  text: string;
  /** 1-based line number in the old text (same, del). */
  oldLine?: number;
  /** 1-based line number in the new text (same, add). */
  newLine?: number;
}

export interface DiffSummary {
  added: number;
  removed: number;
  unchanged: number;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\n|\r/);
  // A final newline ends the last line rather than starting an empty one.
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function lineDiff(oldText: string, newText: string, maxCells = 4_000_000): DiffLine[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const out: DiffLine[] = [];

  // Common head and tail need no table.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tailLen = 0;
  while (tailLen < a.length - head && tailLen < b.length - head && a[a.length - 1 - tailLen] === b[b.length - 1 - tailLen]) tailLen++;

  for (let i = 0; i < head; i++) out.push({ op: 'same', text: a[i] as string, oldLine: i + 1, newLine: i + 1 });

  const am = a.slice(head, a.length - tailLen);
  const bm = b.slice(head, b.length - tailLen);
  const n = am.length;
  const m = bm.length;

  if (n * m > maxCells) {
    am.forEach((text, i) => out.push({ op: 'del', text, oldLine: head + i + 1 }));
    bm.forEach((text, j) => out.push({ op: 'add', text, newLine: head + j + 1 }));
  } else {
    // lcs[i][j]: length of the LCS of am[i..] and bm[j..], flattened row-major.
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] = am[i] === bm[j] ? (lcs[(i + 1) * w + j + 1] as number) + 1 : Math.max(lcs[(i + 1) * w + j] as number, lcs[i * w + j + 1] as number);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) {
        out.push({ op: 'same', text: am[i] as string, oldLine: head + i + 1, newLine: head + j + 1 });
        i++;
        j++;
      } else if (i < n && (j === m || (lcs[(i + 1) * w + j] as number) >= (lcs[i * w + j + 1] as number))) {
        // Within a change, deletions come before additions: the old lines read first.
        out.push({ op: 'del', text: am[i] as string, oldLine: head + i + 1 });
        i++;
      } else {
        out.push({ op: 'add', text: bm[j] as string, newLine: head + j + 1 });
        j++;
      }
    }
  }

  for (let k = 0; k < tailLen; k++) {
    const oi = a.length - tailLen + k;
    const ni = b.length - tailLen + k;
    out.push({ op: 'same', text: a[oi] as string, oldLine: oi + 1, newLine: ni + 1 });
  }
  return out;
}

export function summarizeDiff(lines: readonly DiffLine[]): DiffSummary {
  const s: DiffSummary = { added: 0, removed: 0, unchanged: 0 };
  for (const l of lines) {
    if (l.op === 'add') s.added++;
    else if (l.op === 'del') s.removed++;
    else s.unchanged++;
  }
  return s;
}
