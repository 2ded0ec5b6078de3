/**
 * The linter output people know: `path:line:col  severity  message  code`, grouped by file, then one summary
 * line. Colour only when asked (a terminal without NO_COLOR; see `useColour`).
 */
import type { CheckReport } from '../check/report';
import { countFindings } from '../check/report';

const SEVERITY_LABEL = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' } as const;

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
export const COLOUR: Style = { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), blue: wrap(34, 39), green: wrap(32, 39) };
export const PLAIN: Style = { bold: (s) => s, dim: (s) => s, red: (s) => s, yellow: (s) => s, blue: (s) => s, green: (s) => s };

/** Colour on a terminal unless NO_COLOR is set (https://no-color.org); FORCE_COLOR forces it. */
export function useColour(isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return isTTY === true && env['TERM'] !== 'dumb';
}

export function formatText(report: CheckReport, style: Style): string {
  const out: string[] = [];
  for (const file of report.files) {
    if (file.findings.length === 0) continue;
    for (const f of file.findings) {
      const where = `${file.display}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const label = SEVERITY_LABEL[f.severity].padEnd(7);
      const severity = f.severity === 'error' ? style.red(label) : f.severity === 'warning' ? style.yellow(label) : style.blue(label);
      out.push(`${style.bold(where)}  ${severity}  ${oneLine(f.message)}  ${style.dim(f.code)}`);
    }
    out.push('');
  }
  out.push(summaryLine(report, style));
  return `${out.join('\n')}\n`;
}

export function summaryLine(report: CheckReport, style: Style): string {
  const c = countFindings(report.files);
  const total = c.errors + c.warnings + c.infos + c.hints;
  const checked = `${report.files.length} ${report.files.length === 1 ? 'postmortem' : 'postmortems'} checked`;
  const notChecked = report.problems.filter((p) => p.fails).length;
  const fixedFiles = report.files.filter((f) => f.fixed).length;
  const tail = (fixedFiles ? `; ${fixedFiles} ${fixedFiles === 1 ? 'file' : 'files'} fixed` : '')
    + (notChecked ? `; ${notChecked} ${notChecked === 1 ? 'problem' : 'problems'} reading input (above)` : '');
  if (total === 0) return style.green(`✔ ${checked}, no problems${tail}`);
  const parts = [plural(c.errors, 'error'), plural(c.warnings, 'warning')];
  if (c.infos) parts.push(plural(c.infos, 'info'));
  if (c.hints) parts.push(plural(c.hints, 'hint'));
  const withFindings = report.files.filter((f) => f.findings.length).length;
  const fixable = c.fixable ? `; ${c.fixable} fixable with --fix` : '';
  const line = `✖ ${plural(total, 'problem')} (${parts.join(', ')}) in ${withFindings} of ${checked}${fixable}${tail}`;
  return c.errors ? style.red(style.bold(line)) : style.yellow(style.bold(line));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function oneLine(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' ');
}
