/** What a quick fix is: for one diagnostic code, read the code's typed `data` and offer edits. */
import type { TextEdit } from 'vscode-languageserver-types';
import type { PostmortemModel, Range } from '../../../../common/model';
import type { PostmortemSettings } from '../../../../common/settings';
import type { Code, FindingData } from '../codes';
import type { ParsedDocument } from '../types';

/** A diagnostic as the client sends it back with a code action request: `data` is unchecked JSON. */
export interface DiagnosticLike {
  code?: string | number;
  data?: unknown;
  range: Range;
  message: string;
}

export interface FixContext {
  doc: ParsedDocument;
  model: PostmortemModel;
  settings: PostmortemSettings;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
}

export interface Fix<C extends Code> {
  code: C;
  /** The code's data, checked (it comes back from the client); undefined when it is not of the code's type. */
  read(data: unknown): FindingData[C] | undefined;
  fixes(context: FixContext, data: FindingData[C], diagnostic: DiagnosticLike): QuickFix[];
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
