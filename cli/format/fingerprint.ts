/**
 * `partialFingerprints.primaryLocationLineHash` as GitHub's upload action (github/codeql-action, `fingerprints.ts`)
 * computes it for results that come without one, reimplemented so ours match what code scanning would compute:
 *
 * a rolling hash (multiplier 37, 64-bit wrapping arithmetic) over a window of the next 100 characters from the start
 * of each line, where spaces and tabs are skipped, `\r\n` and `\r` count as `\n`, one end-of-file mark (65535)
 * follows the text and zeros pad the window; each line's hash is the unsigned value in hex, followed by `:N`, N
 * counting how often that hash has been seen so far in the file.
 */
const BLOCK_SIZE = 100;
const MOD = 37n;
const MASK = (1n << 64n) - 1n;
const TAB = 9;
const SPACE = 32;
const LF = 10;
const CR = 13;
const EOF = 65535;

/** 37^100 mod 2^64: the weight of the character leaving the window. */
const FIRST_MOD = (() => {
  let m = 1n;
  for (let i = 0; i < BLOCK_SIZE; i++) m = (m * MOD) & MASK;
  return m;
})();

/** The hash of every line (index 0 is line 1) of `text`. */
export function lineHashes(text: string): string[] {
  const hashes: string[] = [];
  const window = new Array<number>(BLOCK_SIZE).fill(0);
  const lineNumbers = new Array<number>(BLOCK_SIZE).fill(-1);
  const counts = new Map<string, number>();
  let hash = 0n;
  let index = 0;
  let lineNumber = 0;
  let lineStart = true;
  let prevCR = false;

  const output = (): void => {
    const value = hash.toString(16);
    const n = (counts.get(value) ?? 0) + 1;
    counts.set(value, n);
    hashes[lineNumbers[index]! - 1] = `${value}:${n}`;
    lineNumbers[index] = -1;
  };
  const update = (current: number): void => {
    const leaving = window[index]!;
    window[index] = current;
    hash = (MOD * hash + BigInt(current) - FIRST_MOD * BigInt(leaving)) & MASK;
    index = (index + 1) % BLOCK_SIZE;
  };
  const process = (code: number): void => {
    if (code === SPACE || code === TAB || (prevCR && code === LF)) {
      prevCR = false;
      return;
    }
    let current = code;
    if (current === CR) {
      current = LF;
      prevCR = true;
    } else prevCR = false;
    if (lineNumbers[index] !== -1) output();
    if (lineStart) {
      lineStart = false;
      lineNumber++;
      lineNumbers[index] = lineNumber;
    }
    if (current === LF) lineStart = true;
    update(current);
  };

  for (let i = 0; i < text.length; i++) process(text.charCodeAt(i));
  process(EOF);
  for (let i = 0; i < BLOCK_SIZE; i++) {
    if (lineNumbers[index] !== -1) output();
    update(0);
  }
  return hashes;
}
