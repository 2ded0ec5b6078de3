import type { Rule } from '../types';
import { firstLine, splitLines } from './util';

type Field = 'owner' | 'due' | 'type';
const NAMES: Record<Field, string> = { owner: 'an owner', due: 'a due date', type: 'a type (prevent, detect, mitigate or process)' };

function list(parts: string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

export const actionItemFields: Rule = {
  code: 'action-item-fields',
  description: 'Every open action item needs an owner, a due date and a type; without them items are not done.',
  defaultSeverity: 'warning',
  check({ model, text }) {
    const lines = splitLines(text);
    const out: ReturnType<Rule['check']> = [];
    for (const item of model.actionItems) {
      if (item.done) continue;
      const missing = (['owner', 'due', 'type'] as Field[]).filter((f) => !item[f] || !String(item[f]!.value).trim());
      if (!missing.length) continue;
      const short = item.text.length > 50 ? `${item.text.slice(0, 49)}…` : item.text;
      out.push({ code: 'action-item-fields', range: firstLine(item.range, lines), data: { id: item.id, missing },
        message: `Action item '${short}' has no ${list(missing.map((m) => NAMES[m].replace(/^an? /, '')))}. Give it ${list(missing.map((m) => NAMES[m]))}: items without an owner and a date rarely get done.` });
    }
    return out;
  },
};
