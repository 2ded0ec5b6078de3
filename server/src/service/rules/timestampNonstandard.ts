import type { TimelineEntry } from '../../../../common/model';
import { formatTimestamp } from '../model/times';
import { scanTimestamp } from '../model/timestampScan';
import type { Rule } from '../types';
import { Memo } from '../memo';

/** Forms by raw time: the rule runs on every edit over every entry, whose times rarely change. */
const forms = new Memo<string>();

/** The shape of a written time: "14:03" -> "99:99", "2:03 PM" -> "9:99 A", "2024-05-01 14:03 UTC" -> "9999-99-99 99:99 Z". */
export function timeForm(raw: string): string {
  return forms.get(raw, () => {
    const s = raw.replace(/[*_`]/g, '').trim();
    return s.replace(/\d/g, '9').replace(/\b[ap]\.?m\.?\b/gi, 'A').replace(/\b[A-Z]{2,5}\b|(?<=9)Z\b/g, 'Z').replace(/\s+/g, ' ');
  });
}

const HAS_DATE = /\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}/;
const ZONE_SUFFIX = /\s*(?:[A-Z]{2,5}|Z|[+-]\d\d:?\d\d)$/;

export const timestampNonstandard: Rule = {
  code: 'timestamp-nonstandard',
  description: 'Timeline times written in a different form from most of the document (e.g. "2:03 PM" among "14:03"); the fix rewrites them.',
  defaultSeverity: 'hint',
  check({ model }) {
    const timed = model.timeline.map((e, index) => ({ e, index, form: '' })).filter(({ e }) => e.iso && !e.approximate);
    if (timed.length < 3) return [];
    const counts = new Map<string, { n: number; sample: TimelineEntry }>();
    for (const t of timed) {
      const { e } = t;
      const f = (t.form = timeForm(e.rawTime));
      const c = counts.get(f);
      if (c) c.n++; else counts.set(f, { n: 1, sample: e });
    }
    let dominant: { form: string; n: number; sample: TimelineEntry } | null = null;
    for (const [form, c] of counts) if (!dominant || c.n > dominant.n) dominant = { form, ...c };
    if (!dominant || dominant.n * 2 <= timed.length) return [];
    const sample = dominant.sample;
    const clean = (raw: string) => raw.replace(/[*_`]/g, '').trim();
    const style = HAS_DATE.test(sample.rawTime) ? 'datetime' : 'time';
    const suffix = ZONE_SUFFIX.exec(clean(sample.rawTime))?.[0] ?? '';
    const out: ReturnType<Rule['check']> = [];
    const written = model.timeline.map((e) => {
      const raw = clean(e.rawTime);
      const scan = raw ? scanTimestamp(raw.replace(/^[~≈]\s*/, ''), 0) : null;
      return { date: !!scan?.hasDate, zone: !!scan?.zoneText };
    });
    for (const { e, index, form } of timed) {
      if (form === dominant.form) continue;
      // A date or zone that later entries inherit must stay: dropping it would move them (to another day or zone).
      const keepDate = style === 'time' && written[index]!.date && carried(model.timeline, written, index, 'date', (p) => localDate(p.iso!, p.zone) === localDate(e.iso!, e.zone));
      const keepZone = !suffix && written[index]!.zone && carried(model.timeline, written, index, 'zone', (p) => p.zone === e.zone);
      let normalized: string;
      try {
        normalized = keepDate || keepZone
          ? formatTimestamp(e.iso!, keepZone ? e.zone : sample.zone, keepDate ? 'datetime' : style) + (keepZone ? ` ${e.zone ?? 'UTC'}` : suffix)
          : formatTimestamp(e.iso!, sample.zone, style) + suffix;
      } catch {
        continue;
      }
      if (normalized === clean(e.rawTime)) continue;
      if (!keepDate && !keepZone && timeForm(normalized) !== dominant.form) continue;
      if ((keepDate || keepZone) && timeForm(normalized) === timeForm(e.rawTime)) continue;
      out.push({ code: 'timestamp-nonstandard', range: e.timeRange, data: { index, normalized },
        message: `'${e.rawTime}' is written unlike the other times in this timeline (e.g. '${clean(sample.rawTime)}'); write it as '${normalized}' so the timeline reads consistently.` });
    }
    return out;
  },
};

function localDate(iso: string, zone: string | null): string {
  return formatTimestamp(iso, zone, 'datetime').slice(0, 10);
}

/**
 * Whether the date (or zone) written on entry `index` is one later entries rely on: an entry after it writes none
 * before the next one that does, and no earlier entry already gives the same (`same`), so removing it would change them.
 */
function carried(entries: TimelineEntry[], written: { date: boolean; zone: boolean }[], index: number, what: 'date' | 'zone',
  same: (previous: TimelineEntry) => boolean): boolean {
  const next = entries.findIndex((_, i) => i > index && (written[i]![what] || !!entries[i]!.iso));
  const reliedOn = next > index && !written[next]![what];
  if (!reliedOn) return false;
  for (let i = index - 1; i >= 0; i--) {
    if (!entries[i]!.iso) continue;
    return !same(entries[i]!);
  }
  return true;
}
