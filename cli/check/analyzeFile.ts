/**
 * One file through the language service, as the editor would see it: its findings, and with `fix` the text after
 * the service's own "Fix all" (the code action of kind `source.fixAll.postmortem`, computed from the findings'
 * codes and data exactly as the editor asks for it). Pure: no file system, so it runs the same in a worker thread
 * and in-process.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { CodeActionKinds } from '../../common/codeActionKinds';
import type { PostmortemModel } from '../../common/model';
import type { DocumentScope, PostmortemService } from '../../server/src/service/index';
import type { Finding } from '../../server/src/service/types';

export interface AnalyzeRequest {
  uri: string;
  text: string;
  scope: DocumentScope;
  /** Compute the fixed text too. */
  fix: boolean;
  /** Return the model too (`metrics`, `model`). */
  model?: boolean;
}

/** A finding as the CLI reports it (the fix data stays in the service). */
export type ReportedFinding = Omit<Finding, 'data'>;

export interface AnalyzeResult {
  isPostmortem: boolean;
  /** Findings of the text as it is after fixing (or as it was, without `fix`). */
  findings: ReportedFinding[];
  /** How many of the findings of the text as read "Fix all" would fix. */
  fixable: number;
  /** With `fix`: the text after "Fix all", when it differs. */
  fixed?: string;
  /** With `fix`: why the file is left alone although it has fixable findings. */
  notFixed?: string;
  /** False when the findings depend on more than the text and the settings (a `$schema` the document names). */
  cacheable: boolean;
  model?: PostmortemModel | null;
}

/** Findings after which the service's reading of the text is incomplete: no edit is computed from such a reading. */
const UNREADABLE = new Set(['frontmatter-invalid', 'document-too-large']);

export function analyzeText(service: PostmortemService, request: AnalyzeRequest): AnalyzeResult {
  const { uri, text, scope } = request;
  const document = TextDocument.create(uri, 'markdown', 1, text);
  try {
    const analysis = service.analyze(document, scope);
    const result: AnalyzeResult = {
      isPostmortem: analysis.isPostmortem,
      findings: analysis.findings.map(reported),
      fixable: 0,
      cacheable: !analysis.model?.metadata.schema,
    };
    if (request.model) result.model = analysis.model && analysis.model.isPostmortem ? analysis.model : null;
    if (!analysis.isPostmortem || !analysis.model) return result;
    const edits = fixAll(service, document, analysis.findings, scope);
    result.fixable = edits.fixed;
    if (!request.fix || edits.edits.length === 0) return result;
    const blocker = analysis.parsed?.parseError ? `part of it cannot be parsed (${analysis.parsed.parseError})`
      : analysis.findings.find((f) => UNREADABLE.has(f.code))?.code;
    if (blocker) {
      result.notFixed = blocker.includes(' ') ? blocker : `it has a ${blocker} finding`;
      return result;
    }
    const fixed = TextDocument.applyEdits(document, edits.edits);
    if (fixed === text) return result;
    result.fixed = fixed;
    service.forget(uri);
    const after = service.analyze(TextDocument.create(uri, 'markdown', 2, fixed), scope);
    result.findings = after.findings.map(reported);
    result.fixable = fixAll(service, TextDocument.create(uri, 'markdown', 2, fixed), after.findings, scope).fixed;
    return result;
  } finally {
    // One file at a time: nothing is kept for the next one (bounded memory over 10,000 files).
    service.forget(uri);
  }
}

/** The edits of the service's "Fix all" for the document, and how many findings they fix. */
export function fixAll(service: PostmortemService, document: TextDocument, findings: readonly Finding[], scope: DocumentScope): { edits: TextEdit[]; fixed: number } {
  const whole = { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) };
  const diagnostics = findings.map((f) => ({ code: f.code, data: f.data, range: f.range, message: f.message }));
  const actions = service.getCodeActions(document, whole, diagnostics, [CodeActionKinds.fixAll], scope);
  const action = actions.find((a) => a.kind === CodeActionKinds.fixAll);
  const edits = action?.edit?.changes?.[document.uri] ?? [];
  return { edits, fixed: edits.length ? action?.diagnostics?.length ?? 0 : 0 };
}

function reported(finding: Finding): ReportedFinding {
  return { code: finding.code, severity: finding.severity, message: finding.message, range: finding.range };
}
