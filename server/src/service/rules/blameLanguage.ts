/**
 * Blame language: words that attribute the incident to a person. Conservative: phrases that are about
 * people by themselves ("human error", "careless", "should have known") are always reported; ambiguous
 * words ("fault", "blame", "mistake", "messed up", "forgot") only with a person in the same sentence
 * (an @mention, a name from the metadata, "he/she", "the engineer"...). Not in code or frontmatter.
 */
import type { PostmortemModel } from '../../../../common/model';
import type { Rule } from '../types';
import { Memo } from '../memo';

const ALWAYS = ['human error', 'careless', 'carelessly', 'carelessness', 'negligent', 'negligence', 'should have known', 'should have known better',
  'screwed up', 'his mistake', 'her mistake', 'his fault', 'her fault', 'whose fault', 'incompetent', 'incompetence', 'dropped the ball'];
const NEAR_PERSON = ['fault', 'faults', 'blame', 'blamed', 'blaming', 'mistake', 'mistakes', 'messed up', 'forgot', 'failed to notice', 'not paying attention', 'lazy', 'stupid', 'sloppy'];

const PRONOUNS = /\b(he|she|him|her|his|hers)\b/i;
const PERSON_NOUNS = /\b(engineer|developer|operator|admin|administrator|intern|contractor|on-?call(?:er)?|employee|teammate|colleague|sre)s?\b/i;
const MENTION = /(^|[^\w@])@[A-Za-z0-9][\w.-]*/;
const NEGATED = /\b(no|not|don't|do not|never|without|avoid)\s+(?:\w+\s+){0,2}$/i;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function phraseRegex(terms: string[]): RegExp | null {
  const list = [...new Set(terms.map((t) => t.trim().toLowerCase()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (!list.length) return null;
  return new RegExp(`(?<![\\w-])(${list.map((t) => escape(t).replace(/\s+/g, '\\s+')).join('|')})(?![\\w-])`, 'gi');
}

/** Names from the metadata and action items ("Alice Smith (IC)" -> "Alice Smith", "Alice"). */
function namesRegex(model: PostmortemModel): RegExp | null {
  const names = new Set<string>();
  const add = (v: string | undefined) => {
    if (!v) return;
    const clean = v.replace(/\(.*?\)/g, '').replace(/^@/, '').trim();
    if (clean.length >= 3 && clean.length <= 60) names.add(clean);
    const firstName = clean.split(/\s+/)[0];
    if (firstName && firstName.length >= 3 && /^[A-Z]/.test(firstName)) names.add(firstName);
  };
  const md = model.metadata;
  md.participants.forEach((p) => add(p.value));
  add(md.owner?.value);
  model.actionItems.forEach((i) => add(i.owner?.value));
  const list = [...names].slice(0, 200);
  return list.length ? new RegExp(`\\b(${list.map(escape).join('|')})\\b`) : null;
}

type Found = { start: number; end: number; term: string };

/** Terms found in prose lines, by the line's text, for the terms and names (`key`) they were looked for with. */
let found: { key: string; lines: Memo<Found[]> } = { key: '', lines: new Memo() };

export const blameLanguage: Rule = {
  code: 'blame-language',
  description: 'Wording that blames a person ("human error", "careless", "his fault"); blameless postmortems describe the conditions that made an action possible.',
  defaultSeverity: 'warning',
  check({ model, settings }) {
    const always = phraseRegex([...ALWAYS, ...(settings.blameTerms ?? [])]);
    const near = phraseRegex(NEAR_PERSON);
    const names = namesRegex(model);
    const key = [always, near, names].map((re) => re?.source ?? '').join('\u0000');
    if (key !== found.key) found = { key, lines: new Memo() };
    const hasPerson = (s: string) => MENTION.test(s) || PRONOUNS.test(s) || PERSON_NOUNS.test(s) || (names?.test(s) ?? false);
    const termsIn = (line: string): Found[] => {
      const terms: Found[] = [];
      for (const [re, needsPerson] of [[always, false], [near, true]] as const) {
        if (!re) continue;
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(line))) {
          const start = m.index;
          const end = start + m[0].length;
          if (needsPerson) {
            const before = line.slice(0, start);
            if (/\bgit\s+$/i.test(before) || NEGATED.test(before)) continue;
            const sStart = Math.max(before.search(/[^.!?;]*$/), 0);
            const rest = line.slice(end);
            const stop = rest.search(/[.!?;](\s|$)/);
            const sentence = line.slice(sStart, stop === -1 ? line.length : end + stop);
            if (!hasPerson(sentence)) continue;
          }
          if (terms.some((f) => f.start <= start && f.end >= end)) continue;
          terms.push({ start, end, term: m[0] });
        }
      }
      return terms;
    };
    const out: ReturnType<Rule['check']> = [];
    for (const { text: line, line: lineNo } of model.blocks.prose) {
      for (const { start, end, term } of found.lines.get(line, termsIn)) {
        out.push({ code: 'blame-language', data: { term: term.toLowerCase() },
          range: { start: { line: lineNo, character: start }, end: { line: lineNo, character: end } },
          message: `'${term}' blames a person. Blameless postmortems describe the conditions that made the action possible (missing guardrails, confusing tooling, unclear runbooks, alert fatigue) so people can say what really happened; describe what the system allowed instead.` });
      }
    }
    return out;
  },
};
