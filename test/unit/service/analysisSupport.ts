/**
 * Shared by the service's unit tests: one document through the real parser, model and rules (on a fixed "today"), and
 * a tree's comparable shape (types, values and every position).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import type { PostmortemModel } from '../../../common/model';
import { DocumentParser } from '../../../server/src/service/parse';
import { buildModel } from '../../../server/src/service/model/index';
import { computeFindings } from '../../../server/src/service/diagnostics';
import { SchemaValidator } from '../../../server/src/service/schema';
import { nullLogger, type Finding, type ParsedDocument } from '../../../server/src/service/types';

export const URI = 'file:///w/postmortems/x.md';
const validator = SchemaValidator.builtIn(nullLogger);

/** The document's parse, model and findings with default settings, as of 2024-05-10. */
export function analyse(text: string): { doc: ParsedDocument; model: PostmortemModel; fs: Finding[] } {
  const doc = new DocumentParser().parse(URI, 1, text);
  const model = buildModel(doc, DEFAULT_SETTINGS, true);
  return { doc, model, fs: computeFindings(model, DEFAULT_SETTINGS, validator, new Date('2024-05-10T00:00:00Z')) };
}

export const applyEdits = (text: string, edits: TextEdit[]): string => TextDocument.applyEdits(TextDocument.create(URI, 'markdown', 1, text), edits);

/** A syntax tree as comparable data: types, values and every position. */
export function treeShape(node: any): any {
  const { position, children, ...rest } = node;
  const out: any = { ...rest };
  if (position) out.pos = [position.start.line, position.start.column, position.start.offset, position.end.line, position.end.column, position.end.offset];
  if (children) out.children = children.map(treeShape);
  return out;
}
