/**
 * `missing-metadata`: add the key to the frontmatter (creating one when there is none). A key with allowed values
 * gets one fix per value (none preferred: the author chooses); free text gets `key: TODO`.
 */
import { TextEdit } from 'vscode-languageserver-types';
import type { PostmortemModel } from '../../../../common/model';
import type { MissingKey } from '../codes';
import { eolOf } from '../edits';
import { lineText } from '../model/ranges';
import type { ParsedDocument } from '../types';
import { isRecord, strings, type Fix, type QuickFix } from './types';

function readKey(v: unknown): MissingKey | undefined {
  if (!isRecord(v) || typeof v.key !== 'string' || !v.key) return undefined;
  const allowed = strings(v.allowed);
  return allowed.length ? { key: v.key, allowed } : { key: v.key };
}

export const missingMetadataFix: Fix<'missing-metadata'> = {
  code: 'missing-metadata',
  read(data) {
    const first = readKey(data);
    if (!first || !isRecord(data)) return undefined;
    const also = Array.isArray(data.also) ? data.also.map(readKey).filter((k): k is MissingKey => !!k) : [];
    return also.length ? { ...first, also } : first;
  },
  fixes({ doc, model }, data) {
    const out: QuickFix[] = [];
    for (const { key, allowed } of [data, ...(data.also ?? [])]) {
      if (allowed?.length) for (const value of allowed) out.push({ title: `Add ${key}: ${value}`, edits: [metadataKeyEdit(doc, model, key, value)] });
      else out.push({ title: `Add '${key}' to the frontmatter`, edits: [metadataKeyEdit(doc, model, key)], isPreferred: !data.also?.length });
    }
    return out;
  },
};

/**
 * Add `key: value` (`TODO` by default) to the frontmatter, creating a YAML frontmatter block at the top when there is
 * none; a key already written without a value (`severity:`) gets the value on its own line instead of a duplicate key.
 */
export function metadataKeyEdit(doc: ParsedDocument, model: PostmortemModel, key: string, value = 'TODO'): TextEdit {
  const eol = eolOf(doc);
  const fm = model.metadata.frontmatter;
  const toml = fm?.kind === 'toml';
  const line = toml ? `${key} = "${value}"` : `${key}: ${value}`;
  const blank = fm ? Object.entries(fm.keys).find(([k]) => (k === key || k.toLowerCase() === key.toLowerCase()) && (fm.data[k] === null || fm.data[k] === undefined || fm.data[k] === '')) : undefined;
  if (blank) {
    const { keyRange } = blank[1];
    const end = lineText(doc, keyRange.end.line).replace(/\s+$/, '').length;
    return TextEdit.replace({ start: keyRange.end, end: { line: keyRange.end.line, character: Math.max(end, keyRange.end.character) } }, toml ? ` = "${value}"` : `: ${value}`);
  }
  if (fm) {
    // Before the closing fence: the last line of the frontmatter range that is a fence.
    const fence = toml ? '+++' : '---';
    let close = fm.range.end.line;
    while (close > fm.range.start.line && lineText(doc, close).trim() !== fence) close--;
    if (close > fm.range.start.line) return TextEdit.insert({ line: close, character: 0 }, line + eol);
  }
  return TextEdit.insert({ line: 0, character: 0 }, `---${eol}${line}${eol}---${eol}`);
}
