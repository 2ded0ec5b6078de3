import type { Rule } from '../types';
import { actionItemTarget } from '../model/incidentDate';

export const actionItemDueTooLate: Rule = {
  code: 'action-item-due-too-late',
  description: 'Open action items should be due within the target days for the incident severity (postmortem.actionItems.targetDays), counted from the incident date.',
  defaultSeverity: 'information',
  check({ model, settings }) {
    // The same incident date and severity matching as due-date completion, hovers and quick fixes.
    const target = actionItemTarget(model, settings.actionItemTargetDays);
    if (!target) return [];
    const { date: targetDate, days, severity, incident } = target;
    const out: ReturnType<Rule['check']> = [];
    for (const item of model.actionItems) {
      const due = item.due?.value;
      if (item.done || !due || !/^\d{4}-\d{2}-\d{2}$/.test(due) || due <= targetDate) continue;
      out.push({ code: 'action-item-due-too-late', range: item.due!.range, data: { id: item.id, targetDate },
        message: `Due ${due} is later than the ${severity} target: ${days} days after the incident (${incident}), i.e. by ${targetDate}. Bring it forward or split off a smaller first step.` });
    }
    return out;
  },
};
