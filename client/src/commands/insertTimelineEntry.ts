/**
 * Postmortem: Insert Timeline Entry at Now — a new entry after the timeline's last one, in the same style,
 * at the current time in the document's zone, as a snippet with the cursor in the text.
 */
import * as vscode from 'vscode';
import type { PostmortemModel, TimelineEntry } from '../../../common/model';
import { newEntrySnippet } from '../timelineRow';
import { nowInZone } from '../zoneTime';
import { applyCodeAction, applyCodeActionAt, applyToCurrentVersion, documentCodeActions, reportChanged, requireModel, targetEditor, type CommandDeps } from './shared';

/** The zone of the document: metadata `timezone`, else the zone the timeline's entries were read in, else the setting. */
export function documentZone(model: PostmortemModel, defaultZone: string): string {
  if (model.metadata.timezone?.value.trim()) return model.metadata.timezone.value.trim();
  for (let i = model.timeline.length - 1; i >= 0; i--) {
    const z = model.timeline[i].zone;
    if (z) return z;
  }
  return defaultZone || 'UTC';
}

function lastInDocument(entries: readonly TimelineEntry[]): TimelineEntry | undefined {
  let last: TimelineEntry | undefined;
  for (const e of entries) {
    if (!last || e.range.start.line > last.range.start.line) last = e;
  }
  return last;
}

/** Offers the server's "insert missing Timeline section" quick fix. */
async function offerTimelineSection(editor: vscode.TextEditor): Promise<boolean> {
  const actions = await documentCodeActions(editor.document, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((a) => /timeline/i.test(a.title) && /(insert|add)/i.test(a.title));
  if (!fix) {
    void vscode.window.showInformationMessage('This postmortem has no Timeline section yet. Add a "## Timeline" heading with a table or list of times.');
    return false;
  }
  const asked = editor.document.version;
  const answer = await vscode.window.showInformationMessage('This postmortem has no Timeline section. Insert one?', 'Insert Timeline section');
  if (answer !== 'Insert Timeline section') return false;
  if (editor.document.version === asked) return applyCodeActionAt(editor.document, asked, fix);
  // The document changed while the question was open: ask the server again for this version.
  const outcome = await applyToCurrentVersion(
    editor.document,
    async () => (await documentCodeActions(editor.document, vscode.CodeActionKind.QuickFix.value)).find((a) => /timeline/i.test(a.title) && /(insert|add)/i.test(a.title)),
    (again) => applyCodeAction(again),
  );
  if (outcome === 'changed') reportChanged('The Timeline section');
  return outcome === 'applied';
}

export async function insertTimelineEntry(deps: CommandDeps, arg?: unknown, now: Date = new Date()): Promise<boolean> {
  const editor = await targetEditor(arg);
  let model: PostmortemModel | null | undefined = await requireModel(deps, editor);
  if (!editor || !model) return false;
  const doc = editor.document;
  // The entry goes after the last one as the model saw it: the model must be of the text being edited.
  for (let attempt = 0; model && model.version !== doc.version && attempt < 3; attempt++) model = await deps.getModel(doc.uri);
  if (!model || model.version !== doc.version) {
    reportChanged('The new timeline entry');
    return false;
  }

  const last = lastInDocument(model.timeline);
  const defaultZone = vscode.workspace.getConfiguration('postmortem', doc.uri).get<string>('defaultTimezone', 'UTC');
  const zoned = nowInZone(now, documentZone(model, defaultZone));

  if (!last) {
    const section = model.sections.find((s) => s.kind === 'timeline');
    if (!section) return offerTimelineSection(editor);
    // A timeline section without entries: start a list right under its heading.
    const at = doc.lineAt(section.headingRange.end.line).range.end;
    const zoneSuffix = model.metadata.timezone ? '' : ` ${zoned.zone}`;
    await editor.insertSnippet(new vscode.SnippetString(`\n\n- ${zoned.time}${zoneSuffix} — \${1:what happened}`), at);
    return true;
  }

  const startLine = doc.lineAt(last.range.start.line);
  const onOneLine = last.timeRange.start.line === last.range.start.line && last.timeRange.end.line === last.timeRange.start.line;
  const snippet = newEntrySnippet(
    {
      line: startLine.text,
      style: last.style,
      timeStart: onOneLine ? last.timeRange.start.character : 0,
      timeEnd: onOneLine ? last.timeRange.end.character : 0,
    },
    zoned,
  );
  // End of the entry: a range ending at column 0 ends on the previous line.
  let endLine = last.range.end.line;
  if (last.range.end.character === 0 && endLine > last.range.start.line) endLine--;
  endLine = Math.min(endLine, doc.lineCount - 1);
  if (last.style === 'table') endLine = last.range.start.line;
  const at = doc.lineAt(endLine).range.end;
  return editor.insertSnippet(new vscode.SnippetString(snippet), at);
}
