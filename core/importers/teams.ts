/**
 * Microsoft Teams messages as Microsoft Graph returns them (`chatMessage`: a collection page `{ value: [...] }`, a
 * list, or one message; replies inline under `replies` or as messages with `replyToId`) -> ImportedEntry.
 * Pure; HTML bodies go through turndown with rules for `<at>` mentions, links (http/https/mailto only), images and
 * attachments. System events (`messageType` other than `message`) and deleted messages are left out.
 */
import TurndownService from 'turndown';
import { keyMomentWords } from './keyMoments';
import { codeSpan, escapeText, link, stripControls } from './markdown';
import { arr, inWindow, isObject, isoMillis, obj, str, type JsonObject } from './json';
import { ImportError, type ConvertOptions, type ImportedEntry } from './types';

let service: TurndownService | undefined;

function turndown(): TurndownService {
  if (service) return service;
  const td = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', emDelimiter: '*', strongDelimiter: '**', bulletListMarker: '-' });
  td.remove(['script', 'style', 'iframe', 'object', 'embed', 'head', 'title', 'template', 'noscript', 'form', 'input', 'button', 'select', 'textarea', 'video', 'audio']);
  td.remove((node) => node.nodeName === 'SVG' || node.nodeName === 'svg');
  td.addRule('mention', {
    filter: (node) => node.nodeName === 'AT',
    replacement: (content) => `@${content.replace(/^@/, '')}`,
  });
  td.addRule('safeLink', {
    filter: (node) => node.nodeName === 'A',
    replacement: (content, node) => {
      const href = (node as HTMLElement).getAttribute?.('href') ?? '';
      const label = content.trim();
      if (!/^(?:https?:\/\/|mailto:)/i.test(href) || /\s/.test(href)) return label;
      const dest = href.replace(/[()<>\\|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
      return `[${label || escapeText(href)}](${dest})`;
    },
  });
  td.addRule('image', {
    filter: (node) => node.nodeName === 'IMG',
    replacement: (_content, node) => {
      const alt = (node as HTMLElement).getAttribute?.('alt')?.trim();
      return alt ? `(image: ${escapeText(alt)})` : '(image)';
    },
  });
  // An entry is one line: a code block becomes a code span.
  td.addRule('codeBlock', {
    filter: (node) => node.nodeName === 'PRE',
    replacement: (_content, node) => ` ${codeSpan((node as HTMLElement).textContent ?? '')} `,
  });
  // Graph marks attachments with `<attachment id="…"></attachment>`; their names come from `attachments`.
  td.addRule('attachment', { filter: (node) => node.nodeName === 'ATTACHMENT', replacement: () => '' });
  service = td;
  return td;
}

/** A Graph HTML body -> Markdown (turndown escapes text; `<` left by it is escaped when the entry is written). */
export function teamsHtmlToMarkdown(html: string): string {
  const input = stripControls(html).slice(0, 200_000);
  return turndown().turndown(input).replace(/\u00A0/g, ' ').replace(/[ \t]*\n[ \t]*/g, '\n').replace(/\n{2,}/g, '\n').trim();
}

/** Messages of one page or file, flattened (inline `replies` follow their parent). */
export function teamsMessagesOf(json: unknown, file = 'file'): JsonObject[] {
  let list: unknown[];
  if (Array.isArray(json)) list = json;
  else if (isObject(json) && Array.isArray(json['value'])) list = json['value'];
  else if (isObject(json) && (typeof json['messageType'] === 'string' || typeof json['createdDateTime'] === 'string')) list = [json];
  else throw new ImportError(`${file}: not Microsoft Graph chatMessage JSON (expected { "value": [ … ] } or a list of messages)`, 'foreign');
  const out: JsonObject[] = [];
  for (const m of list) {
    if (!isObject(m)) continue;
    out.push(m);
    for (const r of arr(m, 'replies') ?? []) {
      if (isObject(r)) out.push(typeof r['replyToId'] === 'string' ? r : { ...r, replyToId: m['id'] });
    }
  }
  if (list.length > 0 && !out.some((m) => typeof m['createdDateTime'] === 'string' || typeof m['messageType'] === 'string')) {
    throw new ImportError(`${file}: not Microsoft Graph chatMessage JSON (no createdDateTime or messageType)`, 'foreign');
  }
  return out;
}

function authorOf(m: JsonObject): { name: string; id?: string; bot: boolean } {
  const from = obj(m, 'from');
  const user = obj(from, 'user');
  if (user) {
    const id = str(user, 'id');
    return { name: str(user, 'displayName')?.trim() || id || 'unknown', ...(id ? { id } : {}), bot: false };
  }
  const app = obj(from, 'application');
  if (app) return { name: str(app, 'displayName')?.trim() || 'app', bot: true };
  return { name: 'unknown', bot: false };
}

function attachmentsOf(m: JsonObject): { names: string[]; markdown: string } {
  const names: string[] = [];
  const parts: string[] = [];
  for (const a of arr(m, 'attachments') ?? []) {
    const name = str(a, 'name');
    if (!name) continue;
    names.push(name);
    const url = str(a, 'contentUrl');
    parts.push(url ? link(name, url) : escapeText(name));
  }
  return { names, markdown: parts.length ? `(file: ${parts.join(', ')})` : '' };
}

/** Graph messages (already flattened by `teamsMessagesOf`) -> entries sorted by time. Never throws on odd messages. */
export function convertTeamsMessages(messages: readonly JsonObject[], options: ConvertOptions = {}): ImportedEntry[] {
  const out: ImportedEntry[] = [];
  const seen = new Set<string>();
  for (const m of messages) {
    if (str(m, 'messageType') !== 'message') continue;
    if (m['deletedDateTime'] !== null && m['deletedDateTime'] !== undefined) continue;
    const id = str(m, 'id');
    const ms = isoMillis(m['createdDateTime']);
    if (!id || ms === undefined || seen.has(id)) continue;
    if (!inWindow(ms, options.since, options.until)) continue;
    const author = authorOf(m);
    if (author.bot && !options.bots) continue;
    const body = obj(m, 'body');
    const content = str(body, 'content') ?? '';
    const html = (str(body, 'contentType') ?? 'text').toLowerCase() === 'html';
    const markdown = html ? teamsHtmlToMarkdown(content) : escapeText(content.trim());
    const subject = str(m, 'subject')?.trim();
    const files = attachmentsOf(m);
    const text = [subject ? `**${escapeText(subject)}**` : '', markdown, files.markdown].filter(Boolean).join(' ');
    if (!text) continue;
    seen.add(id);
    const plain = html ? content.replace(/<[^>]*>/g, ' ') : content;
    const keyWords = keyMomentWords(`${subject ?? ''} ${plain}`);
    const reactions = arr(m, 'reactions')?.length ?? 0;
    const important = str(m, 'importance') === 'high' || str(m, 'importance') === 'urgent';
    const entry: ImportedEntry = {
      source: 'teams',
      id: `teams:${id}`,
      instant: new Date(ms).toISOString(),
      author: author.name,
      text,
      flags: { pinned: false, reactions, bot: author.bot, keyWords, edited: typeof m['lastEditedDateTime'] === 'string', files: files.names },
      suggested: important || reactions > 0 || keyWords.length > 0,
    };
    if (author.id) entry.authorId = author.id;
    const parent = str(m, 'replyToId');
    if (parent && parent !== id) entry.parentId = `teams:${parent}`;
    out.push(entry);
  }
  return out.sort((a, b) => (a.instant < b.instant ? -1 : a.instant > b.instant ? 1 : a.id < b.id ? -1 : 1));
}
