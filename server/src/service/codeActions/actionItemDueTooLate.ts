/** `action-item-due-too-late`: move the due date to the severity's target. */
import { TextEdit } from 'vscode-languageserver-types';
import { actionItemFieldsEdits } from './actionItemEdits';
import { isRecord, type Fix } from './types';

export const actionItemDueTooLateFix: Fix<'action-item-due-too-late'> = {
  code: 'action-item-due-too-late',
  read(data) {
    return isRecord(data) && typeof data.id === 'string' && typeof data.targetDate === 'string' ? { id: data.id, targetDate: data.targetDate } : undefined;
  },
  fixes({ model }, { id, targetDate }) {
    const item = model.actionItems.find((a) => a.id === id);
    if (!item) return [];
    const edits = item.due ? [TextEdit.replace(item.due.range, targetDate)] : actionItemFieldsEdits(model, item, { due: targetDate });
    return [{ title: `Set the due date to ${targetDate}`, edits, isPreferred: true }];
  },
};
