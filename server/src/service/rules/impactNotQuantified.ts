import type { Rule } from '../types';
import { titleRange } from '../validationView';

const WHAT = 'how long it lasted, how many customers or requests were affected (a number or a percentage), and a business metric such as orders lost, revenue or error budget burned';

export const impactNotQuantified: Rule = {
  code: 'impact-not-quantified',
  description: 'The impact should be quantified: duration, customers or requests affected, and a business metric.',
  defaultSeverity: 'warning',
  check({ model }) {
    if (model.impact.quantified) return [];
    const section = model.sections.find((s) => s.kind === 'impact');
    if (section) {
      return [{ code: 'impact-not-quantified', range: section.headingRange, data: {},
        message: `The impact is not quantified. Add ${WHAT}.` }];
    }
    return [{ code: 'impact-not-quantified', range: titleRange(model), data: {},
      message: `The impact is not quantified anywhere. Add an Impact section with ${WHAT}.` }];
  },
};
