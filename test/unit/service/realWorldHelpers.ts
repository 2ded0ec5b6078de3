/** Text -> model -> findings through the real pipeline, for the real-world-shape tests (own short fixtures). */
import { DEFAULT_SETTINGS } from '../../../common/settings';
import type { PostmortemModel } from '../../../common/model';
import { DocumentParser } from '../../../server/src/service/parse';
import { buildModel } from '../../../server/src/service/model/index';
import { computeFindings } from '../../../server/src/service/diagnostics';
import { SchemaValidator } from '../../../server/src/service/schema';
import { nullLogger, type Finding, type ParsedDocument } from '../../../server/src/service/types';

export function pipeline(text: string, settings = DEFAULT_SETTINGS): { doc: ParsedDocument; model: PostmortemModel; findings: Finding[] } {
  const doc = new DocumentParser().parse('file:///w/postmortems/rw.md', 1, text);
  const model = buildModel(doc, settings, true);
  const findings = computeFindings(model, settings, SchemaValidator.builtIn(nullLogger), new Date('2024-07-01T00:00:00Z'));
  return { doc, model, findings };
}

export const codes = (fs: Finding[]): string[] => fs.map((f) => f.code);
