/**
 * The ticket body for Jira: the engine writes Markdown; Jira Cloud (REST v3) takes Atlassian Document Format,
 * Jira Data Center (REST v2) takes wiki markup. Only what ticket bodies use is converted: headings, paragraphs,
 * bullet lists, tables, links, bold and inline code. Jira has no hidden text, so the marker comment stays as plain text
 * in the last paragraph, where the adapter reads it back.
 */
import { MARKER_PATTERN } from './types';

interface AdfMark {
  type: 'strong' | 'code' | 'link';
  attrs?: { href: string };
}
interface AdfText {
  type: 'text';
  text: string;
  marks?: AdfMark[];
}
type AdfCell = { type: 'tableHeader' | 'tableCell'; content: { type: 'paragraph'; content: AdfText[] }[] };
type AdfBlock =
  | { type: 'paragraph'; content: AdfText[] }
  | { type: 'table'; content: { type: 'tableRow'; content: AdfCell[] }[] }
  | { type: 'heading'; attrs: { level: number }; content: AdfText[] }
  | { type: 'bulletList'; content: { type: 'listItem'; content: { type: 'paragraph'; content: AdfText[] }[] }[] };
export interface AdfDocument {
  type: 'doc';
  version: 1;
  content: AdfBlock[];
}

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; header: string[]; rows: string[][] };

/** `| a | b \| c |` -> ['a', 'b | c']. */
function cells(line: string): string[] {
  return line.replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  let paragraph: string[] = [];
  let list: string[] | undefined;
  let table: string[][] | undefined;
  const flush = (): void => {
    if (paragraph.length) out.push({ kind: 'paragraph', text: paragraph.join(' ') });
    if (list) out.push({ kind: 'list', items: list });
    if (table) out.push({ kind: 'table', header: table[0]!, rows: table.slice(1) });
    paragraph = [];
    list = undefined;
    table = undefined;
  };
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^[-*+]\s+(.*)$/.exec(line);
    const row = line.startsWith('|') && line.endsWith('|') && line.length > 1;
    if (!line) flush();
    else if (row) {
      if (!table) flush();
      // The delimiter row (| --- | :-: |) only says "this is a table".
      if (!/^\|(\s*:?-+:?\s*\|)+$/.test(line)) (table ??= []).push(cells(line));
    } else if (table) {
      flush();
      paragraph.push(line);
    }
    else if (heading) {
      flush();
      out.push({ kind: 'heading', level: heading[1]!.length, text: heading[2]! });
    } else if (bullet) {
      if (paragraph.length) flush();
      (list ??= []).push(bullet[1]!);
    } else if (list) {
      list[list.length - 1] += ` ${line}`;
    } else paragraph.push(line);
  }
  flush();
  return out;
}

const INLINE = /\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*|`([^`]+)`/g;

function inline(text: string): AdfText[] {
  const out: AdfText[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index! > last) out.push({ type: 'text', text: text.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ type: 'text', text: m[1], marks: [{ type: 'link', attrs: { href: m[2]! } }] });
    else if (m[3] !== undefined) out.push({ type: 'text', text: m[3], marks: [{ type: 'strong' }] });
    else out.push({ type: 'text', text: m[4]!, marks: [{ type: 'code' }] });
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
  return out;
}

export function markdownToAdf(markdown: string): AdfDocument {
  const content: AdfBlock[] = blocks(markdown).map((b): AdfBlock => {
    if (b.kind === 'heading') return { type: 'heading', attrs: { level: b.level }, content: inline(b.text) };
    if (b.kind === 'paragraph') return { type: 'paragraph', content: inline(b.text) };
    if (b.kind === 'table') {
      const row = (texts: string[], type: AdfCell['type']) => ({
        type: 'tableRow' as const,
        content: texts.map((t): AdfCell => ({ type, content: [{ type: 'paragraph', content: inline(t) }] })),
      });
      return { type: 'table', content: [row(b.header, 'tableHeader'), ...b.rows.map((r) => row(r, 'tableCell'))] };
    }
    return { type: 'bulletList', content: b.items.map((item) => ({ type: 'listItem', content: [{ type: 'paragraph', content: inline(item) }] })) };
  });
  return { type: 'doc', version: 1, content };
}

function wikiInline(text: string): string {
  return text.replace(INLINE, (_, label?: string, href?: string, bold?: string, code?: string) => {
    if (label !== undefined) return `[${label}|${href}]`;
    if (bold !== undefined) return `*${bold}*`;
    return `{{${code}}}`;
  });
}

export function markdownToWiki(markdown: string): string {
  return blocks(markdown)
    .map((b) => {
      if (b.kind === 'heading') return `h${b.level}. ${wikiInline(b.text)}`;
      if (b.kind === 'paragraph') return new RegExp(MARKER_PATTERN.source).test(b.text) ? b.text : wikiInline(b.text);
      if (b.kind === 'table') {
        const wikiCell = (t: string) => wikiInline(t).replace(/\|/g, '\\|') || ' ';
        return [`||${b.header.map(wikiCell).join('||')}||`, ...b.rows.map((r) => `|${r.map(wikiCell).join('|')}|`)].join('\n');
      }
      return b.items.map((item) => `* ${wikiInline(item)}`).join('\n');
    })
    .join('\n\n');
}

/** All text of a description, whichever format Jira returned it in, for reading markers back. */
export function descriptionText(description: unknown): string {
  if (typeof description === 'string') return description;
  if (!description || typeof description !== 'object') return '';
  const parts: string[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (!node || typeof node !== 'object' || depth > 50) return;
    const { text, content } = node as { text?: unknown; content?: unknown };
    if (typeof text === 'string') parts.push(text);
    if (Array.isArray(content)) for (const child of content) walk(child, depth + 1);
  };
  walk(description, 0);
  return parts.join('\n');
}
