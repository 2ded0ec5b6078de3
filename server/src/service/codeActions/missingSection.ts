/** `missing-section`: insert the section at its canonical place with a skeleton (one fix per missing section). */
import type { SectionKind } from '../../../../common/model';
import { insertSectionEdit, insertSectionsEdits } from '../edits';
import { SECTION_TITLES } from '../model/sections';
import { isRecord, strings, type Fix } from './types';

const isKind = (k: unknown): k is Exclude<SectionKind, 'other'> => typeof k === 'string' && k in SECTION_TITLES && k !== 'other';

export const missingSectionFix: Fix<'missing-section'> = {
  code: 'missing-section',
  read(data) {
    if (!isRecord(data) || !isKind(data.kind)) return undefined;
    const also = strings(data.also).filter(isKind);
    return also.length ? { kind: data.kind, also } : { kind: data.kind };
  },
  fixes({ doc, model }, data) {
    const kinds = [data.kind, ...(data.also ?? [])].filter((k) => !model.sections.some((s) => s.kind === k));
    const each = kinds.map((kind, i) => ({ title: `Insert section '${SECTION_TITLES[kind]}'`, edits: [insertSectionEdit(doc, model, kind)], isPreferred: i === 0 && kinds.length === 1 }));
    if (kinds.length < 2) return each;
    return [{ title: `Insert the ${kinds.length} missing sections`, edits: insertSectionsEdits(doc, model, kinds), isPreferred: true }, ...each];
  },
};
