/**
 * What a title or a label says about action items: a section or label that holds them (and not the actions taken
 * during the response), a part that lists something else or items already done, the type a title sets, and whether a
 * sub-heading is itself an item. Separate because lists and sections both read their context from it.
 */
import type { ActionItemType } from '../../../../common/model';
import { plainText } from './timeline/text';

export const SECTION_TITLE = /\baction items?\b|\bactions?\b.*\b(?:planned|follow[- ]?ups?)\b|\bcorrective\b|\bpreventa?tive\b|\bfollow[- ]?ups?(?: actions| items)?\b|\bnext steps\b|\bremediation items\b|\bto-?dos?\b/i;
export const NOT_ACTIONS = /\btaken\b|\btime\s?line\b|\bduring the (?:incident|response)\b/i;
export const LABEL = /^(?:action items?|actions? (?:planned|taken)|corrective (?:and preventa?tive )?(?:actions|measures)|follow[- ]?up actions?|next steps)\s*:?$/i;

export function typeFromTitle(title: string): ActionItemType | undefined {
  if (/\bcorrective\b/i.test(title)) return undefined; // "Corrective and preventative": no single kind
  if (/\bprevent/i.test(title)) return 'prevent';
  if (/\bdetect|\bmonitor|\balert/i.test(title)) return 'detect';
  if (/\bmitigat/i.test(title)) return 'mitigate';
  if (/\bprocess|\bdocument|\btraining|\bcommunicat/i.test(title)) return 'process';
  return undefined;
}

/** A sub-section of the action items that lists something else (problems found, findings, risks). */
export const NOT_ITEMS = /^(?:identified |known |open |remaining )?(?:problems?|issues?|findings?|risks?|observations?|symptoms?)$/;
/**
 * A sub-section (or label) whose items are already done: "Completed", "Done", "Already done", "Actions taken",
 * "Completed action items", "Items already implemented", "What we have already done". Over normalised titles.
 */
export const DONE_TITLE = /^(?:(?:already )?(?:completed?|done|finished|implemented|resolved|shipped)(?: (?:action items?|actions?|items?|tasks?|work|follow ups?|remediations?))?|(?:action items?|actions?|items?|tasks?|steps|work|follow ups?|remediations?) (?:already )?(?:taken|completed?|done|finished|implemented|shipped)(?: so far)?|already (?:taken|in place)|what we(?: ve| have)? (?:already )?done(?: so far)?)$/;

/**
 * A sub-heading that is itself an action ("Removal of the legacy flag", "Add a canary stage"), not a category
 * ("Repo2docker", "Process", "Detection"): a few words, and not a kind of action item.
 */
export function isItemHeading(title: string): boolean {
  const words = plainText(title).replace(/[:.]\s*$/, '').split(/\s+/).filter(Boolean);
  if (words.length < 3 || SECTION_TITLE.test(title)) return false;
  // "Monitoring and alerting", "Process improvements": a kind of item, in a few words.
  return !(typeFromTitle(title) && words.length <= 3);
}
