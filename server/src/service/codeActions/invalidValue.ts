/** `invalid-value`: replace the value with one the schema allows (at most MAX_VALUE_CHOICES choices). */
import { TextEdit } from 'vscode-languageserver-types';
import { isRecord, strings, type Fix } from './types';

const MAX_VALUE_CHOICES = 6;

export const invalidValueFix: Fix<'invalid-value'> = {
  code: 'invalid-value',
  read(data) {
    if (!isRecord(data)) return undefined;
    return { key: typeof data.key === 'string' ? data.key : '', allowed: strings(data.allowed), pointer: typeof data.pointer === 'string' ? data.pointer : '' };
  },
  fixes(_context, { allowed }, diagnostic) {
    return allowed.slice(0, MAX_VALUE_CHOICES).map((value, i) => ({
      title: `Change to '${value}'`, edits: [TextEdit.replace(diagnostic.range, value)], isPreferred: i === 0 && allowed.length === 1,
    }));
  },
};
