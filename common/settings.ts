/**
 * The extension's settings, as the server reads them (`workspace/configuration`, section `postmortem`).
 * Defaults live here once; package.json's `contributes.configuration` repeats them for the UI
 * and a unit test checks the two agree.
 */
import type { KeyTimeName } from './model';

export type RuleSeverity = 'ignore' | 'hint' | 'information' | 'warning' | 'error';

export interface PostmortemSettings {
  /** Globs (workspace-relative, matched against the path) of files that are postmortems. */
  files: string[];
  /** Path of a team's own JSON Schema (absolute, or relative to the workspace folder). Empty: built-in. */
  schema: string;
  /** Per-rule severity, keyed by the rule's code. Missing codes use the rule's default. */
  rules: Record<string, RuleSeverity>;
  /** Where "time to resolve" (and to mitigate) are measured from. */
  metricsBase: Extract<KeyTimeName, 'started' | 'detected'>;
  /** Days within which action items should be done, by severity (e.g. { SEV1: 15, SEV2: 30 }). */
  actionItemTargetDays: Record<string, number>;
  /** Zone assumed for times that carry none, when the document states none either. */
  defaultTimezone: string;
  /** Extra words that count as blame language, on top of the built-in list. */
  blameTerms: string[];
  /**
   * Strict checking: every action item's missing owner, due date and type, each missing section and metadata key,
   * and each unreadable time reported on its own. Off (the default), each of these is one finding.
   */
  strict: boolean;
  /** Whether the workspace is trusted (custom schemas from the workspace load only when true). */
  trusted: boolean;
  /** Time an analysis of one document may take before its worker is stopped (`postmortem.analysis.timeBudgetMs`). */
  analysisTimeBudgetMs: number;
}

/** Bounds of `postmortem.analysis.timeBudgetMs`. */
export const TIME_BUDGET_BOUNDS = { min: 100, max: 60000 } as const;

export const DEFAULT_SETTINGS: PostmortemSettings = {
  files: ['**/postmortems/**/*.md', '**/postmortem/**/*.md', '**/incidents/**/*.md', '**/*postmortem*.md', '**/*post-mortem*.md', '**/*incident-review*.md'],
  schema: '',
  rules: {},
  metricsBase: 'started',
  actionItemTargetDays: { SEV1: 15, SEV2: 30, SEV3: 60 },
  defaultTimezone: 'UTC',
  blameTerms: [],
  strict: false,
  trusted: true,
  analysisTimeBudgetMs: 2000,
};
