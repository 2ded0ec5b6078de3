/**
 * A Slack workspace export (folder or .zip): the directory (users, channels) and one channel's messages,
 * read day file by day file (files outside the window are not opened), with progress.
 */
import { openSource, parseJson, type SourceFiles } from '../files';
import { ImportError, type ConvertOptions, type ImportedEntry, type ProgressReporter } from '../types';
import { convertSlackMessages, readChannels, readUsers, type SlackChannel, type SlackDirectory } from './convert';

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;
const DAY_MS = 86_400_000;

export interface SlackExport {
  files: SourceFiles;
  directory: SlackDirectory;
}

/** Opens an export and reads its users and channels; an ImportError when it is no Slack export. */
export async function openSlackExport(location: string): Promise<SlackExport> {
  const files = await openSource(location);
  try {
    const has = (n: string) => files.names.includes(n);
    const listFiles = ['channels.json', 'groups.json', 'mpims.json', 'dms.json'].filter(has);
    const usersFile = has('users.json') ? 'users.json' : has('org_users.json') ? 'org_users.json' : undefined;
    if (!listFiles.length || !usersFile) {
      const what = files.names.length === 1 ? 'a single file' : `no ${listFiles.length ? 'users.json or org_users.json' : 'channels.json'}`;
      throw new ImportError(`${files.label}: not a Slack workspace export (${what}; a Slack export has channels.json, users.json and a folder per channel)`, 'foreign');
    }
    const users = readUsers(parseJson(await files.readText(usersFile), usersFile), usersFile);
    const channels: SlackChannel[] = [];
    for (const f of listFiles) channels.push(...readChannels(parseJson(await files.readText(f), f), f));
    return { files, directory: { users, channels } };
  } catch (e) {
    files.close();
    throw e;
  }
}

/** Channels that have a folder of day files, by name. */
export function channelsWithMessages(exp: SlackExport): SlackChannel[] {
  const folders = new Set(exp.files.names.filter((n) => DAY_FILE.test(n.split('/')[1] ?? '')).map((n) => n.split('/')[0]!));
  return exp.directory.channels.filter((c) => folders.has(c.name) || folders.has(c.id));
}

/** The channel named (with or without `#`) or with that id; an ImportError listing the channels otherwise. */
export function findChannel(exp: SlackExport, wanted: string | undefined): SlackChannel {
  const available = channelsWithMessages(exp);
  if (!wanted) {
    if (available.length === 1) return available[0]!;
    throw new ImportError(`the export has ${available.length} channels with messages; name one (--channel): ${listNames(available)}`, 'unknown-channel');
  }
  const key = wanted.trim().replace(/^#/, '');
  const found = exp.directory.channels.find((c) => c.name === key || c.id === key)
    ?? exp.directory.channels.find((c) => c.name.toLowerCase() === key.toLowerCase());
  if (!found) throw new ImportError(`no channel "${key}" in the export (channels: ${listNames(available)})`, 'unknown-channel');
  return found;
}

function listNames(channels: SlackChannel[]): string {
  const names = channels.map((c) => `#${c.name}`);
  return names.length > 12 ? `${names.slice(0, 12).join(', ')} and ${names.length - 12} more` : names.join(', ') || 'none';
}

/**
 * The channel's messages in the window, sorted by `ts` (never by file name). Day files are named by date in the
 * workspace's zone, so a day on either side of the window is read too.
 */
export async function readSlackChannel(
  exp: SlackExport,
  channel: SlackChannel,
  options: ConvertOptions = {},
  progress?: ProgressReporter,
  cancelled?: () => boolean,
): Promise<ImportedEntry[]> {
  const folder = exp.files.names.some((n) => n.startsWith(`${channel.name}/`)) ? channel.name : channel.id;
  const days = exp.files.names.filter((n) => {
    const [dir, file, ...rest] = n.split('/');
    if (dir !== folder || !file || rest.length) return false;
    const m = DAY_FILE.exec(file);
    if (!m) return false;
    const day = Date.parse(`${m[1]}T00:00:00Z`);
    if (!Number.isFinite(day)) return false;
    return (options.since === undefined || day + 2 * DAY_MS > options.since) && (options.until === undefined || day - DAY_MS <= options.until);
  });
  if (!days.length && !exp.files.names.some((n) => n.startsWith(`${folder}/`))) {
    throw new ImportError(`#${channel.name}: the export has no folder of messages for this channel`, 'bad-shape');
  }
  const total = days.reduce((n, d) => n + exp.files.size(d), 0);
  let done = 0;
  const out: ImportedEntry[] = [];
  for (const day of days) {
    if (cancelled?.()) break;
    progress?.(done, total, day);
    const messages = parseJson(await exp.files.readText(day), day);
    out.push(...convertSlackMessages(messages, channel, exp.directory, options, day));
    done += exp.files.size(day);
  }
  progress?.(total, total, 'done');
  return out.sort((a, b) => (a.instant < b.instant ? -1 : a.instant > b.instant ? 1 : a.id < b.id ? -1 : 1));
}
