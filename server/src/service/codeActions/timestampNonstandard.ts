/** `timestamp-nonstandard`: write the time in the document's dominant form. */
import { TextEdit } from 'vscode-languageserver-types';
import { isRecord, type Fix } from './types';

export const timestampNonstandardFix: Fix<'timestamp-nonstandard'> = {
  code: 'timestamp-nonstandard',
  read(data) {
    return isRecord(data) && typeof data.normalized === 'string' && data.normalized
      ? { index: typeof data.index === 'number' ? data.index : -1, normalized: data.normalized } : undefined;
  },
  fixes: (_context, { normalized }, diagnostic) => [{ title: `Write the time as '${normalized}'`, edits: [TextEdit.replace(diagnostic.range, normalized)], isPreferred: true }],
};
