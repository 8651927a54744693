/**
 * Line-based diff of two texts through their longest common subsequence, for comparing article
 * versions. Lines common to both ends are matched first (edits are usually local), then the
 * middle gets the classic LCS table. The table needs (n + 1) * (m + 1) cells, so past
 * MAX_TABLE_CELLS the middle is reported as removed then added: still a correct diff (both
 * texts are reproduced exactly), only not a minimal one, and memory stays bounded.
 */

export type DiffOp = 'same' | 'add' | 'remove';

export interface DiffLine {
  op: DiffOp;
  text: string;
  /** 1-based line number in the old text (same and remove). */
  oldNo?: number;
  /** 1-based line number in the new text (same and add). */
  newNo?: number;
}

/** Four million cells: 16 MB of Uint32 at most, a fraction of a second to fill. */
export const MAX_TABLE_CELLS = 4_000_000;

export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  // A final newline ends the last line; it does not start an empty one.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The edit script turning `before` into `after`, line by line, in reading order. */
export function diffLines(before: string, after: string, maxCells = MAX_TABLE_CELLS): DiffLine[] {
  return diffSequences(splitLines(before), splitLines(after), maxCells);
}

export function diffSequences(
  a: readonly string[],
  b: readonly string[],
  maxCells = MAX_TABLE_CELLS,
): DiffLine[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: DiffLine[] = [];
  for (let i = 0; i < start; i++) out.push({ op: 'same', text: a[i] ?? '', oldNo: i + 1, newNo: i + 1 });
  middle(a, b, start, endA, start, endB, maxCells, out);
  for (let i = endA, j = endB; i < a.length; i++, j++) {
    out.push({ op: 'same', text: a[i] ?? '', oldNo: i + 1, newNo: j + 1 });
  }
  return out;
}

function middle(
  a: readonly string[],
  b: readonly string[],
  fromA: number,
  toA: number,
  fromB: number,
  toB: number,
  maxCells: number,
  out: DiffLine[],
): void {
  const n = toA - fromA;
  const m = toB - fromB;
  if ((n + 1) * (m + 1) > maxCells) {
    for (let i = fromA; i < toA; i++) out.push({ op: 'remove', text: a[i] ?? '', oldNo: i + 1 });
    for (let j = fromB; j < toB; j++) out.push({ op: 'add', text: b[j] ?? '', newNo: j + 1 });
    return;
  }
  // lcs[i * (m + 1) + j] = length of the LCS of a[fromA + i ..] and b[fromB + j ..].
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[fromA + i] === b[fromB + j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[fromA + i] === b[fromB + j]) {
      out.push({ op: 'same', text: a[fromA + i] ?? '', oldNo: fromA + i + 1, newNo: fromB + j + 1 });
      i++;
      j++;
    } else if (i < n && (j === m || (lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0))) {
      // Removals go first at a tie, so a replaced line reads "- old" then "+ new".
      out.push({ op: 'remove', text: a[fromA + i] ?? '', oldNo: fromA + i + 1 });
      i++;
    } else {
      out.push({ op: 'add', text: b[fromB + j] ?? '', newNo: fromB + j + 1 });
      j++;
    }
  }
}

export interface DiffStats {
  added: number;
  removed: number;
  same: number;
}

export function diffStats(lines: readonly DiffLine[]): DiffStats {
  const stats: DiffStats = { added: 0, removed: 0, same: 0 };
  for (const line of lines) {
    if (line.op === 'add') stats.added++;
    else if (line.op === 'remove') stats.removed++;
    else stats.same++;
  }
  return stats;
}

export interface SideCell {
  no: number;
  text: string;
  op: DiffOp;
}

/** One row of a side-by-side view: old on the left, new on the right; a missing side is null. */
export interface SideRow {
  left: SideCell | null;
  right: SideCell | null;
}

/**
 * Pairs a diff into side-by-side rows: each run of removals is set against the run of additions
 * that follows it, row by row, so a changed line sits next to its replacement.
 */
export function sideBySide(lines: readonly DiffLine[]): SideRow[] {
  const rows: SideRow[] = [];
  let k = 0;
  while (k < lines.length) {
    const line = lines[k];
    if (!line) break;
    if (line.op === 'same') {
      rows.push({
        left: { no: line.oldNo ?? 0, text: line.text, op: 'same' },
        right: { no: line.newNo ?? 0, text: line.text, op: 'same' },
      });
      k++;
      continue;
    }
    const removed: DiffLine[] = [];
    const added: DiffLine[] = [];
    while (k < lines.length && lines[k]?.op === 'remove') removed.push(lines[k++] as DiffLine);
    while (k < lines.length && lines[k]?.op === 'add') added.push(lines[k++] as DiffLine);
    for (let r = 0; r < Math.max(removed.length, added.length); r++) {
      const old = removed[r];
      const neu = added[r];
      rows.push({
        left: old ? { no: old.oldNo ?? 0, text: old.text, op: 'remove' } : null,
        right: neu ? { no: neu.newNo ?? 0, text: neu.text, op: 'add' } : null,
      });
    }
  }
  return rows;
}
