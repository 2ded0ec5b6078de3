/** `--format json`: every checked postmortem with its findings (1-based lines and columns), the input problems, the counts. */
import type { CheckReport } from '../check/report';
import { countFindings } from '../check/report';

export function formatJson(report: CheckReport, version: string): string {
  const counts = countFindings(report.files);
  const out = {
    tool: { name: 'postmortem', version },
    files: report.files.map((f) => ({
      path: f.display,
      findings: f.findings.map((x) => ({
        line: x.range.start.line + 1,
        column: x.range.start.character + 1,
        endLine: x.range.end.line + 1,
        endColumn: x.range.end.character + 1,
        severity: x.severity,
        code: x.code,
        message: x.message,
      })),
      errorCount: f.findings.filter((x) => x.severity === 'error').length,
      warningCount: f.findings.filter((x) => x.severity === 'warning').length,
      fixableCount: f.fixable,
      ...(f.fixed ? { fixed: true } : {}),
    })),
    problems: report.problems.map((p) => ({ ...(p.path ? { path: p.path } : {}), message: p.message, fails: p.fails })),
    summary: { postmortems: report.files.length, notPostmortems: report.notPostmortems, ...counts },
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
