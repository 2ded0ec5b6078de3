import type { KeyTimeName } from '../../../../common/model';
import type { Rule } from '../types';
import { sameDay, writtenTime } from './util';

/** Pairs that must be in this order: [earlier, later]. */
const PAIRS: [KeyTimeName, KeyTimeName][] = [['started', 'resolved'], ['started', 'mitigated'], ['mitigated', 'resolved']];

export const resolvedBeforeStarted: Rule = {
  code: 'resolved-before-started',
  description: 'Key times must be in order: the incident cannot be mitigated or resolved before it started, nor resolved before it was mitigated.',
  defaultSeverity: 'error',
  check({ model }) {
    const t = model.metadata.times;
    const out: ReturnType<Rule['check']> = [];
    const reported = new Set<KeyTimeName>();
    for (const [a, b] of PAIRS) {
      const ea = t[a]; const eb = t[b];
      if (!ea?.iso || !eb?.iso || eb.iso >= ea.iso || reported.has(b)) continue;
      reported.add(b);
      const withDate = !sameDay(ea.iso, eb.iso);
      out.push({ code: 'resolved-before-started', range: eb.range, data: {},
        message: `${b[0]!.toUpperCase()}${b.slice(1)} at ${writtenTime(eb.raw, eb.iso, withDate)} is before ${a} at ${writtenTime(ea.raw, ea.iso, withDate)}. Check the times, their dates and zones; the metrics are wrong until they are in order.` });
    }
    return out;
  },
};
