/**
 * Describes the timeline preview as an element tree (see vnode.ts), from PreviewData.
 * Pure: no vscode, no DOM. The webview builds it with `toDom`, the exporter serialises it.
 */
import type { PreviewActionItem, PreviewData, PreviewEntry } from '../../../common/webviewMessages';
import { formatIso, toMillis } from '../../../common/format';
import { truncate } from './data';
import { h, linkify, s, type VElement, type VNode } from './vnode';

export interface RenderOptions {
  /** Webview: entries focusable and revealable. Export: plain document. */
  interactive: boolean;
  /** Cut entry / action-item texts after this many characters (export). */
  maxText?: number;
  /** Index of the highlighted entry (aria-current). */
  highlight?: number | null;
}

/** Characters of an entry's text repeated in its aria-label. */
const LABEL_TEXT_CHARS = 300;

export function entryBadges(e: PreviewEntry): { text: string; kind: 'warn' | 'error' | 'info' | 'mark' }[] {
  const out: { text: string; kind: 'warn' | 'error' | 'info' | 'mark' }[] = [];
  if (e.unparseable) out.push({ text: 'time not understood', kind: 'error' });
  if (e.outOfOrder) out.push({ text: 'out of order', kind: 'warn' });
  if (e.approximate) out.push({ text: 'approximate', kind: 'info' });
  if (e.marks) out.push({ text: `marks: ${e.marks}`, kind: 'mark' });
  return out;
}

export function entryLabel(e: PreviewEntry): string {
  const parts: string[] = [];
  if (e.gapBeforeText) parts.push(`After a gap of ${e.gapBeforeText}.`);
  const time = e.unparseable ? `${e.rawTime || 'no time'}` : e.fullTime + (e.approximate ? ' (approximate)' : '');
  parts.push(`${time}: ${truncate(e.text, LABEL_TEXT_CHARS).text}`);
  const badges = entryBadges(e).filter((b) => b.text !== 'approximate').map((b) => b.text);
  if (badges.length) parts.push(`(${badges.join(', ')})`);
  return parts.join(' ');
}

/** Position of an instant on the axis, in percent of its width (2%..98%). */
export function axisPercent(data: PreviewData, iso: string | null): number | null {
  const t = toMillis(iso);
  if (t === null || !data.span) return null;
  const a = toMillis(data.span.start)!;
  const b = toMillis(data.span.end)!;
  if (b <= a) return 50;
  return 2 + (96 * (t - a)) / (b - a);
}

const pct = (n: number): string => `${n.toFixed(3)}%`;

/** The time axis: impact window shaded, each phase a labelled tick, each timed entry a dot. */
export function renderAxis(data: PreviewData): VElement | null {
  if (!data.span) return null;
  const summary: string[] = [`Time axis from ${formatIso(data.span.start)} to ${formatIso(data.span.end)}.`];
  const kids: VNode[] = [];
  kids.push(s('line', { class: 'base', x1: '2%', x2: '98%', y1: 42, y2: 42 }));
  if (data.impact) {
    const a = axisPercent(data, data.impact.start)!;
    const b = axisPercent(data, data.impact.end)!;
    const label = `Impact window ${formatIso(data.impact.start)} to ${formatIso(data.impact.end)}`;
    summary.push(label + '.');
    kids.push(s('rect', { class: 'impact', x: pct(a), y: 30, width: pct(Math.max(0.3, b - a)), height: 24 }, s('title', {}, label)));
  }
  for (const e of data.entries) {
    const x = axisPercent(data, e.iso);
    if (x === null) continue;
    kids.push(s('circle', { class: e.outOfOrder ? 'dot out-of-order' : 'dot', cx: pct(x), cy: 42, r: 3 }, s('title', {}, `${e.fullTime}: ${truncate(e.text, 120).text}`)));
  }
  data.phases.forEach((p, i) => {
    const x = axisPercent(data, p.iso);
    if (x === null) return;
    summary.push(`${p.label} ${formatIso(p.iso)}.`);
    const above = i % 2 === 0;
    const anchor = x < 12 ? 'start' : x > 88 ? 'end' : 'middle';
    kids.push(s('line', { class: `phase phase-${p.name}`, x1: pct(x), x2: pct(x), y1: above ? 18 : 30, y2: above ? 54 : 66 }));
    kids.push(s('text', { x: pct(x), y: above ? 13 : 79, 'text-anchor': anchor }, `${p.label} ${truncate(p.raw, 40).text}`));
  });
  return s(
    'svg',
    { class: 'axis', role: 'img', 'aria-label': summary.join(' '), width: '100%', height: 84, xmlns: 'http://www.w3.org/2000/svg' },
    s('title', {}, summary.join(' ')),
    kids,
  );
}

function renderHeader(data: PreviewData): VElement {
  const meta: VNode[] = [];
  if (data.incidentId) meta.push(h('span', {}, `Incident ${data.incidentId}`));
  if (data.severity) meta.push(h('span', {}, `Severity ${data.severity}`));
  if (data.status) meta.push(h('span', {}, `Status ${data.status}`));
  return h('header', {}, h('h1', {}, data.title), meta.length ? h('p', { class: 'meta' }, meta) : null);
}

function renderPhases(data: PreviewData): VElement {
  const phases = data.phases.map((p) =>
    h('li', { title: p.iso ? formatIso(p.iso) : 'time not understood' },
      h('span', { class: 'name' }, `${p.label}: `),
      p.iso ? h('time', { datetime: p.iso }, p.raw) : [p.raw, ' ', h('span', { class: 'badge error' }, 'time not understood')]),
  );
  const durations = data.durations.map((d) =>
    h('div', { title: `${d.label}: ${d.definition}` },
      h('dt', {}, d.label),
      h('dd', { 'aria-label': `${d.label}: ${d.text}, measured ${d.definition}` }, d.text, h('small', { class: 'definition' }, d.definition))),
  );
  return h('section', { class: 'phases', 'aria-labelledby': 'pm-phases-h' },
    h('h2', { id: 'pm-phases-h' }, 'Phases'),
    data.phases.length === 0 ? h('p', { class: 'empty' }, 'No key times (started, detected, mitigated, resolved) found.') : null,
    renderAxis(data),
    phases.length ? h('ol', { class: 'phase-list' }, phases) : null,
    durations.length ? h('dl', { class: 'durations', 'aria-label': 'Durations' }, durations) : null,
  );
}

function renderEntry(e: PreviewEntry, opts: RenderOptions): VElement {
  const text = opts.maxText !== undefined ? truncate(e.text, opts.maxText).text : e.text;
  const classes = ['entry'];
  if (e.outOfOrder) classes.push('out-of-order');
  if (e.unparseable) classes.push('unparseable');
  return h('li', {
      class: classes.join(' '),
      role: 'listitem',
      tabindex: opts.interactive ? 0 : undefined,
      'data-index': e.index,
      'data-line': e.line,
      'aria-label': entryLabel(e),
      'aria-current': opts.highlight === e.index ? 'true' : undefined,
    },
    e.gapBeforeText ? h('span', { class: 'gap' }, `⋯ gap of ${e.gapBeforeText} ⋯`) : null,
    e.iso ? h('time', { class: 'time', datetime: e.iso, title: e.fullTime }, e.rawTime) : h('span', { class: 'time' }, e.rawTime || '—'),
    entryBadges(e).map((b) => h('span', { class: `badge ${b.kind}` }, b.text)),
    h('span', { class: 'text' }, linkify(text)),
  );
}

function renderActionItem(a: PreviewActionItem, opts: RenderOptions): VElement {
  const text = opts.maxText !== undefined ? truncate(a.text, opts.maxText).text : a.text;
  const fields: VNode[] = [];
  fields.push(h('span', {}, `owner: ${a.owner ?? 'none'}`));
  fields.push(h('span', {}, `due: ${a.due ?? 'none'}`));
  if (a.ticket) fields.push(h('span', {}, 'ticket: ', linkify(a.ticket)));
  else fields.push(h('span', { class: 'no-ticket' }, 'no ticket'));
  return h('li', { class: a.done ? 'done' : 'open', 'data-line': a.line },
    h('span', { class: 'check', role: 'img', 'aria-label': a.done ? 'done' : 'open' }, a.done ? '✓' : '☐'),
    h('span', { class: 'text' }, linkify(text)),
    h('span', { class: 'fields' }, fields),
  );
}

/** The whole preview body. */
export function renderPreview(data: PreviewData | null, opts: RenderOptions, message?: string): VElement {
  if (!data) {
    return h('main', { class: 'pm' }, h('p', { class: 'empty' }, message ?? 'No postmortem to show. Open a postmortem document and run "Postmortem: Open Timeline Preview".'));
  }
  const done = data.actionItems.filter((a) => a.done).length;
  return h('main', { class: 'pm' },
    opts.interactive
      ? h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Export' },
          h('button', { type: 'button', 'data-export': 'html' }, 'Export HTML…'),
          h('button', { type: 'button', 'data-export': 'svg' }, 'Export SVG…'))
      : null,
    renderHeader(data),
    renderPhases(data),
    h('section', { class: 'timeline', 'aria-labelledby': 'pm-timeline-h' },
      h('h2', { id: 'pm-timeline-h' }, `Timeline (${data.entries.length} ${data.entries.length === 1 ? 'entry' : 'entries'})`),
      data.entries.length === 0
        ? h('p', { class: 'empty' }, 'No timeline entries found.')
        : h('ol', { class: 'entries', role: 'list', 'aria-labelledby': 'pm-timeline-h' }, data.entries.map((e) => renderEntry(e, opts))),
    ),
    h('section', { class: 'action-items', 'aria-labelledby': 'pm-actions-h' },
      h('h2', { id: 'pm-actions-h' }, `Action items (${done} of ${data.actionItems.length} done)`),
      data.actionItems.length === 0
        ? h('p', { class: 'empty' }, 'No action items found.')
        : h('ul', { class: 'actions' }, data.actionItems.map((a) => renderActionItem(a, opts))),
    ),
  );
}
