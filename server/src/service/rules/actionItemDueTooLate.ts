import type { Rule } from '../types';
import { normalizeSeverity } from '../validationView';
import { addDays } from '../model/times';

export const actionItemDueTooLate: Rule = {
  code: 'action-item-due-too-late',
  description: 'Open action items should be due within the target days for the incident severity (postmortem.actionItems.targetDays), counted from the incident date.',
  defaultSeverity: 'information',
  check({ model, settings }) {
    const md = model.metadata;
    const severity = md.severity ? normalizeSeverity(md.severity.value) : undefined;
    const days = severity ? settings.actionItemTargetDays[severity] : undefined;
    if (!severity || typeof days !== 'number' || !Number.isFinite(days)) return [];
    const incident = md.times.started?.iso?.slice(0, 10) ?? (md.date && /^\d{4}-\d{2}-\d{2}$/.test(md.date.value) ? md.date.value : undefined) ?? md.times.detected?.iso?.slice(0, 10);
    if (!incident) return [];
    const targetDate = addDays(incident, days);
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
