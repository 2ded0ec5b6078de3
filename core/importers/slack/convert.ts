/**
 * Slack export JSON -> ImportedEntry. Pure: the reader (slack/reader.ts) hands in parsed files.
 * users.json / org_users.json: `[{ id, name, real_name, profile: { display_name, real_name }, is_bot }]`;
 * channels.json / groups.json: `[{ id, name, pins?: [{ id: ts }] }]`; a day file: an array of messages
 * `{ type: "message", subtype?, user?, bot_id?, text, ts, thread_ts?, parent_user_id?, reactions?, pinned_to?, files?, edited? }`.
 */
import { keyMomentWords } from '../keyMoments';
import { escapeText, link } from '../markdown';
import { arr, inWindow, isObject, obj, str } from '../json';
import { ImportError, type ConvertOptions, type ImportedEntry } from '../types';
import { mrkdwnToMarkdown, type MrkdwnNames } from './mrkdwn';

export interface SlackUser {
  id: string;
  name: string;
  isBot: boolean;
}

export interface SlackChannel {
  id: string;
  name: string;
  /** `ts` of the channel's pinned messages, when channels.json lists them. */
  pins: Set<string>;
}

export interface SlackDirectory {
  users: Map<string, SlackUser>;
  channels: SlackChannel[];
}

/** users.json (or org_users.json) -> id -> user. */
export function readUsers(json: unknown, file: string): Map<string, SlackUser> {
  if (!Array.isArray(json)) throw new ImportError(`${file}: expected a list of users`, 'bad-shape');
  const users = new Map<string, SlackUser>();
  for (const u of json) {
    const id = str(u, 'id');
    if (!id) continue;
    const profile = obj(u, 'profile');
    const name = [str(profile, 'real_name'), str(u, 'real_name'), str(profile, 'display_name'), str(u, 'name')]
      .map((s) => s?.trim())
      .find((s) => !!s) ?? id;
    users.set(id, { id, name, isBot: isObject(u) && u['is_bot'] === true });
  }
  return users;
}

/** channels.json (or groups.json) -> channels. */
export function readChannels(json: unknown, file: string): SlackChannel[] {
  if (!Array.isArray(json)) throw new ImportError(`${file}: expected a list of channels`, 'bad-shape');
  const out: SlackChannel[] = [];
  for (const c of json) {
    const id = str(c, 'id');
    const name = str(c, 'name') ?? id;
    if (!id || !name) continue;
    const pins = new Set<string>();
    for (const p of arr(c, 'pins') ?? []) {
      const ts = str(p, 'id');
      if (ts) pins.add(ts);
    }
    out.push({ id, name, pins });
  }
  return out;
}

/** Subtypes that are people talking (or a bot, when asked); everything else (joins, topic, pins…) is the system. */
const SPOKEN_SUBTYPES = new Set(['thread_broadcast', 'file_share', 'me_message', 'reply_broadcast', 'bot_message']);
const TS = /^\d{9,11}(?:\.\d{1,6})?$/;

function tsMillis(ts: string): number {
  const [s, frac = ''] = ts.split('.');
  return Number(s) * 1000 + Math.floor(Number(frac.padEnd(6, '0')) / 1000);
}

function authorOf(m: Record<string, unknown>, users: Map<string, SlackUser>): { name: string; id?: string } {
  const id = str(m, 'user');
  const known = id ? users.get(id) : undefined;
  if (known) return { name: known.name, id };
  const profile = obj(m, 'user_profile');
  const fromProfile = [str(profile, 'real_name'), str(profile, 'display_name'), str(profile, 'name')].find((s) => s?.trim());
  if (fromProfile) return { name: fromProfile.trim(), ...(id ? { id } : {}) };
  const bot = [str(obj(m, 'bot_profile'), 'name'), str(m, 'username')].find((s) => s?.trim());
  if (bot) return { name: bot.trim(), ...(id ? { id } : {}) };
  return { name: id ?? 'unknown', ...(id ? { id } : {}) };
}

function filesOf(m: Record<string, unknown>): { names: string[]; markdown: string } {
  const names: string[] = [];
  const parts: string[] = [];
  for (const f of arr(m, 'files') ?? []) {
    const name = str(f, 'title') || str(f, 'name');
    if (!name || str(f, 'mode') === 'tombstone') continue;
    names.push(name);
    const url = str(f, 'permalink') ?? str(f, 'url_private');
    parts.push(url ? link(name, url) : escapeText(name));
  }
  return { names, markdown: parts.length ? `(file: ${parts.join(', ')})` : '' };
}

/** Text of a bot's legacy attachments when the message itself has none. */
function attachmentText(m: Record<string, unknown>): string {
  for (const a of arr(m, 'attachments') ?? []) {
    const t = str(a, 'text') || str(a, 'fallback') || str(a, 'title');
    if (t) return t;
  }
  return '';
}

/**
 * One channel's messages (any number of day files' arrays, concatenated) -> entries sorted by time.
 * Throws ImportError when `messages` is not a list; skips (never throws on) messages of any other shape.
 */
export function convertSlackMessages(
  messages: unknown,
  channel: SlackChannel,
  dir: SlackDirectory,
  options: ConvertOptions = {},
  file = 'day file',
): ImportedEntry[] {
  if (!Array.isArray(messages)) throw new ImportError(`${file}: expected a list of messages`, 'bad-shape');
  const names: MrkdwnNames = {
    user: (id) => dir.users.get(id)?.name,
    channel: (id) => dir.channels.find((c) => c.id === id)?.name,
  };
  const out: ImportedEntry[] = [];
  for (const m of messages) {
    if (!isObject(m)) continue;
    const type = str(m, 'type');
    if (type !== undefined && type !== 'message') continue;
    const subtype = str(m, 'subtype');
    if (subtype !== undefined && !SPOKEN_SUBTYPES.has(subtype)) continue;
    const ts = str(m, 'ts');
    if (!ts || !TS.test(ts)) continue;
    const ms = tsMillis(ts);
    if (!inWindow(ms, options.since, options.until)) continue;
    const userId = str(m, 'user');
    const bot = subtype === 'bot_message' || typeof m['bot_id'] === 'string' || (userId !== undefined && dir.users.get(userId)?.isBot === true);
    if (bot && !options.bots) continue;
    const author = authorOf(m, dir.users);
    const files = filesOf(m);
    const raw = str(m, 'text') || attachmentText(m);
    const body = mrkdwnToMarkdown(raw, names);
    const text = [body, files.markdown].filter(Boolean).join(' ');
    if (!text) continue;
    const threadTs = str(m, 'thread_ts');
    const reactions = (arr(m, 'reactions') ?? []).reduce<number>((n, r) => {
      const count = isObject(r) ? r['count'] : undefined;
      return n + (typeof count === 'number' && count > 0 ? Math.min(count, 1e6) : 1);
    }, 0);
    const pinned = (arr(m, 'pinned_to')?.length ?? 0) > 0 || channel.pins.has(ts);
    const keyWords = keyMomentWords(raw);
    const entry: ImportedEntry = {
      source: 'slack',
      id: `slack:${channel.id}:${ts}`,
      instant: new Date(ms).toISOString(),
      author: author.name,
      text,
      flags: { pinned, reactions, bot, keyWords, edited: isObject(m['edited']), files: files.names },
      suggested: pinned || reactions > 0 || keyWords.length > 0,
    };
    if (author.id) entry.authorId = author.id;
    if (threadTs && TS.test(threadTs) && threadTs !== ts) entry.parentId = `slack:${channel.id}:${threadTs}`;
    out.push(entry);
  }
  return out.sort((a, b) => (a.instant < b.instant ? -1 : a.instant > b.instant ? 1 : a.id < b.id ? -1 : 1));
}
