/**
 * Hovers: key times (with how long after impact start), timeline entries (the instant read, the key
 * moment they mark), metrics on the timeline heading and key-time keys, severity and status values
 * (the schema's description), frontmatter keys, and action-item fields (due date against the target).
 */
import { MarkupKind } from 'vscode-languageserver-types';
import type { Hover } from 'vscode-languageserver-types';
import { KEY_TIME_NAMES } from '../../../common/model';
import type { KeyTime, KeyTimeName, PostmortemModel, Position, Range } from '../../../common/model';
import type { PostmortemSettings } from '../../../common/settings';
import type { SchemaInfo } from './types';
import { severityKey, targetDueDate } from './edits';
import { contains } from './model/ranges';
import { formatTimestamp } from './model/times';
import { formatDuration, KEY_TIME_LABELS } from '../../../common/format';
import { ACTION_TYPE_DESCRIPTIONS, peopleOf } from './completions';

const TIME_NOUNS: Record<KeyTimeName, string> = {
  started: 'impact start', detected: 'detection', acknowledged: 'acknowledgement', mitigated: 'mitigation', resolved: 'resolution',
};

const utc = (iso: string) => `${formatTimestamp(iso, 'UTC', 'datetime')} UTC`;
const hover = (range: Range, lines: string[]): Hover => ({ contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range });

function relative(model: PostmortemModel, name: KeyTimeName, iso: string | null): string {
  const start = model.metadata.times.started?.iso;
  if (!iso || name === 'started' || !start) return '';
  const minutes = (Date.parse(iso) - Date.parse(start)) / 60000;
  if (Number.isNaN(minutes)) return '';
  return minutes >= 0 ? ` — ${formatDuration(minutes)} after impact start` : ` — ${formatDuration(-minutes)} before impact start`;
}

/** The zone the document's times are written in (its metadata, else its timeline), when it is not UTC. */
function documentZone(model: PostmortemModel): string | null {
  const zone = model.metadata.timezone?.value ?? model.timeline.find((e) => e.zone)?.zone ?? null;
  return zone && !/^(utc|gmt|z)$/i.test(zone.trim()) ? zone : null;
}

/** UTC, and the document's own clock beside it, so the author sees the time as they wrote it. */
function inDocumentZone(model: PostmortemModel, iso: string): string {
  const zone = documentZone(model);
  if (!zone) return utc(iso);
  try {
    return `${utc(iso)} (${formatTimestamp(iso, zone, 'datetime')} ${zone})`;
  } catch {
    return utc(iso);
  }
}

function keyTimeLine(model: PostmortemModel, name: KeyTimeName, time: KeyTime): string {
  const when = time.iso ? inDocumentZone(model, time.iso) : `\`${time.raw}\` (could not be read)`;
  const source = time.source === 'timeline' ? ' _(from the timeline)_' : '';
  return `**${KEY_TIME_LABELS[name]}:** ${when}${relative(model, name, time.iso)}${source}`;
}

function metricLines(model: PostmortemModel): string[] {
  if (model.metrics.length === 0) return ['_No metrics yet: they need the key times (started, detected, mitigated, resolved)._'];
  return model.metrics.map(m => `- **${m.label}:** ${formatDuration(m.minutes)} — ${m.definition}`);
}

export function getHover(model: PostmortemModel, position: Position, schema: SchemaInfo, settings: PostmortemSettings): Hover | null {
  const md = model.metadata;
  const fmKeys = md.frontmatter?.keys ?? {};

  // Key times: the value, or the key that introduced it.
  for (const name of KEY_TIME_NAMES) {
    const time = md.times[name];
    if (!time) continue;
    const key = Object.values(fmKeys).find(k => k.valueRange.start.line === time.range.start.line && time.source === 'frontmatter');
    if (contains(time.range, position) || (key && contains(key.keyRange, position))) {
      return hover(time.range, [keyTimeLine(model, name, time), '**Metrics**', ...metricLines(model)].reduce<string[]>(joinList, []));
    }
  }

  // The timeline heading: metrics and key times.
  const timelineHeading = model.sections.find(s => s.kind === 'timeline' && contains(s.headingRange, position));
  if (timelineHeading) {
    const times = KEY_TIME_NAMES.filter(n => md.times[n]).map(n => `- ${keyTimeLine(model, n, md.times[n]!)}`);
    return hover(timelineHeading.headingRange, [`**Timeline** — ${model.timeline.length} entries`, '**Metrics**', ...metricLines(model), ...(times.length ? ['**Key times**', ...times] : [])].reduce<string[]>(joinList, []));
  }

  // Timeline entries.
  for (const entry of model.timeline) {
    const onTime = contains(entry.timeRange, position);
    if (!onTime && !(entry.marks && entry.range.start.line === position.line)) continue;
    const lines: string[] = [];
    if (entry.iso) lines.push(`**${entry.rawTime.replace(/\*\*/g, '').trim()}** → ${utc(entry.iso)}${entry.zone && entry.zone !== 'UTC' ? ` (read as ${entry.zone})` : ''}${entry.approximate ? ' _(approximate)_' : ''}`);
    else lines.push(`**${entry.rawTime.replace(/\*\*/g, '').trim()}** could not be read as a time${entry.note ? `: ${entry.note}` : ''}`);
    if (entry.iso && entry.note) lines.push(`_${entry.note}_`);
    if (entry.marks) {
      const used = md.times[entry.marks];
      lines.push(`Marks the **${TIME_NOUNS[entry.marks]}** (\`${entry.marks}\`)${relative(model, entry.marks, entry.iso)}`);
      if (used && used.source !== 'timeline' && used.iso !== entry.iso) lines.push(`The metadata states ${entry.marks} as ${used.iso ? utc(used.iso) : `\`${used.raw}\``}, which the metrics use.`);
    }
    return hover(onTime ? entry.timeRange : entry.range, lines);
  }

  // Severity and status values.
  const sev = md.severity;
  if (sev && (contains(sev.range, position) || (sev.keyRange && contains(sev.keyRange, position)))) {
    const known = schema.severities.find(s => severityKey(s.value) === severityKey(sev.value));
    const lines = [known ? `**${known.value}** — ${known.description}` : `**${sev.value}** is not a severity the schema knows (${schema.severities.map(s => `\`${s.value}\``).join(', ')}).`];
    const target = targetDueDate(model, settings.actionItemTargetDays);
    if (target) lines.push(`Action items are due within ${target.days} days: by **${target.date}**.`);
    return hover(sev.range, lines);
  }
  const status = md.status;
  if (status && (contains(status.range, position) || (status.keyRange && contains(status.keyRange, position)))) {
    const known = schema.statuses.find(s => s.value.toLowerCase() === status.value.toLowerCase());
    return hover(status.range, [known ? `**${known.value}** — ${known.description}` : `**${status.value}** is not a status the schema knows (${schema.statuses.map(s => `\`${s.value}\``).join(', ')}).`]);
  }

  // Action-item fields.
  for (const item of model.actionItems) {
    if (!contains(item.range, position)) continue;
    if (item.due && contains(item.due.range, position)) {
      const target = targetDueDate(model, settings.actionItemTargetDays);
      const lines = [`**Due** ${item.due.value}${item.due.raw !== item.due.value ? ` (written \`${item.due.raw}\`)` : ''}`];
      if (target && /^\d{4}-\d{2}-\d{2}$/.test(item.due.value)) {
        const days = Math.round((Date.parse(item.due.value) - Date.parse(target.date)) / 86400000);
        lines.push(days > 0
          ? `${days} day${days === 1 ? '' : 's'} after the target **${target.date}** (${target.severity}: ${target.days} days).`
          : `Within the target **${target.date}** (${target.severity}: ${target.days} days)${days < 0 ? `, ${-days} day${days === -1 ? '' : 's'} early` : ''}.`);
      }
      return hover(item.due.range, lines);
    }
    if (item.owner && contains(item.owner.range, position)) {
      const name = item.owner.value.replace(/^@/, '');
      const known = peopleOf(model).includes(name);
      return hover(item.owner.range, [`**Owner** @${name}${known ? '' : ' — not listed among the participants'}`]);
    }
    if (item.type && contains(item.type.range, position)) {
      const d = ACTION_TYPE_DESCRIPTIONS[item.type.value.toLowerCase()];
      return hover(item.type.range, [d ? `**${item.type.value}** — ${d}` : `**${item.type.value}** is not a known type (prevent, detect, mitigate, process).`]);
    }
  }

  // Any other frontmatter key the schema describes.
  for (const [key, ranges] of Object.entries(fmKeys)) {
    if (!contains(ranges.keyRange, position)) continue;
    const info = schema.metadataKeys.find(k => k.key.toLowerCase() === key.toLowerCase());
    if (info) return hover(ranges.keyRange, [`**${info.key}** — ${info.description}`]);
  }
  return null;
}

/** Keep `- ` list lines together (one paragraph) instead of separating them by blank lines. */
function joinList(acc: string[], line: string): string[] {
  const prev = acc[acc.length - 1];
  if (prev !== undefined && line.startsWith('- ') && /(^|\n)- [^\n]*$/.test(prev)) acc[acc.length - 1] = `${prev}\n${line}`;
  else acc.push(line);
  return acc;
}
