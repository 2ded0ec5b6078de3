/**
 * The metadata side of a merge: responders added to `participants`, and the key times a paging log marks
 * (detected / acknowledged / resolved) filled in where the metadata has none. Written into YAML or TOML frontmatter,
 * or appended to an inline participants list; anything else becomes a note for the user.
 */
import type { KeyTimeName, PostmortemModel, Position } from '../../common/model';
import { escapeText } from './markdown';
import { wallTime } from './render';
import { responders } from './select';
import type { ImportedEntry } from './types';
import type { TextEdit } from './merge';

const PLAIN_YAML = /^[\p{L}\p{N}@][\p{L}\p{N} ._@':-]*$/u;

function yamlScalar(s: string): string {
  return PLAIN_YAML.test(s) && !/^(?:true|false|null|yes|no|on|off|~)$/i.test(s) && !/:\s|\s#/.test(s) ? s : JSON.stringify(s);
}

function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/^@/, '').toLowerCase();
  return norm(a) === norm(b);
}

export interface MetadataEdits {
  edits: TextEdit[];
  participants: string[];
  keyTimes: KeyTimeName[];
  notes: string[];
}

export function metadataEdits(
  model: PostmortemModel,
  lines: readonly string[],
  chosen: readonly ImportedEntry[],
  added: readonly ImportedEntry[],
  zone: string,
  addParticipants: boolean,
): MetadataEdits {
  const out: MetadataEdits = { edits: [], participants: [], keyTimes: [], notes: [] };
  const fm = model.metadata.frontmatter && !model.metadata.frontmatter.error ? model.metadata.frontmatter : null;
  const closing: Position | null = fm ? { line: fm.range.end.line, character: 0 } : null;
  const newKeys: string[] = [];
  const keyLine = (key: string, value: string) => (fm?.kind === 'toml' ? `${key} = ${JSON.stringify(value)}` : `${key}: ${yamlScalar(value)}`);

  // Key times from the paging log, only where the metadata itself says nothing.
  const times = model.metadata.times;
  for (const e of chosen) {
    if (!e.marks) continue;
    const have = times[e.marks];
    if (have && have.source !== 'timeline') continue;
    if (!closing) {
      out.notes.push(`${e.marks} time not written: the document has no frontmatter to hold it`);
      continue;
    }
    const w = wallTime(e.instant, zone);
    const hhmm = `${String(Math.floor(w.minutes / 60)).padStart(2, '0')}:${String(w.minutes % 60).padStart(2, '0')}`;
    newKeys.push(keyLine(e.marks, `${w.date} ${hhmm} ${zone}`));
    out.keyTimes.push(e.marks);
  }

  if (addParticipants) {
    const existing = model.metadata.participants;
    const names = responders(added.length ? added : chosen).filter((n) => !existing.some((p) => sameName(p.value, n)));
    if (names.length) {
      const last = existing[existing.length - 1];
      const lastLine = last ? lines[last.range.start.line] ?? '' : '';
      if (last && last.source === 'frontmatter' && /^\s*-\s/.test(lastLine)) {
        // A block sequence: one item per line at the same indent.
        const indent = /^\s*-\s*/.exec(lastLine)![0];
        const at = { line: last.range.start.line, character: lastLine.length };
        out.edits.push({ range: { start: at, end: at }, newText: names.map((n) => `\n${indent}${fm?.kind === 'toml' ? JSON.stringify(n) : yamlScalar(n)}`).join('') });
        out.participants = names;
      } else if (last && (last.source === 'frontmatter' || last.source === 'inline' || last.source === 'table')) {
        // A flow sequence or a comma list: after the last item (and its closing quote).
        let ch = last.range.end.character;
        const q = lastLine[ch];
        if (q === '"' || q === "'") ch++;
        const at = { line: last.range.end.line, character: ch };
        const item = (n: string) => (last.source === 'frontmatter' ? (fm?.kind === 'toml' ? JSON.stringify(n) : yamlScalar(n)) : escapeText(n).replace(/\|/g, '\\|'));
        out.edits.push({ range: { start: at, end: at }, newText: names.map((n) => `, ${item(n)}`).join('') });
        out.participants = names;
      } else if (closing && !fm?.keys['participants']) {
        newKeys.push(fm?.kind === 'toml' ? `participants = [${names.map((n) => JSON.stringify(n)).join(', ')}]` : `participants:\n${names.map((n) => `  - ${yamlScalar(n)}`).join('\n')}`);
        out.participants = names;
      } else {
        out.notes.push('participants not added: the document has no participants field or frontmatter to hold them');
      }
    }
  }

  if (newKeys.length && closing) out.edits.push({ range: { start: closing, end: closing }, newText: `${newKeys.join('\n')}\n` });
  return out;
}
