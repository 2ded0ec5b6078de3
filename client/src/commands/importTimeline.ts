/**
 * Postmortem: Import Timeline… — chat (Slack export, Teams messages) or a paging log (PagerDuty) into the timeline.
 * A thin face over core/importers, which loads from its own bundle (dist/importers.js) only when the command runs, so
 * its libraries stay out of activation; only types come from it statically. Pick the source, the channel and the window, read it with progress (cancellable),
 * choose among the candidates (suggested ones preselected), then one WorkspaceEdit computed from the model of the
 * document's current version, so a single Undo takes it all back.
 *
 * Every choice can come in as an argument (`ImportTimelineArgs`) instead of a prompt: for keybindings, tasks and the
 * in-VS Code test, which then runs the real path (reading, merging, editing) without a person at the picks.
 */
import * as vscode from 'vscode';
import type { PostmortemModel } from '../../../common/model';
import { loadImporters, type ImporterModule } from '../../../core/importers/bundle';
import type { MergePlan } from '../../../core/importers/merge';
import type { ImportedEntry, ImportSourceKind } from '../../../core/importers/types';
import type { TimeWindow } from '../../../core/importers/window';
import { requireModel, targetEditor, toRange, toUri, type CommandDeps } from './shared';

export interface ImportTimelineArgs {
  /** The postmortem (default: the active editor). */
  uri?: string | vscode.Uri;
  source?: ImportSourceKind;
  /** File or folder of the export. */
  path?: string;
  channel?: string;
  /** ISO instants; both absent and `window` unset: the incident's window from the metadata. */
  since?: string;
  until?: string;
  /** `suggested`, `all`, or the ids of the entries to import. */
  select?: 'suggested' | 'all' | string[];
  bots?: boolean;
  /** Add the responders to the participants without asking. */
  participants?: boolean;
}

export interface ImportTimelineResult {
  added: number;
  present: number;
  participants: string[];
  applied: boolean;
}

/** More candidates than this are not offered one by one: the window is too wide to choose from. */
const MAX_CANDIDATES = 5000;

const SOURCE_LABELS: Record<ImportSourceKind, { label: string; detail: string }> = {
  slack: { label: 'Slack', detail: 'A workspace export: the .zip or its unpacked folder (channels.json, users.json, a folder per channel)' },
  teams: { label: 'Microsoft Teams', detail: 'Channel or chat messages as Microsoft Graph returns them (chatMessage JSON; pages side by side)' },
  pagerduty: { label: 'PagerDuty', detail: 'The incident\'s log entries (GET /incidents/{id}/log_entries saved as JSON; pages side by side)' },
};

function argsOf(arg: unknown): ImportTimelineArgs {
  if (arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) && ('source' in arg || 'path' in arg || 'select' in arg)) return arg as ImportTimelineArgs;
  return arg ? { uri: toUri(arg) } : {};
}

async function pickSource(args: ImportTimelineArgs): Promise<ImportSourceKind | undefined> {
  if (args.source) return args.source;
  const pick = await vscode.window.showQuickPick(
    (Object.keys(SOURCE_LABELS) as ImportSourceKind[]).map((source) => ({ ...SOURCE_LABELS[source], source })),
    { title: 'Import Timeline: source', placeHolder: 'Where does the history come from?', ignoreFocusOut: true },
  );
  return pick?.source;
}

async function pickPath(kind: ImportSourceKind, args: ImportTimelineArgs, near: vscode.Uri): Promise<string | undefined> {
  if (args.path) return args.path;
  // Windows and Linux dialogs pick files or folders, not both: ask which first.
  const file = kind === 'slack' ? 'The export .zip' : 'A JSON file (one page; the pages beside it are read too)';
  const folder = kind === 'slack' ? 'The unpacked export folder' : 'A folder of JSON pages';
  const form = await vscode.window.showQuickPick([{ label: file, folder: false }, { label: folder, folder: true }], {
    title: `Import Timeline: ${SOURCE_LABELS[kind].label} export`, ignoreFocusOut: true,
  });
  if (!form) return undefined;
  const picked = await vscode.window.showOpenDialog({
    title: `Import Timeline: ${form.label}`,
    canSelectFiles: !form.folder,
    canSelectFolders: form.folder,
    canSelectMany: false,
    defaultUri: vscode.Uri.joinPath(near, '..'),
    ...(form.folder ? {} : { filters: kind === 'slack' ? { 'Slack export': ['zip'] } : { JSON: ['json'] } }),
  });
  return picked?.[0]?.fsPath;
}

async function pickChannel(engine: ImporterModule, location: string, args: ImportTimelineArgs): Promise<string | undefined> {
  if (args.channel) return args.channel;
  const channels = await engine.listSlackChannels(location);
  if (channels.length <= 1) return channels[0];
  const pick = await vscode.window.showQuickPick(channels.map((c) => ({ label: `#${c}`, channel: c })), {
    title: 'Import Timeline: channel', placeHolder: 'The incident\'s channel', ignoreFocusOut: true,
  });
  return pick?.channel;
}

function isoInput(title: string, value: string | undefined): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title, value: value ?? '', ignoreFocusOut: true, placeHolder: '2024-03-10T07:00:00Z (empty: no limit)',
    validateInput: (v) => (!v.trim() || Number.isFinite(Date.parse(v.trim())) ? undefined : 'An ISO 8601 time such as 2024-03-10T07:00:00Z'),
  });
}

async function pickWindow(engine: ImporterModule, model: PostmortemModel, args: ImportTimelineArgs): Promise<TimeWindow | undefined> {
  if (args.since !== undefined || args.until !== undefined) {
    return { ...(args.since ? { since: Date.parse(args.since) } : {}), ...(args.until ? { until: Date.parse(args.until) } : {}) };
  }
  const incident = engine.defaultWindow(model);
  if (args.source) return incident;
  const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
  const describe = (w: TimeWindow) => `${iso(w.since)?.slice(0, 16).replace('T', ' ') ?? 'the beginning'} to ${iso(w.until)?.slice(0, 16).replace('T', ' ') ?? 'the end'} UTC`;
  const pick = await vscode.window.showQuickPick([
    { label: 'The incident', description: describe(incident), detail: 'From an hour before the start to half an hour after the resolution in the metadata', id: 'incident' },
    { label: 'Choose…', description: 'Start and end as ISO times', id: 'custom' },
    { label: 'Everything', description: 'No time limit', id: 'all' },
  ], { title: 'Import Timeline: time window', ignoreFocusOut: true });
  if (!pick) return undefined;
  if (pick.id === 'incident') return incident;
  if (pick.id === 'all') return {};
  const since = await isoInput('Import from (UTC or with an offset)', iso(incident.since));
  if (since === undefined) return undefined;
  const until = await isoInput('Import until', iso(incident.until));
  if (until === undefined) return undefined;
  return { ...(since.trim() ? { since: Date.parse(since.trim()) } : {}), ...(until.trim() ? { until: Date.parse(until.trim()) } : {}) };
}

interface CandidatePick extends vscode.QuickPickItem {
  entry: ImportedEntry;
}

function flagsOf(e: ImportedEntry): string {
  const parts: string[] = [];
  if (e.parentId) parts.push('↳ reply in thread');
  if (e.flags.pinned) parts.push('$(pinned) pinned');
  if (e.flags.reactions) parts.push(`${e.flags.reactions} reaction${e.flags.reactions === 1 ? '' : 's'}`);
  if (e.flags.keyWords.length) parts.push(`says: ${e.flags.keyWords.slice(0, 3).join(', ')}`);
  if (e.flags.files.length) parts.push(`$(file) ${e.flags.files.length} file${e.flags.files.length === 1 ? '' : 's'}`);
  if (e.flags.edited) parts.push('edited');
  if (e.flags.bot) parts.push('bot');
  return parts.join(' · ');
}

async function pickEntries(engine: ImporterModule, entries: ImportedEntry[], zone: string, args: ImportTimelineArgs): Promise<ImportedEntry[] | undefined> {
  if (args.select) return engine.selectEntries(entries, Array.isArray(args.select) ? new Set(args.select) : args.select);
  const shown = entries.slice(0, MAX_CANDIDATES);
  const picks: CandidatePick[] = shown.map((e) => {
    const w = engine.wallTime(e.instant, zone);
    const time = `${String(Math.floor(w.minutes / 60)).padStart(2, '0')}:${String(w.minutes % 60).padStart(2, '0')}`;
    const first = e.text.split('\n')[0]!;
    return { label: `${time}  ${e.author}`, description: first.length > 120 ? `${first.slice(0, 119)}…` : first, detail: flagsOf(e) || undefined, picked: e.suggested, entry: e };
  });
  const suggested = entries.filter((e) => e.suggested).length;
  const chosen = await vscode.window.showQuickPick(picks, {
    title: `Import Timeline: ${entries.length} message${entries.length === 1 ? '' : 's'}, ${suggested} suggested${entries.length > shown.length ? ` (first ${shown.length} shown: narrow the window for the rest)` : ''}`,
    placeHolder: 'Times in the document\'s zone. Suggested: pinned, reacted to, or saying deployed / rolled back / paging / mitigated / resolved…',
    canPickMany: true, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true,
  });
  if (!chosen) return undefined;
  return engine.selectEntries(entries, new Set(chosen.map((c) => c.entry.id)));
}

/** The server's model of exactly this version of the document (it may lag a keystroke behind). */
async function modelAt(deps: CommandDeps, doc: vscode.TextDocument): Promise<PostmortemModel | null> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const model = await deps.getModel(doc.uri);
    if (!model || model.version === doc.version) return model;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => { sub.dispose(); resolve(); }, 1000);
      const sub = deps.onModelChanged((p) => {
        if (p.uri === doc.uri.toString()) { clearTimeout(timer); sub.dispose(); resolve(); }
      });
    });
  }
  return null;
}

export async function importTimeline(deps: CommandDeps, arg?: unknown): Promise<ImportTimelineResult | undefined> {
  const args = argsOf(arg);
  const editor = await targetEditor(args.uri);
  const first = await requireModel(deps, editor);
  if (!editor || !first) return undefined;
  const doc = editor.document;
  // Loaded here, not at activation (and before any prompt, so a broken install says so at once).
  let engine: ImporterModule;
  try {
    engine = loadImporters();
  } catch (err) {
    void vscode.window.showErrorMessage(`Import Timeline: the import engine could not be loaded (${err instanceof Error ? err.message : String(err)}).`);
    return undefined;
  }
  const kind = await pickSource(args);
  if (!kind) return undefined;
  const location = await pickPath(kind, args, doc.uri);
  if (!location) return undefined;
  const defaultZone = vscode.workspace.getConfiguration('postmortem', doc.uri).get<string>('defaultTimezone', 'UTC');
  try {
    const channel = kind === 'slack' ? await pickChannel(engine, location, args) : undefined;
    if (kind === 'slack' && !channel) return undefined;
    const window = await pickWindow(engine, first, args);
    if (!window) return undefined;
    const loaded = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Reading the ${SOURCE_LABELS[kind].label} export`, cancellable: true },
      async (progress, token) => {
        let last = 0;
        return engine.loadEntries({
          kind, location, channel, options: { bots: !!args.bots, ...window }, cancelled: () => token.isCancellationRequested,
          progress: (done, total, what) => {
            const pct = total ? Math.floor((100 * done) / total) : 0;
            if (pct > last) { progress.report({ increment: pct - last, message: what }); last = pct; }
          },
        }).then((l) => (token.isCancellationRequested ? undefined : l));
      },
    );
    if (!loaded) return undefined;
    if (!loaded.entries.length) {
      void vscode.window.showInformationMessage(`No messages ${loaded.channel ? `in #${loaded.channel} ` : ''}in that time window.`);
      return { added: 0, present: 0, participants: [], applied: false };
    }
    const chosen = await pickEntries(engine, loaded.entries, engine.documentZone(first, defaultZone), args);
    if (!chosen || !chosen.length) return undefined;
    const people = engine.responders(chosen).filter((n) => !first.metadata.participants.some((p) => p.value.replace(/^@/, '').toLowerCase() === n.toLowerCase()));
    let addParticipants = args.participants ?? false;
    if (args.participants === undefined && people.length && !args.select) {
      const answer = await vscode.window.showInformationMessage(
        `Add ${people.length} responder${people.length === 1 ? '' : 's'} to the participants? (${people.slice(0, 5).join(', ')}${people.length > 5 ? ', …' : ''})`,
        'Add', 'No',
      );
      addParticipants = answer === 'Add';
    }
    return await applyPlan(engine, deps, doc, chosen, defaultZone, addParticipants);
  } catch (e) {
    if (engine.isImportError(e)) {
      void vscode.window.showErrorMessage(`Import Timeline: ${e.message}`);
      return undefined;
    }
    throw e;
  }
}

/** Plans against the model of the document's current version and applies it as one edit; again if it changed meanwhile. */
async function applyPlan(engine: ImporterModule, deps: CommandDeps, doc: vscode.TextDocument, chosen: ImportedEntry[], defaultZone: string, addParticipants: boolean): Promise<ImportTimelineResult> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const model = await modelAt(deps, doc);
    if (!model) break;
    const version = doc.version;
    const lines = Array.from({ length: doc.lineCount }, (_v, i) => doc.lineAt(i).text);
    const plan: MergePlan = engine.planMerge({ model, lines, entries: chosen, defaultZone, addParticipants, eol: doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n' });
    const result = { added: plan.added.length, present: plan.present.length, participants: plan.participantsAdded, applied: false };
    if (!plan.edits.length) {
      void vscode.window.showInformationMessage(`Nothing to add: the timeline already has ${plan.present.length === 1 ? 'this entry' : `these ${plan.present.length} entries`}.`);
      return result;
    }
    if (doc.version !== version) continue;
    const edit = new vscode.WorkspaceEdit();
    for (const e of plan.edits) edit.replace(doc.uri, toRange(e.range), e.newText);
    if (doc.version !== version || !(await vscode.workspace.applyEdit(edit))) continue;
    const extra = [
      plan.present.length ? `${plan.present.length} already there` : '',
      plan.participantsAdded.length ? `participants: + ${plan.participantsAdded.join(', ')}` : '',
      plan.keyTimesFilled.length ? `metadata: + ${plan.keyTimesFilled.join(', ')}` : '',
      ...plan.notes,
    ].filter(Boolean);
    void vscode.window.showInformationMessage(`Imported ${plan.added.length} entr${plan.added.length === 1 ? 'y' : 'ies'} into the timeline${extra.length ? ` (${extra.join('; ')})` : ''}.`);
    return { ...result, applied: true };
  }
  void vscode.window.showWarningMessage('Import Timeline: the document kept changing; nothing was imported. Try again.');
  return { added: 0, present: 0, participants: [], applied: false };
}
