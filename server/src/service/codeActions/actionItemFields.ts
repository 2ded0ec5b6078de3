/**
 * `action-item-fields` (one finding for a section's items) and `action-item-missing-field` (one item): fill the
 * missing fields with placeholders to complete: `@TODO` for the owner, the severity's target date, the type the
 * item's words suggest.
 */
import type { ActionItem, PostmortemModel } from '../../../../common/model';
import type { PostmortemSettings } from '../../../../common/settings';
import { ACTION_ITEM_FIELDS, type ActionItemField, type ItemMissing } from '../codes';
import { targetDueDate } from '../edits';
import { actionItemFieldsEdits, actionItemsFieldsEdits, guessType } from './actionItemEdits';
import { isRecord, strings, type Fix } from './types';

const isField = (f: string): f is ActionItemField => (ACTION_ITEM_FIELDS as readonly string[]).includes(f);

function readItem(v: unknown): ItemMissing | undefined {
  if (!isRecord(v) || typeof v.id !== 'string') return undefined;
  const missing = strings(v.missing).filter(isField);
  const line = typeof v.line === 'number' ? { line: v.line } : {};
  return missing.length ? { id: v.id, ...line, missing } : undefined;
}

/** The item a finding names: by id, and by line when given (items with the same words share an id). */
function itemOf(model: PostmortemModel, { id, line }: ItemMissing): ActionItem | undefined {
  return model.actionItems.find((a) => a.id === id && (line === undefined || a.range.start.line === line));
}

function fill(model: PostmortemModel, settings: PostmortemSettings, item: ActionItem, missing: ActionItemField[]): Partial<Record<ActionItemField, string>> {
  const target = targetDueDate(model, settings.actionItemTargetDays);
  const values: Partial<Record<ActionItemField, string>> = {};
  for (const f of missing) values[f] = f === 'owner' ? '@TODO' : f === 'due' ? target?.date ?? 'YYYY-MM-DD' : f === 'type' ? guessType(item.text) : 'TODO';
  return values;
}

export const actionItemMissingFieldFix: Fix<'action-item-missing-field'> = {
  code: 'action-item-missing-field',
  read: readItem,
  fixes({ model, settings }, data) {
    const { missing } = data;
    const item = itemOf(model, data);
    if (!item) return [];
    return [{ title: `Add ${missing.join(', ')} to the action item`, edits: actionItemFieldsEdits(model, item, fill(model, settings, item, missing)), isPreferred: true }];
  },
};

export const actionItemFieldsFix: Fix<'action-item-fields'> = {
  code: 'action-item-fields',
  read(data) {
    if (!isRecord(data) || !Array.isArray(data.items)) return undefined;
    const items = data.items.map(readItem).filter((i): i is ItemMissing => !!i);
    return items.length ? { items, fields: strings(data.fields).filter(isField) } : undefined;
  },
  fixes({ model, settings }, { items, fields }) {
    const seen = new Set<ActionItem>();
    const changes = items.flatMap((named) => {
      const item = itemOf(model, named);
      // One change per item: two for one item would be two edits of the same text (invalid in one WorkspaceEdit).
      if (!item || seen.has(item)) return [];
      seen.add(item);
      return [{ item, values: fill(model, settings, item, named.missing) }];
    });
    const edits = actionItemsFieldsEdits(model, changes);
    const what = fields.map((f) => (f === 'due' ? 'due dates' : `${f}s`)).join(' and ');
    return [{ title: `Add ${what || 'the missing fields'} to ${items.length === 1 ? 'the action item' : `all ${items.length} action items`}`, edits, isPreferred: true }];
  },
};
