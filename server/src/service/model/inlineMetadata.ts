/**
 * Metadata written by hand in the body: `**Severity:** SEV1` and `Severity: SEV1` lines (and bullets), two-column
 * tables (`| Field | Value |`) and tiny metadata sections (`## Date`, `## Status`), near the top and, for a few keys,
 * in overview-like sections further down. Separate from `metadata.ts`, which takes the frontmatter and decides
 * which candidate wins, because reading these forms is a walk over the document's blocks and lines of its own.
 */
import type { RootContent, Table } from 'mdast';
import type { Range } from '../../../../common/model';
import type { ParsedDocument } from '../types';
import { offsetsOfNode, rangeFromOffsets, rangeOfNode } from './ranges';
import { classifySection, headingTitle } from './sections';
import { type Candidate, type Field, fieldOfKey } from './metadataKeys';

const BOLD_LINE = /^([ \t]*(?:[-*+][ \t]+)?)(\*\*|__)([^*_\n]{1,60}?)[ \t]*(:?)[ \t]*\2[ \t]*(:?)[ \t]*(.*?)[ \t]*$/;
const PLAIN_LINE = /^([ \t]*(?:[-*+][ \t]+)?)([A-Za-z][A-Za-z .'/()-]{0,38}?)[ \t]*:[ \t]+(.*?)[ \t]*$/;

/** Fields a bold label line further down the document can give (`**Status**: Closed` under "## Overview"). */
const BODY_FIELDS: ReadonlySet<Field> = new Set<Field>(['incidentId', 'severity', 'status', 'owner', 'type', 'authors', 'services', 'participants']);
/** Section kinds whose bold label lines may be metadata; a timeline's or action list's `**Owner**:` is not. */
const BODY_KINDS: ReadonlySet<string> = new Set(['summary', 'other', 'impact', 'supporting_information']);

/**
 * Blocks near the top: until the first heading that names a real section (metadata headings like "## Date" do not).
 * After that, the body: small sections named by a metadata key (`## Status` + one line) and bold label lines with a
 * known key in overview-like sections, so metadata written further down counts as present (the top wins).
 */
export function collectInline(doc: ParsedDocument, out: Candidate[]): void {
  const children = doc.tree.children;
  let body = false;
  let bodyKindReadable = false;
  let sectionDepth = 1;
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    if (node.type === 'heading') {
      const title = headingTitle(doc, node);
      const kind = classifySection(title);
      if (node.depth > 1 && kind !== 'other') {
        body = true;
        bodyKindReadable = BODY_KINDS.has(kind);
        sectionDepth = node.depth;
        continue;
      }
      const field = fieldOfKey(title);
      if (field && node.depth > 1) readMetadataSection(doc, title, node, children, i, out);
      // A heading of its own ("## Incident Details") opens a readable part; a subheading ("### Add retries" under
      // the action items) stays in its section.
      else if (body && node.depth > 1 && node.depth <= sectionDepth) bodyKindReadable = true;
      continue;
    }
    if (node.type === 'paragraph' || node.type === 'list') {
      if (body && !bodyKindReadable) continue;
      const { start, end } = offsetsOfNode(doc, node);
      const block = doc.text.slice(start, end);
      // A bold pseudo-heading such as "**Timeline:**" ends the metadata region.
      const pseudo = /^(?:\*\*|__)([^*_]+?):?(?:\*\*|__):?\s*$/.exec(block);
      if (pseudo && classifySection(pseudo[1]!) !== 'other') {
        body = true;
        bodyKindReadable = false;
        continue;
      }
      readLines(doc, start, block, out, body ? 'body' : 'top');
    } else if (node.type === 'table' && (!body || bodyKindReadable)) {
      const before = out.length;
      readTable(doc, node, out);
      // Further down, a table's rows count only for the keys a bold line there could give.
      if (body) out.splice(before, out.length - before, ...out.slice(before).filter((c) => BODY_FIELDS.has(fieldOfKey(c.key) as Field)));
    }
    if (out.length > 200) return;
  }
}

function readMetadataSection(doc: ParsedDocument, title: string, heading: RootContent, children: RootContent[], i: number, out: Candidate[]): void {
  const body: RootContent[] = [];
  for (let k = i + 1; k < children.length && children[k]!.type !== 'heading'; k++) body.push(children[k]!);
  if (!body.length || body.length > 2) return;
  const { start } = offsetsOfNode(doc, body[0]!);
  const { end } = offsetsOfNode(doc, body[body.length - 1]!);
  const text = doc.text.slice(start, end);
  if (text.split('\n').length > 6) return;
  const before = out.length;
  readLines(doc, start, text, out, 'section');
  if (out.length > before) return;
  const value = text.trim();
  if (value) out.push({ key: title, value, range: rangeFromOffsets(doc, start, end), keyRange: rangeOfNode(heading), source: 'inline' });
}

/** `top`: bold lines and plain lines with known keys; `section` (under a metadata heading): any plain key; `body`: bold lines with a BODY_FIELDS key only. */
function readLines(doc: ParsedDocument, base: number, block: string, out: Candidate[], mode: 'top' | 'section' | 'body'): void {
  let offset = 0;
  for (const rawLine of block.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    const bold = BOLD_LINE.exec(line);
    let key: string | undefined;
    let keyStart = 0;
    let value = '';
    let valueStart = 0;
    if (bold && (bold[4] || bold[5]) && /^[A-Za-z$]/.test(bold[3]!.trim()) && (mode !== 'body' || BODY_FIELDS.has(fieldOfKey(bold[3]!) as Field))) {
      key = bold[3]!.trim();
      keyStart = bold[1]!.length + 2 + (bold[3]!.length - bold[3]!.trimStart().length);
      value = bold[6]!;
      valueStart = line.trimEnd().length - value.length;
    } else if (mode !== 'body') {
      const plain = PLAIN_LINE.exec(line);
      if (plain && (mode === 'section' || fieldOfKey(plain[2]!))) {
        key = plain[2]!;
        keyStart = plain[1]!.length;
        value = plain[3]!;
        valueStart = line.trimEnd().length - value.length;
      }
    }
    if (key && value && key.split(/\s+/).length <= 5) {
      // Strip emphasis wrapping the whole value.
      const wrapped = /^(\*\*|__|\*|_|`)(.+)\1$/.exec(value);
      if (wrapped) {
        valueStart += wrapped[1]!.length;
        value = wrapped[2]!;
      }
      // `Severity: SEV4 · Status: draft · Owner: @kenji`: several fields on one line, split at a separator
      // that is followed by another known field's label.
      const more: { key: string; keyStart: number; value: string; valueStart: number }[] = [];
      const sep = /[ \t]+[·•|][ \t]+(?:\*\*|__)?([A-Za-z][A-Za-z .'/-]{0,38}?)[ \t]*(?::[ \t]*(?:\*\*|__)|(?:\*\*|__)?[ \t]*:)[ \t]*/g;
      let cut = -1;
      for (let m: RegExpExecArray | null; (m = sep.exec(value));) {
        if (!fieldOfKey(m[1]!)) continue;
        if (cut < 0) cut = m.index;
        const k = m[1]!;
        more.push({ key: k, keyStart: valueStart + m.index + m[0].indexOf(k), value: '', valueStart: valueStart + m.index + m[0].length });
      }
      if (cut >= 0) {
        for (let k = 0; k < more.length; k++) {
          const endInValue = k + 1 < more.length ? value.lastIndexOf(' ', more[k + 1]!.keyStart - valueStart) : value.length;
          more[k]!.value = value.slice(more[k]!.valueStart - valueStart, endInValue).replace(/[ \t]+[·•|]?[ \t]*$/, '');
        }
        value = value.slice(0, cut);
      }
      const s = base + offset + valueStart;
      out.push({
        key,
        value: value.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1'),
        range: rangeFromOffsets(doc, s, s + value.length),
        keyRange: rangeFromOffsets(doc, base + offset + keyStart, base + offset + keyStart + key.length),
        source: 'inline',
      });
      for (const x of more) {
        if (!x.value) continue;
        const vs = base + offset + x.valueStart;
        out.push({
          key: x.key, value: x.value, range: rangeFromOffsets(doc, vs, vs + x.value.length),
          keyRange: rangeFromOffsets(doc, base + offset + x.keyStart, base + offset + x.keyStart + x.key.length), source: 'inline',
        });
      }
    }
    offset += rawLine.length + 1;
  }
}

/** Two-column tables whose first column names fields (`| Field | Value |`), or one-row tables whose header does. */
function readTable(doc: ParsedDocument, table: Table, out: Candidate[]): void {
  const cellText = (cell: RootContent): { text: string; range: Range } => {
    const { start, end } = offsetsOfNode(doc, cell);
    const raw = doc.text.slice(start, end);
    const inner = raw.replace(/^\|?[ \t]*/, '').replace(/[ \t]*\|?$/, '');
    const s = start + raw.indexOf(inner);
    const text = inner.replace(/^(\*\*|__)(.*)\1$/, '$2').replace(/:$/, '').trim();
    return { text, range: rangeFromOffsets(doc, s, s + inner.length) };
  };
  const rows = table.children.map((r) => r.children.map(cellText));
  if (rows.length < 2) return;
  const header = rows[0]!;
  if (header.length === 2 && rows.length > 1) {
    const known = rows.slice(1).filter((r) => r[0] && fieldOfKey(r[0].text)).length;
    const headerIsKey = /^(field|key|property|attribute|item|name)$/i.test(header[0]!.text);
    if (!headerIsKey && known * 2 < rows.length - 1) return;
    const body = headerIsKey ? rows.slice(1) : rows;
    for (const r of body) {
      if (!r[0]?.text || !r[1]?.text) continue;
      out.push({ key: r[0].text, value: r[1].text, range: r[1].range, keyRange: r[0].range, source: 'table' });
    }
  } else if (rows.length === 2 && header.filter((h) => fieldOfKey(h.text)).length * 2 > header.length) {
    header.forEach((h, i) => {
      const v = rows[1]![i];
      if (v?.text) out.push({ key: h.text, value: v.text, range: v.range, keyRange: h.range, source: 'table' });
    });
  }
}
