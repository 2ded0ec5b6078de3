/** Each open action item's missing required fields, at the item: a hint by default, a warning with `postmortem.strict`. */
import type { Rule } from '../types';
import { FIELD_NAMES, missingOf, requiredFields } from './actionItemFields';
import { firstLine, orList, short } from './util';

export const actionItemMissingField: Rule<'action-item-missing-field'> = {
  code: 'action-item-missing-field',
  description: 'One action item without a required field, marked at the item (a hint; a warning with postmortem.strict). The section-level action-item-fields finding counts them.',
  defaultSeverity: 'hint',
  strictSeverity: 'warning',
  check(context) {
    const fields = requiredFields(context);
    const out: ReturnType<Rule['check']> = [];
    for (const item of context.model.actionItems) {
      if (item.done) continue;
      const missing = missingOf(item, fields);
      if (!missing.length) continue;
      out.push({ code: 'action-item-missing-field', range: firstLine(item.range, context.model), data: { id: item.id, line: item.range.start.line, missing },
        message: `Action item '${short(item.text)}' has no ${orList(missing.map((m) => FIELD_NAMES[m].replace(/^an? /, '')))}. Give it ${orList(missing.map((m) => FIELD_NAMES[m]))}.` });
    }
    return out;
  },
};
