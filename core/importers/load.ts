/**
 * Reading a source from disk for either face (CLI, editor): Slack through slack/reader.ts, Teams and PagerDuty as one
 * JSON file or a folder of pages saved side by side (a page that says there is more brings its sibling pages along).
 */
import path from 'node:path';
import { openSource, parseJson } from './files';
import { convertPagerDutyEntries, pagerDutyEntriesOf } from './pagerduty';
import { channelsWithMessages, findChannel, openSlackExport, readSlackChannel } from './slack/reader';
import { convertTeamsMessages, teamsMessagesOf } from './teams';
import type { JsonObject } from './json';
import { ImportError, type ConvertOptions, type ImportedEntry, type ImportSourceKind, type ProgressReporter } from './types';

export interface LoadRequest {
  kind: ImportSourceKind;
  /** File or folder (a Slack export may be its .zip). */
  location: string;
  /** Slack channel name or id; may be omitted when the export has one channel. */
  channel?: string;
  options?: ConvertOptions;
  progress?: ProgressReporter;
  cancelled?: () => boolean;
}

export interface Loaded {
  entries: ImportedEntry[];
  /** The Slack channel read. */
  channel?: string;
}

export async function loadEntries(req: LoadRequest): Promise<Loaded> {
  const options = req.options ?? {};
  if (req.kind === 'slack') {
    const exp = await openSlackExport(req.location);
    try {
      const channel = findChannel(exp, req.channel);
      const entries = await readSlackChannel(exp, channel, options, req.progress, req.cancelled);
      return { entries, channel: channel.name };
    } finally {
      exp.files.close();
    }
  }
  const pages = await readPages(req.location, req.kind, req.progress);
  if (req.kind === 'teams') return { entries: convertTeamsMessages(pages.flatMap((p) => teamsMessagesOf(p.json, p.name)), options) };
  return { entries: convertPagerDutyEntries(pages.flatMap((p) => pagerDutyEntriesOf(p.json, p.name)), options) };
}

/** The Slack channels that have messages, for a picker. */
export async function listSlackChannels(location: string): Promise<string[]> {
  const exp = await openSlackExport(location);
  try {
    return channelsWithMessages(exp).map((c) => c.name);
  } finally {
    exp.files.close();
  }
}

const MAX_PAGES = 10_000;

/** Whether a parsed page says more pages follow. */
function hasMore(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const o = json as JsonObject;
  return typeof o['@odata.nextLink'] === 'string' || o['more'] === true;
}

async function readPages(location: string, kind: ImportSourceKind, progress?: ProgressReporter): Promise<{ name: string; json: unknown }[]> {
  const files = await openSource(location);
  try {
    let names = files.names.filter((n) => /\.json$/i.test(n));
    if (!names.length) throw new ImportError(`${files.label}: no .json file to read`, 'missing');
    if (names.includes('channels.json') && names.includes('users.json')) {
      throw new ImportError(`${files.label}: this is a Slack export, not ${kind === 'teams' ? 'Teams messages' : 'PagerDuty log entries'}`, 'foreign');
    }
    if (names.length > MAX_PAGES) throw new ImportError(`${files.label}: more than ${MAX_PAGES} files`, 'too-large');
    const pages: { name: string; json: unknown }[] = [];
    for (const [i, name] of names.entries()) {
      progress?.(i, names.length, name);
      pages.push({ name, json: parseJson(await files.readText(name), name) });
    }
    // One page of several given by itself: its siblings in the same folder are the other pages.
    if (files.names.length === 1 && hasMore(pages[0]!.json)) {
      const siblings = await readSiblingPages(location, pages[0]!.json);
      pages.push(...siblings);
      names = [...names, ...siblings.map((s) => s.name)];
    }
    progress?.(names.length, names.length, 'done');
    return pages;
  } finally {
    files.close();
  }
}

/** Other pages saved next to `file`: JSON files of the same shape (same @odata.context, or PagerDuty pages). */
async function readSiblingPages(file: string, first: unknown): Promise<{ name: string; json: unknown }[]> {
  const folder = await openSource(path.dirname(file));
  try {
    const context = (first as JsonObject)['@odata.context'];
    const out: { name: string; json: unknown }[] = [];
    for (const name of folder.names) {
      if (name === path.basename(file) || name.includes('/') || !/\.json$/i.test(name)) continue;
      let json: unknown;
      try {
        json = JSON.parse(await folder.readText(name));
      } catch {
        continue; // an unrelated file next to the pages
      }
      if (typeof json !== 'object' || json === null || Array.isArray(json)) continue;
      const o = json as JsonObject;
      const samePage = context !== undefined ? o['@odata.context'] === context && Array.isArray(o['value']) : Array.isArray(o['log_entries']);
      if (samePage) out.push({ name, json });
    }
    return out;
  } finally {
    folder.close();
  }
}
