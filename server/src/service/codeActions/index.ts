/**
 * Quick fixes for the postmortem diagnostics, one file per code (dispatch on the diagnostic's `code`, reading its
 * typed `data`, never its message), and two source actions: sort the timeline, and fix everything that needs no
 * choice (sort, normalise timestamps, insert missing sections) in one edit.
 */
import { CodeActionKind, TextEdit } from 'vscode-languageserver-types';
import type { CodeAction, Diagnostic, WorkspaceEdit } from 'vscode-languageserver-types';
import { CodeActionKinds } from '../../../../common/codeActionKinds';
import type { PostmortemModel, Range, SectionKind } from '../../../../common/model';
import type { PostmortemSettings } from '../../../../common/settings';
import { isCode, type Code } from '../codes';
import { insertSectionsEdits, sortTimelineEditsWith } from '../edits';
import { offsetAt, positionAt } from '../model/ranges';
import type { ParsedDocument } from '../types';
import { actionItemDueTooLateFix } from './actionItemDueTooLate';
import { actionItemFieldsFix, actionItemMissingFieldFix } from './actionItemFields';
import { invalidValueFix } from './invalidValue';
import { missingMetadataFix } from './missingMetadata';
import { missingSectionFix } from './missingSection';
import { timelineOrderFix } from './timelineOrder';
import { timestampNonstandardFix } from './timestampNonstandard';
import type { DiagnosticLike, Fix, FixContext, QuickFix } from './types';

export type { DiagnosticLike } from './types';
export { metadataKeyEdit } from './missingMetadata';
export { actionItemFieldsEdits, guessType } from './actionItemEdits';

type Fixes = { [C in Code]?: Fix<C> };
const FIXES: Fixes = {
  'missing-section': missingSectionFix,
  'missing-metadata': missingMetadataFix,
  'invalid-value': invalidValueFix,
  'timeline-order': timelineOrderFix,
  'timestamp-nonstandard': timestampNonstandardFix,
  'action-item-fields': actionItemFieldsFix,
  'action-item-missing-field': actionItemMissingFieldFix,
  'action-item-due-too-late': actionItemDueTooLateFix,
};

/** The quick fixes for one diagnostic: its code's fix, fed with its data checked against the code's type. */
function fixesFor<C extends Code>(code: C, context: FixContext, diagnostic: DiagnosticLike): QuickFix[] {
  const fix = FIXES[code] as Fix<C> | undefined;
  const data = fix?.read(diagnostic.data);
  return fix && data ? fix.fixes(context, data, diagnostic) : [];
}

/** Whether `only` (the kinds the client asked for) lets a kind through: `source` lets `source.fixAll.postmortem` through. */
export function kindRequested(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some(o => kind === o || kind.startsWith(`${o}.`));
}

export function getCodeActions(doc: ParsedDocument, model: PostmortemModel, range: Range, diagnostics: DiagnosticLike[],
  only: string[] | undefined, settings: PostmortemSettings): CodeAction[] {
  void range;
  const actions: CodeAction[] = [];
  const edit = (edits: TextEdit[]): WorkspaceEdit => ({ changes: { [doc.uri]: edits } });
  const context: FixContext = { doc, model, settings };

  if (kindRequested(only, CodeActionKind.QuickFix)) {
    for (const d of diagnostics) {
      if (!isCode(d.code)) continue;
      for (const { title, edits, isPreferred } of fixesFor(d.code, context, d)) {
        if (edits.length === 0) continue;
        actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [d as Diagnostic], edit: edit(edits), ...(isPreferred ? { isPreferred } : {}) });
      }
    }
  }

  if (kindRequested(only, CodeActionKinds.sortTimeline)) {
    const edits = sortTimelineEditsWith(doc, model);
    if (edits.length) {
      actions.push({ title: 'Sort the timeline by time', kind: CodeActionKinds.sortTimeline, edit: edit(edits),
        diagnostics: diagnostics.filter(d => d.code === 'timeline-order') as Diagnostic[] });
    }
  }

  if (kindRequested(only, CodeActionKinds.fixAll)) {
    const fixed = diagnostics.filter(d => d.code === 'timeline-order' || d.code === 'timestamp-nonstandard' || d.code === 'missing-section');
    const edits = fixAllEdits(doc, model, diagnostics);
    if (edits.length) {
      actions.push({ title: 'Fix all postmortem problems that need no choice', kind: CodeActionKinds.fixAll, edit: edit(edits), diagnostics: fixed as Diagnostic[] });
    }
  }
  return actions;
}

/**
 * The safe fixes combined into non-overlapping edits: timestamps normalised (inside the sorted block when the
 * timeline is sorted too), the timeline sorted, missing sections inserted.
 */
export function fixAllEdits(doc: ParsedDocument, model: PostmortemModel, diagnostics: DiagnosticLike[]): TextEdit[] {
  const stamps = diagnostics.flatMap((d) => {
    const data = d.code === 'timestamp-nonstandard' ? timestampNonstandardFix.read(d.data) : undefined;
    return data ? [{ start: offsetAt(doc, d.range.start), end: offsetAt(doc, d.range.end), text: data.normalized, used: false }] : [];
  });
  const edits: TextEdit[] = [];
  if (diagnostics.some(d => d.code === 'timeline-order')) {
    edits.push(...sortTimelineEditsWith(doc, model, (entry, text) => {
      const base = offsetAt(doc, entry.range.start);
      const inside = stamps.filter(s => !s.used && s.start >= base && s.end <= base + text.length).sort((a, b) => b.start - a.start);
      for (const s of inside) {
        text = text.slice(0, s.start - base) + s.text + text.slice(s.end - base);
        s.used = true;
      }
      return text;
    }));
  }
  for (const s of stamps) if (!s.used) edits.push(TextEdit.replace({ start: positionAt(doc, s.start), end: positionAt(doc, s.end) }, s.text));
  const kinds = diagnostics.flatMap((d): SectionKind[] => {
    const data = d.code === 'missing-section' ? missingSectionFix.read(d.data) : undefined;
    return data ? [data.kind, ...(data.also ?? [])] : [];
  });
  edits.push(...insertSectionsEdits(doc, model, kinds));
  return dropOverlaps(doc, edits);
}

/** Keep the first of any edits that overlap, so the combined edit is always applicable. */
function dropOverlaps(doc: ParsedDocument, edits: TextEdit[]): TextEdit[] {
  const kept: { s: number; e: number; edit: TextEdit }[] = [];
  for (const edit of edits) {
    const s = offsetAt(doc, edit.range.start);
    const e = offsetAt(doc, edit.range.end);
    if (kept.some(k => s < k.e && k.s < e || (s === e && s > k.s && s < k.e) || (k.s === k.e && k.s > s && k.s < e))) continue;
    kept.push({ s, e, edit });
  }
  return kept.sort((a, b) => a.s - b.s || a.e - b.e).map(k => k.edit);
}
