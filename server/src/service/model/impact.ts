/**
 * Is the impact quantified? Figures (numbers with a unit: %, users/customers/requests/errors/orders...,
 * durations, money) in the impact section(s), outside their code blocks, or in the metadata's customers fields.
 */
import type { ImpactFigures, Located, Metadata, Section } from '../../../../common/model';
import type { ParsedDocument } from '../types';
import { proseSlice } from './blocks';
import { offsetAt, rangeFromOffsets } from './ranges';

const UNITS = 'users?|customers?|clients?|accounts?|requests?|errors?|orders?|sessions?|transactions?|queries|calls|jobs|builds|pods|nodes|failures|payments|messages|emails|tickets|projects|packages|crates|repos(?:itories)?|PRs|downloads|visitors|students|people|tenants|sites|services|hosts|servers';
const NUMBER = String.raw`(?<![\w.])\d(?:[\d,.]*\d)?(?:\s?(?:k|K|M|B|thousand|million|billion))?`;
const FIGURE = new RegExp(
  [
    String.raw`${NUMBER}\s?%`,
    String.raw`[$€£¥]\s?\d[\d,.]*(?:\s?(?:k|K|M|m|B|bn|million|billion))?`,
    String.raw`${NUMBER}\s?(?:USD|EUR|GBP|dollars|euros)\b`,
    String.raw`${NUMBER}\s+(?:[\w-]+\s+)?(?:${UNITS})\b`,
    // Any count of a plural noun with a thousands separator or a magnitude ("1,180 invoices", "6.2k webhooks").
    String.raw`(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:\s?(?:k|K|M|B|thousand|million|billion))?\s+[a-z][a-z-]*s\b`,
    String.raw`(?<![\w.])\d+(?:\.\d+)?\s?(?:k|K|M|B|thousand|million|billion)\s+[a-z][a-z-]*s\b`,
    String.raw`${NUMBER}\s?(?:minutes?|mins?|hours?|hrs?|h|days?|seconds?|secs?|weeks?)\b`,
    String.raw`\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|a few|several)\s+(?:minutes|hours|days)\b`,
  ].join('|'),
  'gi',
);

function isImpactSection(s: Section): boolean {
  return s.kind === 'impact' || /\bimpact\b/i.test(s.title);
}

export function findFigures(text: string): { value: string; start: number; end: number }[] {
  const out: { value: string; start: number; end: number }[] = [];
  FIGURE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FIGURE.exec(text))) out.push({ value: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

export function readImpact(doc: ParsedDocument, sections: Section[], metadata: Metadata): ImpactFigures {
  const figures: Located<string>[] = [];
  for (const s of sections.filter(isImpactSection)) {
    if (sections.some((o) => o !== s && isImpactSection(o) && o.range.start.line < s.range.start.line && o.range.end.line >= s.range.end.line)) continue;
    const start = offsetAt(doc, s.bodyRange.start);
    const end = offsetAt(doc, s.bodyRange.end);
    const body = proseSlice(doc, start, end);
    for (const f of findFigures(body)) figures.push({ value: f.value, range: rangeFromOffsets(doc, start + f.start, start + f.end), source: 'inline' });
  }
  for (const field of [metadata.customersAffected, metadata.customersReporting]) {
    if (field && /\d/.test(field.value)) figures.push({ value: field.value, range: field.range, source: field.source });
  }
  return { quantified: figures.length > 0, figures };
}
