/** What `postmortem check` found, as every output format reads it. */
import type { ReportedFinding } from './analyzeFile';

export interface FileReport {
  /** Absolute path. */
  file: string;
  /** Relative to the current folder, forward slashes. */
  display: string;
  /** Relative to the repository root (the nearest `.git`, else the current folder), forward slashes. */
  repoPath: string;
  findings: ReportedFinding[];
  /** Findings "Fix all" (`--fix`) would fix. */
  fixable: number;
  /** With `--fix`: the file was rewritten. */
  fixed?: boolean;
  /** `primaryLocationLineHash` of the lines findings start on (1-based line -> hash); SARIF only. */
  lineHashes?: Record<number, string>;
}

/** A file (or setting) that could not be checked as asked: one line each. */
export interface InputProblem {
  /** As shown to the user, when the problem is about one file. */
  path?: string;
  /** Relative to the repository root, forward slashes (SARIF), when the problem is about one file. */
  repoPath?: string;
  message: string;
  /** Whether it fails the run (exit 1); notices such as an empty file do not. */
  fails: boolean;
}

export interface CheckReport {
  /** Postmortems checked, sorted by path (with or without findings). */
  files: FileReport[];
  problems: InputProblem[];
  /** Files looked at that are not postmortems. */
  notPostmortems: number;
  /** The `postmortem.files` globs (and the settings file giving them) of the first file, by path, that is not a postmortem. */
  notPostmortemScope?: { display: string; globs: string[]; settingsFile?: string };
}

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  fixable: number;
}

export function countFindings(files: readonly FileReport[]): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0, hints: 0, fixable: 0 };
  for (const f of files) {
    c.fixable += f.fixable;
    for (const finding of f.findings) {
      if (finding.severity === 'error') c.errors++;
      else if (finding.severity === 'warning') c.warnings++;
      else if (finding.severity === 'information') c.infos++;
      else c.hints++;
    }
  }
  return c;
}
