/** Shared by the importer tests: fixture paths, and a merge run the way both faces run it. */
import fs from 'node:fs';
import path from 'node:path';
import { modelOfFile } from '../../../cli/documentModel';
import { applyEdits, planMerge, type MergePlan } from '../../../core/importers/merge';
import type { ImportedEntry } from '../../../core/importers/types';
import type { PostmortemModel } from '../../../common/model';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/import');
export const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);
export const readFixture = (name: string) => fs.readFileSync(fixture(name), 'utf8');

export function modelOf(text: string, zone = 'UTC'): PostmortemModel {
  const model = modelOfFile(path.join(FIXTURES, 'target-postmortem.md'), text, zone);
  if (!model) throw new Error('no model');
  return model;
}

export function merge(text: string, entries: readonly ImportedEntry[], opts: { participants?: boolean; zone?: string } = {}): { text: string; plan: MergePlan } {
  const plan = planMerge({
    model: modelOf(text, opts.zone),
    lines: text.split(/\r?\n/),
    entries,
    defaultZone: opts.zone ?? 'UTC',
    addParticipants: !!opts.participants,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  });
  return { text: applyEdits(text, plan.edits), plan };
}

export function entry(over: Partial<ImportedEntry> & { instant: string; text: string }): ImportedEntry {
  return {
    source: 'slack',
    id: `slack:C1:${over.instant}`,
    author: 'Alice Chen',
    authorId: 'U1',
    flags: { pinned: false, reactions: 0, bot: false, keyWords: [], edited: false, files: [] },
    suggested: true,
    ...over,
  };
}
