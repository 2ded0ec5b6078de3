/**
 * Splits one Markdown table row, as written, into cells: the one splitter for writers that build a row in the form
 * of a row already in the document (Insert Timeline Entry, the chat importer). Readers take cells from the model
 * (`ActionItem.cells`), which has them from the syntax tree. Pure and vscode-free.
 */

export interface RowCell {
  /** The cell's text between its pipes, untrimmed. */
  text: string;
  /** Column of the cell's first character (after its pipe). */
  start: number;
  /** Column of the pipe (or line end) closing the cell. */
  end: number;
}

export interface SplitRow {
  cells: RowCell[];
  /** The row starts with a pipe. */
  leading: boolean;
  /** The row ends with a pipe. */
  trailing: boolean;
  /** Whitespace before the row. */
  indent: string;
}

/** Splits a table row at unescaped pipes outside code spans. */
export function splitRow(line: string): SplitRow {
  const pipes: number[] = [];
  let inCode = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') { i++; continue; }
    if (c === '`') inCode = !inCode;
    else if (c === '|' && !inCode) pipes.push(i);
  }
  const indent = /^\s*/.exec(line)![0];
  const leading = line.trimStart().startsWith('|');
  const trailing = line.trimEnd().endsWith('|') && (pipes.length > 1 || !leading);
  const bounds = [...(leading ? [] : [indent.length - 1]), ...pipes, ...(trailing ? [] : [line.length])];
  const cells: RowCell[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i]! + 1;
    const end = bounds[i + 1]!;
    cells.push({ text: line.slice(start, end), start, end });
  }
  return { cells, leading, trailing, indent };
}
