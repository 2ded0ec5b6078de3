/**
 * What kind of section a title names: by name (PATTERNS), else by meaning (MEANINGS), with one-letter typos corrected.
 */
import type { SectionKind } from '../../../../common/model';

/**
 * "Response and Recovery" is `response`: such a section tells what the responders did, up to recovery; a separate
 * resolution section (what fixed it for good) can still be written, whereas reading it as `resolution` would ask for a
 * "Response" section the document already has.
 *
 * Patterns over the normalised title (lower case, numbering/emoji/punctuation/"(UTC)" suffixes removed).
 * Order matters: the first match wins (e.g. "what went well" before "lessons", "action items" before "remediation").
 */
const PATTERNS: [SectionKind, RegExp][] = [
  ['what_went_well', /^(?:what|things that) went (?:well|right)$|^(?:what|things) we did well$|^went well$|^the good$/],
  ['what_went_wrong', /^(?:what|things that) (?:went (?:wrong|poorly|badly)|didn ?t go (?:so |very )?well|could have gone better|did not go (?:so |very )?well)$|^(?:what|things) (?:we could improve|to improve)$|^went (?:wrong|poorly)$|^the bad$/],
  ['where_we_got_lucky', /^where we got lucky$|^(?:what|things that) (?:we got lucky|got lucky)(?: with| on)?$|^lucky breaks?$/],
  ['action_items', /^(?:(?:post incident |follow up |open )?action items?(?:(?: and)? follow ups?)?|(?:preventive|preventative|recommended|planned|proposed|future|further) (?:enhancements?|improvements?|measures|work|works|plans?)|actions? items|(?:blameless )?corrective (?:and prevent(?:at)?ive )?(?:actions?|measures)|prevent(?:at)?ive (?:actions?|measures)|follow ?ups?(?: actions?| items?| tasks?)?|follow up (?:actions?|items?|tasks?)|next steps|remediation (?:items?|tasks?|plan)|improvements|tasks|todos?|to dos?|action plan|actions|(?:future|planned|proposed) (?:work|improvements|actions)|recommendations)$/],
  ['lessons_learned', /^(?:lessons?(?: (?:learned|learnt))?|learnings?|takeaways?|key takeaways|retrospective|reflections?|what we learned|what did we learn)$/],
  ['timeline', /^(?:(?:incident |event |detailed |response |outage )?time ?line(?: of events)?|chronology|sequence of events|.+ (?:response )?time ?line|time ?line .+)$/],
  ['summary', /^(?:(?:incident |issue |executive |problem )?(?:summary|overview)|background|tl ?;? ?dr|tldr|description|(?:incident |issue )?description|abstract|background and summary|what happened)$/],
  ['impact', /^(?:(?:customer |user |business |service |potential |incident )?impact(?: (?:summary|analysis|assessment))?|summary of (?:the )?impact|affected .+|who was affected|blast radius)$/],
  ['contributing_factors', /^(?:root causes?(?: analysis| identification.*| of (?:the )?.+| and (?:the )?(?:triggers?|contributing factors?))?|(?:triggers?|contributing factors?) and (?:the )?root causes?|(?:the )?(?:5 |five )?whys|conclusions?|rca|contributing factors?|causes?|trigger|triggers|fault|why did (?:this|it) happen|how did this happen|five whys|5 whys|the vulnerability|vulnerability details|(?:root )?cause and (?:effect|contributing factors)|what caused (?:this|it|the (?:incident|outage)))$/],
  ['detection', /^(?:detection|how (?:was it|it was|we) detected|monitoring and detection|alerting)$/],
  ['response', /^(?:(?:incident )?response(?: and (?:recovery|resolution|mitigation|remediation))?|escalation|how we responded)$/],
  ['resolution', /^(?:resolution|recovery|mitigation|mitigations|remediation(?: actions taken)?|(?:the )?fix(?: implemented)?|how (?:it was|we) (?:fixed|resolved|mitigated)|resolution and recovery|recovery and resolution|mitigation and (?:resolution|recovery))$/],
  ['supporting_information', /^(?:appendix|appendices|apendix|appendinx|logs?|references?|supporting (?:information|documents?|materials?)|further reading|links|related (?:links|documents|issues)|glossary|indicators of compromise|additional information|graphs|chat logs?)$/],
];

/** Lower-case, strip numbering ("3.", "III.", "A)"), emoji, trailing colons and parenthesised suffixes. */
export function normaliseTitle(title: string): string {
  let t = title.normalize('NFKC').toLowerCase();
  t = t.replace(/[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}\u{2B00}-\u{2BFF}\u{FE0F}\u{200D}]/gu, ' ');
  t = t.replace(/[*_`~]/g, '');
  t = t.replace(/^\s*(?:(?:\d+(?:\.\d+)*|[ivxlc]+|[a-h])[.):]\s+|\d+(?:\.\d+)*\s+)/, '');
  t = t.replace(/\s*\([^)]*\)\s*/g, ' ');
  t = t.replace(/\s*\[[^\]]*\]\s*/g, ' ');
  t = t.replace(/&/g, ' and ').replace(/[’']/g, ' ').replace(/[^\p{L}\p{N};]+/gu, ' ').trim();
  t = t.replace(/\s+(?:in|all times) (?:utc|gmt|[a-z]{2,4}t)$/, '').replace(/\s+(?:utc|gmt)$/, '');
  return t.replace(/\s+/g, ' ');
}

/**
 * When no name matches, what the title is about: phrasings ("What was impacted", "What we're doing about it"),
 * questions ("Were we alerted quickly?") and descriptive titles ("Origin of the incident", "How it is fixed").
 * Checked in order over the whole normalised title; conditional improvement ("what we could do") is a lesson,
 * not an action item.
 */
const MEANINGS: [SectionKind, RegExp][] = [
  ['timeline', /\btime ?line\b|\bchronolog/],
  ['lessons_learned', /\b(?:lessons?|learn(?:ed|t|ings?)|takeaways?|final thoughts|closing thoughts|reflections?|what we could (?:do|have done|improve)|possible improvements|areas? (?:for|of) improvement|retrospective)\b/],
  ['where_we_got_lucky', /\bgot lucky\b/],
  ['action_items', /\b(?:doing about it|going to do|(?:we will|we ll|will we) (?:do|change)|looking forward|going forward|future (?:work|works|improvements?)|next (?:steps?|actions?)|follow ?ups?|action items?|to ?dos?|improvement plan|action plan|prevent (?:this|it|a recurrence|recurrence)|post incident actions?|prevention)\b/],
  ['impact', /\b(?:impact(?:ed)?|affected|blast radius|who was hit)\b/],
  ['detection', /\b(?:alerted|alerting|detect(?:ed|ion)?|notic(?:e|ed|ing)|discover(?:ed|y)|diagnos(?:is|e|ed|ing))\b/],
  ['contributing_factors', /\b(?:causes?|caused|origin of|(?:5|five) whys|why (?:did|was|wasn t|were|it|this|the)|went wrong technically)\b/],
  ['resolution', /\b(?:fix(?:ed|es)?|resolv(?:ed|e)|recover(?:ed|y)|restor(?:ed|e|ing)|mitigat\w*|remediat\w*|workarounds?|solution|(?:actions?|steps) taken)\b/],
  ['response', /\b(?:respon(?:se|d|ded|ding)|escalat\w*)\b/],
  ['summary', /\b(?:summary|overview|tl ?;? ?dr|what happened|introduction|background)\b/],
  ['supporting_information', /\b(?:appendix|appendices|attachments?|supporting documentation|related (?:records|tickets|incidents))\b/],
];

/** Words section titles are made of, for correcting one-letter typos ("Timline", "Summery", "Lesons"). */
const VOCABULARY = [
  'summary', 'overview', 'impact', 'timeline', 'chronology', 'detection', 'response', 'resolution', 'recovery', 'mitigation',
  'remediation', 'lessons', 'learned', 'action', 'actions', 'items', 'corrective', 'preventive', 'preventative', 'contributing',
  'factors', 'causes', 'appendix', 'references', 'takeaways', 'background', 'description', 'retrospective', 'incident', 'affected',
  'followups', 'improvements', 'supporting', 'information', 'analysis',
];

/** Damerau-Levenshtein distance at most 1 (one insertion, deletion, substitution or swap). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function correctTypos(t: string): string {
  // A plural or singular of a known word is a word, not a typo ("improvement", "learning").
  const known = (w: string) => VOCABULARY.includes(w) || VOCABULARY.includes(`${w}s`) || VOCABULARY.includes(w.replace(/s$/, ''));
  return t.split(' ').map((w) => (w.length < 5 || known(w) ? w : VOCABULARY.find((v) => withinOneEdit(w, v)) ?? w)).join(' ');
}

/** The kind a title names, and whether it was read from its meaning rather than a section name. */
export function classifyTitle(title: string): { kind: SectionKind; byMeaning: boolean } {
  const raw = normaliseTitle(title);
  if (!raw) return { kind: 'other', byMeaning: false };
  for (const t of [raw, correctTypos(raw)]) for (const [kind, re] of PATTERNS) if (re.test(t)) return { kind, byMeaning: false };
  const t = correctTypos(raw);
  // Only titles that read as a section name: a date, a time or a long sentence is not one.
  if (/^\d/.test(t) || t.split(' ').length > 14) return { kind: 'other', byMeaning: false };
  for (const [kind, re] of MEANINGS) if (re.test(t)) return { kind, byMeaning: true };
  return { kind: 'other', byMeaning: false };
}

export function classifySection(title: string): SectionKind {
  return classifyTitle(title).kind;
}

/** Kinds that are a part of the lessons ("Improvements" under "Lessons learned" are what could have gone better). */
export const LESSON_KINDS: ReadonlySet<SectionKind> = new Set(['lessons_learned', 'what_went_well', 'what_went_wrong', 'where_we_got_lucky']);
/** Sections whose sub-sections are their topics, not sections of their own kind. */
export const CONTAINERS: ReadonlySet<SectionKind> = new Set([...LESSON_KINDS, 'action_items', 'timeline']);

