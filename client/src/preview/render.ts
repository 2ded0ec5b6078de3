/**
 * Describes the timeline preview as an element tree (see vnode.ts), from PreviewData.
 * Pure: no vscode, no DOM. The webview builds it with `toDom`, the exporter serialises it.
 */
import type { PreviewActionItem, PreviewData, PreviewEntry } from '../../../common/webviewMessages';
import { formatIso, toMillis } from '../../../common/format';
import { layoutAxisLabels } from './axisLayout';
import { truncate } from './data';
import { h, linkify, s, type VElement, type VNode } from './vnode';

export interface RenderOptions {
  /** Webview: entries focusable and revealable. Export: plain document. */
  interactive: boolean;
  /** Cut entry / action-item texts after this many characters (export). */
  maxText?: number;
  /** Index of the highlighted entry (aria-current). */
  highlight?: number | null;
  /** Width in pixels the time axis is laid out for (the webview passes its own); DEFAULT_AXIS_WIDTH otherwise. */
  axisWidth?: number;
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

/** Width in pixels the axis is laid out for when the real width is not known (the page's maximum width). */
export const DEFAULT_AXIS_WIDTH = 1100;
/** Font size the label widths are estimated for (the largest the axis is shown with: 11 px webview, 12 px SVG). */
export const AXIS_LABEL_FONT_PX = 12;
/** Height of a row of labels. */
const ROW_PX = 15;
/** Height of the impact band; the axis line runs through its middle. */
const BAND_PX = 24;

const px = (n: number): string => n.toFixed(1);

/**
 * The time axis: impact window shaded, each phase a labelled tick, each timed entry a dot. Laid out in pixels
 * for `width` (a viewBox, so a narrower page scales it down rather than letting labels collide); the phase
 * labels go to rows above and below the axis so that they never overlap (axisLayout.ts).
 */
export function renderAxis(data: PreviewData, width: number = DEFAULT_AXIS_WIDTH): VElement | null {
  if (!data.span) return null;
  const W = Math.max(200, Math.round(width));
  const xOf = (iso: string | null): number | null => {
    const p = axisPercent(data, iso);
    return p === null ? null : (p / 100) * W;
  };
  const summary: string[] = [`Time axis from ${formatIso(data.span.start)} to ${formatIso(data.span.end)}.`];
  const phases = data.phases
    .map((p) => ({ p, x: xOf(p.iso), text: `${p.label} ${truncate(p.raw, 40).text}` }))
    .filter((q): q is { p: typeof q.p; x: number; text: string } => q.x !== null);
  const placements = layoutAxisLabels(phases.map(({ x, text }) => ({ x, text })), { width: W, fontPx: AXIS_LABEL_FONT_PX });
  const above = Math.max(0, ...placements.filter((l) => l.side === 'above').map((l) => l.level));
  const below = Math.max(0, ...placements.filter((l) => l.side === 'below').map((l) => l.level));
  const bandTop = above * ROW_PX + 6;
  const bandBottom = bandTop + BAND_PX;
  const axisY = bandTop + BAND_PX / 2;
  const height = bandBottom + 6 + below * ROW_PX + 4;
  /** Baseline of a label row. */
  const baseline = (side: 'above' | 'below', level: number) =>
    side === 'above' ? bandTop - 6 - (level - 1) * ROW_PX - 3 : bandBottom + 6 + (level - 1) * ROW_PX + 11;

  const kids: VNode[] = [];
  kids.push(s('line', { class: 'base', x1: px(xOf(data.span.start)!), x2: px(xOf(data.span.end)!), y1: axisY, y2: axisY }));
  if (data.impact) {
    const a = xOf(data.impact.start)!;
    const b = xOf(data.impact.end)!;
    const label = `Impact window ${formatIso(data.impact.start)} to ${formatIso(data.impact.end)}`;
    summary.push(label + '.');
    kids.push(s('rect', { class: 'impact', x: px(a), y: bandTop, width: px(Math.max(2, b - a)), height: BAND_PX }, s('title', {}, label)));
  }
  for (const e of data.entries) {
    const x = xOf(e.iso);
    if (x === null) continue;
    kids.push(s('circle', { class: e.outOfOrder ? 'dot out-of-order' : 'dot', cx: px(x), cy: axisY, r: 3 }, s('title', {}, `${e.fullTime}: ${truncate(e.text, 120).text}`)));
  }
  phases.forEach(({ p, x, text }, i) => {
    const at = placements[i]!;
    const y = baseline(at.side, at.level);
    summary.push(`${p.label} ${formatIso(p.iso)}.`);
    const [y1, y2] = at.side === 'above' ? [y + 3, bandBottom] : [bandTop, y - 11];
    kids.push(s('line', { class: `phase phase-${p.name}`, x1: px(x), x2: px(x), y1, y2 }));
    kids.push(s('text', { x: px(at.textX), y, 'text-anchor': at.anchor, 'data-row': `${at.side}-${at.level}` }, text));
  });
  return s(
    'svg',
    {
      class: 'axis', role: 'img', 'aria-label': summary.join(' '),
      width: '100%', height, viewBox: `0 0 ${W} ${height}`, preserveAspectRatio: 'xMinYMin meet',
      xmlns: 'http://www.w3.org/2000/svg',
    },
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

function renderPhases(data: PreviewData, opts: RenderOptions): VElement {
  const phases = data.phases.map((p) =>
    h('li', { title: p.iso ? formatIso(p.iso) : 'time not understood' },
      h('span', { class: 'name' }, `${p.label}: `),
      p.iso ? h('time', { datetime: p.iso }, p.raw) : [p.raw, ' ', h('span', { class: 'badge error' }, 'time not understood')]),
  );
  const durations = data.durations.map((d) =>
    h('div', { title: `${d.label}: ${d.definition}` },
      h('dt', {}, d.label),
      h('dd', { 'aria-label': `${d.label}: ${d.text}, measured ${d.definition.replace(/^From /, 'from ').replace(/\.$/, '')}` }, d.text, h('small', { class: 'definition' }, d.definition))),
  );
  return h('section', { class: 'phases', 'aria-labelledby': 'pm-phases-h' },
    h('h2', { id: 'pm-phases-h' }, 'Phases'),
    data.phases.length === 0 ? h('p', { class: 'empty' }, 'No key times (started, detected, mitigated, resolved) found.') : null,
    renderAxis(data, opts.axisWidth),
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
  else fields.push(h('span', { class: 'no-ticket' }, a.ticketState === 'needs-discussion' ? 'no ticket (needs discussion)' : a.ticketState === 'to-create' ? 'no ticket yet' : 'no ticket'));
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
    renderPhases(data, opts),
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
