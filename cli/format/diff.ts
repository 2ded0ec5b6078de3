/**
 * A unified diff of two texts by lines (`--fix-dry-run`), as `diff -u` prints it: `---`/`+++` headers and hunks
 * with three lines of context. Lines are matched with Myers' O(ND) algorithm after the common head and tail are
 * set aside; past MAX_EDIT_DISTANCE differing lines the middle is shown as replaced whole (bounded work).
 */
const CONTEXT = 3;
const MAX_EDIT_DISTANCE = 2000;

type Op = { kind: ' ' | '-' | '+'; line: string };

export function unifiedDiff(oldName: string, newName: string, before: string, after: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  // Group the changes into hunks with CONTEXT lines around them.
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i]!.kind === ' ') i++;
    if (i >= ops.length) break;
    const start = Math.max(0, i - CONTEXT);
    let end = i;
    let lastChange = i;
    while (end < ops.length) {
      if (ops[end]!.kind !== ' ') lastChange = end;
      else if (end - lastChange > CONTEXT * 2) break;
      end++;
    }
    const stop = Math.min(ops.length, lastChange + CONTEXT + 1);
    let oldStart = 1;
    let newStart = 1;
    for (let k = 0; k < start; k++) {
      if (ops[k]!.kind !== '+') oldStart++;
      if (ops[k]!.kind !== '-') newStart++;
    }
    const hunk = ops.slice(start, stop);
    const oldCount = hunk.filter((o) => o.kind !== '+').length;
    const newCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const op of hunk) out.push(op.kind + op.line.replace(/\r$/, ''));
    i = stop;
  }
  if (!before.endsWith('\n') || !after.endsWith('\n')) out.push('\\ (the last line has no newline at the end)');
  return `${out.join('\n')}\n`;
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function diffLines(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const middle = myers(midA, midB) ?? [...midA.map((line) => ({ kind: '-' as const, line })), ...midB.map((line) => ({ kind: '+' as const, line }))];
  return [
    ...a.slice(0, head).map((line) => ({ kind: ' ' as const, line })),
    ...middle,
    ...a.slice(a.length - tail).map((line) => ({ kind: ' ' as const, line })),
  ];
}

/** Myers' shortest edit script; undefined past MAX_EDIT_DISTANCE. */
function myers(a: string[], b: string[]): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  let v = new Array<number>(2 * max + 3).fill(0);
  const trace: number[][] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      next[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, d, offset, a, b);
    }
    v = next;
  }
  return undefined;
}

function backtrack(trace: number[][], depth: number, offset: number, a: string[], b: string[]): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = depth; d > 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: ' ', line: a[--x]! }), y--;
    if (down) ops.push({ kind: '+', line: b[--y]! });
    else ops.push({ kind: '-', line: a[--x]! });
  }
  while (x > 0 && y > 0) ops.push({ kind: ' ', line: a[--x]! }), y--;
  return ops.reverse();
}
