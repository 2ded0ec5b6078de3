/** Builds small PostmortemModels for the preview's unit tests (no parser needed). */
import type { ActionItem, KeyTimeName, Metric, PostmortemModel, TimelineEntry } from '../../../common/model';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { computeMetrics } from '../../../server/src/service/model/metrics';
import { markOrder } from '../../../server/src/service/model/order';

const r = (line: number, endLine = line) => ({ start: { line, character: 0 }, end: { line: endLine, character: 10 } });

export function entry(line: number, rawTime: string, iso: string | null, text: string, extra: Partial<TimelineEntry> = {}): TimelineEntry {
  return { rawTime, iso, approximate: false, zone: 'UTC', text, range: r(line), timeRange: r(line), style: 'list', ...extra };
}

export function action(line: number, text: string, extra: Partial<ActionItem> = {}): ActionItem {
  return { text, range: r(line), done: false, style: 'task', id: `id${line}`, ...extra };
}

export function located(value: string, line = 0) {
  return { value, range: r(line), source: 'frontmatter' as const };
}

export function makeModel(opts: {
  title?: string;
  times?: Partial<Record<KeyTimeName, string | null>>;
  timeline?: TimelineEntry[];
  actionItems?: ActionItem[];
  metrics?: Metric[];
} = {}): PostmortemModel {
  const times: PostmortemModel['metadata']['times'] = {};
  let line = 2;
  for (const [k, iso] of Object.entries(opts.times ?? {})) {
    times[k as KeyTimeName] = { raw: iso ? iso.slice(11, 16) : 'sometime', iso: iso ?? null, range: r(line++), source: 'frontmatter' };
  }
  // As the server builds it: its metrics (model/metrics.ts) and its order flags (model/order.ts).
  const timeline = (opts.timeline ?? []).map(({ outOfOrder: _, ...e }) => ({ ...e }));
  markOrder(timeline);
  const metadata: PostmortemModel['metadata'] = {
    frontmatter: null,
    participants: [],
    services: [],
    times,
    extra: {},
    ...(opts.title !== undefined ? { title: located(opts.title) } : {}),
  };
  return {
    uri: 'file:///w/postmortems/x.md',
    version: 3,
    isPostmortem: true,
    blocks: { code: [], tables: [], prose: [] },
    metadata,
    sections: [],
    timeline,
    actionItems: opts.actionItems ?? [],
    impact: { quantified: false, figures: [] },
    metrics: opts.metrics ?? computeMetrics(metadata, DEFAULT_SETTINGS),
    lineCount: 100,
  };
}

export const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '[y](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '</style><script>alert(2)</script>',
  ']]><evil/>',
  `"'&<>`,
  '<svg onload=alert(3)>',
];
