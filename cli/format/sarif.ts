/**
 * `--format sarif`: SARIF 2.1.0 as GitHub code scanning takes it. One run; `tool.driver` with one rule per code
 * (id = the code, stable across runs); each result with its rule, level, message, one location relative to the
 * repository root with a full region, and the `primaryLocationLineHash` GitHub's upload action would compute
 * (see fingerprint.ts). Input problems become tool execution notifications.
 */
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { FindingSeverity } from '../../server/src/service/types';
import type { CheckReport } from '../check/report';
import { RULES_HELP_URL, ruleInfo } from './ruleCatalog';

export const INFORMATION_URI = 'https://github.com/postmortem-tools/postmortem';
const SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<FindingSeverity, Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function toSarif(report: CheckReport, version: string): Log {
  const codes = [...new Set(report.files.flatMap((f) => f.findings.map((x) => x.code)))].sort();
  const rules: ReportingDescriptor[] = codes.map((code) => {
    const info = ruleInfo(code);
    const help = `${RULES_HELP_URL}#${code}`;
    return {
      id: code,
      name: code.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: firstSentence(info.description) },
      fullDescription: { text: info.description },
      help: { text: `${info.description} See ${help}`, markdown: `**${code}**: ${info.description}\n\n[Documentation](${help})` },
      helpUri: help,
      defaultConfiguration: { level: LEVEL[info.defaultSeverity] },
    };
  });
  const index = new Map(codes.map((code, i) => [code, i]));
  const results: Result[] = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      const startLine = f.range.start.line + 1;
      const hash = file.lineHashes?.[startLine];
      results.push({
        ruleId: f.code,
        ruleIndex: index.get(f.code)!,
        level: LEVEL[f.severity],
        message: { text: f.message.trim() || f.code },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: encodePath(file.repoPath) },
            region: {
              startLine,
              startColumn: f.range.start.character + 1,
              endLine: f.range.end.line + 1,
              endColumn: f.range.end.character + 1,
            },
          },
        }],
        ...(hash ? { partialFingerprints: { primaryLocationLineHash: hash } } : {}),
      });
    }
  }
  const failures = report.problems.filter((p) => p.fails);
  return {
    $schema: SCHEMA_URI,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'postmortem', version, semanticVersion: version, informationUri: INFORMATION_URI, rules } },
      invocations: [{
        executionSuccessful: failures.length === 0,
        toolExecutionNotifications: report.problems.map((p) => ({
          level: p.fails ? 'error' as const : 'note' as const,
          message: { text: p.path ? `${p.path}: ${p.message}` : p.message },
          ...(p.repoPath ? { locations: [{ physicalLocation: { artifactLocation: { uri: encodePath(p.repoPath) } } }] } : {}),
        })),
      }],
      results,
      columnKind: 'utf16CodeUnits',
    }],
  };
}

export function formatSarif(report: CheckReport, version: string): string {
  return `${JSON.stringify(toSarif(report, version), null, 2)}\n`;
}

/** A relative path as a URI reference: each segment percent-encoded (GitHub decodes it with decodeURIComponent). */
function encodePath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

function firstSentence(s: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(s);
  return m ? m[1]! : s;
}
