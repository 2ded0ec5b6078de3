/**
 * JSON with comments, as VS Code writes `settings.json`: `//` and `/* *\/` comments and trailing commas.
 * Comments and trailing commas are blanked out (same length, so offsets still point at the original text) and the
 * rest goes to JSON.parse; a syntax error names its line and column.
 */

export class JsoncError extends Error {
  override name = 'JsoncError';
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message);
  }
}

/** Parses JSONC text; throws JsoncError (1-based line and column) when it is not valid. */
export function parseJsonc(text: string): unknown {
  const plain = stripJsonc(text.replace(/^\uFEFF/, ''));
  if (plain.trim() === '') return {};
  try {
    return JSON.parse(plain);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : plain.length;
    const { line, column } = lineColumn(plain, offset);
    throw new JsoncError(message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, ''), line, column);
  }
}

/** The text with comments and trailing commas replaced by spaces (newlines kept). */
export function stripJsonc(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number): void => {
    for (let i = from; i < to; i++) if (out[i] !== '\n' && out[i] !== '\r') out[i] = ' ';
  };
  let lastComma = -1;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
      lastComma = -1;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === ',') {
      lastComma = i;
      i++;
    } else if (c === '}' || c === ']') {
      if (lastComma >= 0) out[lastComma] = ' ';
      lastComma = -1;
      i++;
    } else {
      if (!/\s/.test(c)) lastComma = -1;
      i++;
    }
  }
  return out.join('');
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
