/**
 * Turns the server's PostmortemModel into the preview's PreviewData: phases, durations,
 * entries with their gaps / order / parse problems, action items. Pure (no vscode, no DOM),
 * shared by the panel, the exporter and the unit tests.
 */
import { ticketStateOf } from '../../../core/trackers/plan';
import { KEY_TIME_NAMES, type PostmortemModel } from '../../../common/model';
import type { PreviewActionItem, PreviewData, PreviewDuration, PreviewEntry, PreviewPhase } from '../../../common/webviewMessages';
import { formatDuration as formatMinutes, formatIso, KEY_TIME_LABELS, METRIC_LABELS, toMillis } from '../../../common/format';

/** Entry and action-item texts are capped at this many characters in the posted data. */
export const MAX_TEXT_CHARS = 10_000;
/** A gap between consecutive timed entries longer than this is shown. */
export const GAP_MINUTES = 30;
/** ...or longer than this share of the incident's span (and at least GAP_MIN_MINUTES). */
export const GAP_SHARE = 0.25;
export const GAP_MIN_MINUTES = 5;

/** Cuts `text` at `max` characters (not inside a surrogate pair) and appends an ellipsis. */
export function truncate(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  let end = max;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return { text: text.slice(0, end) + '…', truncated: true };
}

function titleOf(model: PostmortemModel): string {
  const t = model.metadata.title?.value?.trim();
  if (t) return t;
  const h1 = model.sections.find((s) => s.depth === 1);
  if (h1?.title.trim()) return h1.title.trim();
  const last = model.uri.split('/').pop() ?? model.uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function phasesOf(model: PostmortemModel): PreviewPhase[] {
  const out: PreviewPhase[] = [];
  for (const name of KEY_TIME_NAMES) {
    const t = model.metadata.times[name];
    if (!t) continue;
    out.push({ name, label: KEY_TIME_LABELS[name], raw: t.raw, iso: toMillis(t.iso) === null ? null : t.iso, line: t.range?.start?.line ?? null });
  }
  return out;
}

/** The server's metrics, each with its definition (the server ships with the extension: there is no other source). */
function durationsOf(model: PostmortemModel): PreviewDuration[] {
  return model.metrics
    .filter((m) => Number.isFinite(m.minutes))
    .map((m) => ({ name: m.name, label: m.label || METRIC_LABELS[m.name] || m.name, minutes: m.minutes, text: formatMinutes(m.minutes), definition: m.definition, from: m.from, to: m.to }));
}

/** Marks order problems (as the server flagged them), unreadable times and noticeable gaps on the entries. */
export function analyseEntries(model: PostmortemModel, incidentSpanMinutes: number | null): PreviewEntry[] {
  const entries: PreviewEntry[] = [];
  let latest: number | null = null;
  const timed = model.timeline.map((e) => toMillis(e.iso)).filter((t): t is number => t !== null);
  const entrySpan = timed.length > 1 ? (Math.max(...timed) - Math.min(...timed)) / 60000 : 0;
  const span = Math.max(entrySpan, incidentSpanMinutes ?? 0);
  model.timeline.forEach((e, index) => {
    const t = toMillis(e.iso);
    const { text, truncated } = truncate(e.text ?? '', MAX_TEXT_CHARS);
    const entry: PreviewEntry = {
      index,
      line: e.range.start.line,
      endLine: Math.max(e.range.start.line, e.range.end.line),
      rawTime: e.rawTime,
      iso: t === null ? null : e.iso,
      approximate: e.approximate,
      fullTime: formatIso(e.iso) ?? e.rawTime,
      text,
      truncated,
      outOfOrder: !!e.outOfOrder,
      unparseable: t === null,
    };
    if (e.marks) entry.marks = e.marks;
    if (e.note) entry.note = truncate(e.note, 500).text;
    if (t !== null) {
      // Gaps: measured from the latest time so far, so one misplaced entry does not make the next one look like it
      // follows a long silence.
      if (latest !== null && t > latest) {
        const gap = (t - latest) / 60000;
        if (gap > GAP_MINUTES || (span > 0 && gap > span * GAP_SHARE && gap >= GAP_MIN_MINUTES)) {
          entry.gapBeforeMinutes = gap;
          entry.gapBeforeText = formatMinutes(gap);
        }
      }
      latest = latest === null ? t : Math.max(latest, t);
    }
    entries.push(entry);
  });
  return entries;
}

function actionItemsOf(model: PostmortemModel): PreviewActionItem[] {
  return model.actionItems.map((a) => {
    const { text, truncated } = truncate(a.text ?? '', MAX_TEXT_CHARS);
    const item: PreviewActionItem = { text, truncated, line: a.range.start.line, done: !!a.done };
    if (a.owner?.value) item.owner = truncate(a.owner.value, 200).text;
    const due = a.due?.value || a.due?.raw;
    if (due) item.due = truncate(due, 100).text;
    if (a.ticket?.value) item.ticket = truncate(a.ticket.value, 2000).text;
    const state = ticketStateOf(a);
    item.ticketState = state.kind === 'not-sent' ? (state.reason === 'needs-discussion' ? 'needs-discussion' : 'done') : state.kind;
    return item;
  });
}

export function toPreviewData(model: PostmortemModel): PreviewData {
  const phases = phasesOf(model);
  const times: number[] = [];
  for (const p of phases) {
    const t = toMillis(p.iso);
    if (t !== null) times.push(t);
  }
  for (const e of model.timeline) {
    const t = toMillis(e.iso);
    if (t !== null) times.push(t);
  }
  const start = phases.find((p) => p.name === 'started' && p.iso);
  const end = phases.find((p) => p.name === 'resolved' && p.iso);
  // The incident's length is the server's impact-duration metric (one computation of metrics, model/metrics.ts).
  const impactMinutes = model.metrics.find((m) => m.name === 'impactDuration')?.minutes ?? null;
  const data: PreviewData = {
    uri: model.uri,
    version: model.version,
    title: truncate(titleOf(model), 300).text,
    phases,
    durations: durationsOf(model),
    span: times.length ? { start: new Date(Math.min(...times)).toISOString(), end: new Date(Math.max(...times)).toISOString() } : null,
    impact: null,
    entries: analyseEntries(model, impactMinutes !== null && impactMinutes > 0 ? impactMinutes : null),
    actionItems: actionItemsOf(model),
  };
  if (start && times.length) {
    const s = toMillis(start.iso)!;
    const e = end ? toMillis(end.iso)! : Math.max(...times);
    if (e > s) data.impact = { start: new Date(s).toISOString(), end: new Date(e).toISOString() };
  }
  const md = model.metadata;
  if (md.incidentId?.value) data.incidentId = truncate(md.incidentId.value, 200).text;
  if (md.severity?.value) data.severity = truncate(md.severity.value, 100).text;
  if (md.status?.value) data.status = truncate(md.status.value, 100).text;
  return data;
}

/** Index of the entry whose lines contain `line`, or null. */
export function entryAtLine(data: PreviewData | null, line: number): number | null {
  if (!data) return null;
  for (const e of data.entries) if (line >= e.line && line <= e.endLine) return e.index;
  return null;
}
