/**
 * Self-contained export documents of the timeline: an HTML page or a standalone SVG.
 * No scripts, no remote resources, no event handlers; every string from the document is escaped
 * (serialize() in vnode.ts) and long texts are cut with an ellipsis. The HTML page carries its
 * own CSP (default-src 'none', the one stylesheet allowed by hash).
 */
import { createHash } from 'node:crypto';
import type { ExportFormat, PreviewData } from '../../../common/webviewMessages';
import { formatIso } from '../../../common/format';
import { truncate } from './data';
import { entryBadges, renderAxis, renderPreview } from './render';
import { PREVIEW_CSS, SVG_EXPORT_CSS } from './styles';
import { escapeAttr, escapeText, s, serialize, type VNode } from './vnode';

/** Texts longer than this are cut in the HTML export. */
export const EXPORT_MAX_TEXT = 2000;
/** One SVG text line holds at most this many characters. */
export const SVG_LINE_CHARS = 110;

export function styleHash(css: string): string {
  return `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
}

export function exportHtml(data: PreviewData): string {
  const body = serialize(renderPreview(data, { interactive: false, maxText: EXPORT_MAX_TEXT }), { maxText: EXPORT_MAX_TEXT * 2 });
  const csp = `default-src 'none'; style-src ${styleHash(PREVIEW_CSS)}; img-src data:; base-uri 'none'; form-action 'none'`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Postmortem timeline export">',
    `<title>${escapeText(truncate(`Timeline: ${data.title}`, 200).text)}</title>`,
    `<style>${PREVIEW_CSS}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const WIDTH = 960;

export function exportSvg(data: PreviewData): string {
  const kids: VNode[] = [s('style', {}, SVG_EXPORT_CSS)];
  let y = 30;
  const line = (text: string, cls?: string, x = 16): void => {
    kids.push(s('text', { x, y, class: cls }, truncate(text, SVG_LINE_CHARS).text));
    y += 20;
  };
  line(data.title, 'title');
  const meta = [data.incidentId && `Incident ${data.incidentId}`, data.severity && `Severity ${data.severity}`, data.status && `Status ${data.status}`].filter(Boolean).join(' · ');
  if (meta) line(meta, 'muted');
  y += 6;
  line('Phases', 'h2');
  const axis = renderAxis(data, WIDTH);
  if (axis) {
    axis.attrs.x = '0';
    axis.attrs.y = String(y - 10);
    axis.attrs.width = String(WIDTH);
    delete axis.attrs.xmlns;
    kids.push(axis);
    y += Number(axis.attrs.height) + 10;
  }
  for (const p of data.phases) line(`${p.label}: ${p.raw}${p.iso ? ` (${formatIso(p.iso)})` : ' (time not understood)'}`);
  for (const d of data.durations) {
    kids.push(s('text', { x: 16, y }, s('title', {}, d.definition), `${d.label}: ${d.text} (${d.definition})`));
    y += 20;
  }
  y += 10;
  line(`Timeline (${data.entries.length} entries)`, 'h2');
  for (const e of data.entries) {
    if (e.gapBeforeText) {
      kids.push(s('line', { class: 'gapline', x1: 16, x2: WIDTH - 16, y1: y - 12, y2: y - 12 }));
      kids.push(s('text', { x: 24, y: y + 2, class: 'gap' }, `gap of ${e.gapBeforeText}`));
      y += 22;
    }
    const badges = entryBadges(e).map((b) => `[${b.text}]`).join(' ');
    kids.push(
      s('g', { 'data-line': e.line },
        s('title', {}, truncate(`${e.fullTime}: ${e.text}`, 1000).text),
        s('text', { x: 16, y },
          s('tspan', { class: 'time' }, truncate(e.rawTime || '—', 30).text),
          badges ? s('tspan', { class: 'badge', dx: 10 }, badges) : null,
          s('tspan', { dx: 10 }, truncate(e.text, SVG_LINE_CHARS).text))),
    );
    y += 20;
  }
  y += 10;
  const done = data.actionItems.filter((a) => a.done).length;
  line(`Action items (${done} of ${data.actionItems.length} done)`, 'h2');
  for (const a of data.actionItems) {
    line(`${a.done ? '✓' : '☐'} ${truncate(a.text, SVG_LINE_CHARS).text}`);
    line(`owner: ${a.owner ?? 'none'} · due: ${a.due ?? 'none'} · ${a.ticket ? `ticket: ${a.ticket}` : 'no ticket'}`, 'muted', 34);
  }
  const height = y + 10;
  const svg = s('svg', { xmlns: 'http://www.w3.org/2000/svg', width: WIDTH, height, viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': `Timeline: ${truncate(data.title, 200).text}` },
    s('title', {}, `Timeline: ${truncate(data.title, 200).text}`), kids);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(svg, { xml: true, maxText: EXPORT_MAX_TEXT })}\n`;
}

export function exportDocument(data: PreviewData, format: ExportFormat): string {
  return format === 'svg' ? exportSvg(data) : exportHtml(data);
}
