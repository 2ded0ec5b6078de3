/**
 * The text edit of "Mark File as Postmortem": `type: postmortem` in the frontmatter. Pure (no `vscode`).
 * Looks only at the delimiters of a leading frontmatter block and its top-level `type` key; it does not
 * read the postmortem (a document that is not yet a postmortem has no model on the server).
 */
import { isPostmortemType } from '../../common/detect';

export interface LineEdit {
  /** Zero-based line and column of the replaced range. */
  start: { line: number; character: number };
  end: { line: number; character: number };
  text: string;
}

/** The edit that makes the document declare `type: postmortem`, or null when it already does. */
export function markAsPostmortemEdit(text: string, eol = '\n'): LineEdit | null {
  const lines = text.split(/\r?\n/);
  const bom = lines[0]?.startsWith('\uFEFF') ? 1 : 0;
  const first = (lines[0] ?? '').slice(bom).trimEnd();
  const fence = first === '---' ? '---' : first === '+++' ? '+++' : null;
  const close = fence ? lines.findIndex((l, i) => i > 0 && l.trimEnd() === fence) : -1;
  if (!fence || close < 0) {
    return { start: { line: 0, character: bom }, end: { line: 0, character: bom }, text: `---${eol}type: postmortem${eol}---${eol}${eol}` };
  }
  const toml = fence === '+++';
  const keyRe = toml ? /^type\s*=\s*(.*)$/ : /^type\s*:\s*(.*)$/;
  for (let i = 1; i < close; i++) {
    const m = keyRe.exec(lines[i]);
    if (!m) continue;
    const value = m[1].replace(/\s+#.*$/, '').trim().replace(/^["']|["']$/g, '');
    if (isPostmortemType(value)) return null;
    return { start: { line: i, character: 0 }, end: { line: i, character: lines[i].length }, text: toml ? 'type = "postmortem"' : 'type: postmortem' };
  }
  return { start: { line: close, character: 0 }, end: { line: close, character: 0 }, text: (toml ? 'type = "postmortem"' : 'type: postmortem') + eol };
}
