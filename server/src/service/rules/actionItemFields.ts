/**
 * Action items without the fields the team requires. A reviewer says "4 of 6 action items have no owner" once, not
 * once per row: this rule reports one finding for the document's action items (with a fix that fills them all), and
 * `action-item-missing-field` marks each item (a hint; a warning with `postmortem.strict`).
 * Which fields are required is the schema's choice (`actionItems.items.required`: the owner by default);
 * `postmortem.strict` adds the due date and the type.
 */
import type { ActionItem, PostmortemModel, Range } from '../../../../common/model';
import type { ActionItemField, ItemMissing } from '../codes';
import type { Rule, RuleContext } from '../types';
import { orList } from './util';

/** Fields strict checking requires on every open item, on top of the schema's. */
const STRICT_FIELDS: readonly ActionItemField[] = ['owner', 'due', 'type'];
const ORDER: readonly ActionItemField[] = ['owner', 'due', 'type', 'priority', 'ticket'];

export const FIELD_NAMES: Record<ActionItemField, string> = {
  owner: 'an owner', due: 'a due date', type: 'a type (prevent, detect, mitigate or process)', priority: 'a priority', ticket: 'a ticket',
};

/** The fields every open item must have, in a stable order. */
export function requiredFields({ settings, schema }: Pick<RuleContext, 'settings' | 'schema'>): ActionItemField[] {
  const wanted = new Set<ActionItemField>(schema.actionItemRequired);
  if (settings.strict) STRICT_FIELDS.forEach((f) => wanted.add(f));
  return ORDER.filter((f) => wanted.has(f));
}

export function missingOf(item: ActionItem, fields: readonly ActionItemField[]): ActionItemField[] {
  return fields.filter((f) => !item[f] || !String(item[f]!.value).trim());
}

/**
 * Where the one finding goes: the first action-item section's heading (items may be spread over several sections
 * and sub-sections, "Completed" / "Planned"; a reviewer still says it once), else the first item.
 */
function anchorOf(model: PostmortemModel, first: ActionItem): Range {
  return model.sections.find((s) => s.kind === 'action_items')?.headingRange ?? first.range;
}

export const actionItemFields: Rule<'action-item-fields'> = {
  code: 'action-item-fields',
  description: 'Action items without the fields the schema requires (the owner by default; with postmortem.strict also a due date and a type): one finding for all of them, with a fix that fills them.',
  defaultSeverity: 'warning',
  check(context) {
    const fields = requiredFields(context);
    if (!fields.length) return [];
    const open = context.model.actionItems.filter((i) => !i.done);
    const missing: ItemMissing[] = open.map((i) => ({ id: i.id, line: i.range.start.line, missing: missingOf(i, fields) })).filter((m) => m.missing.length);
    if (!missing.length) return [];
    const lacking = fields.filter((f) => missing.some((m) => m.missing.includes(f)));
    const counts = lacking.map((f) => ({ f, n: missing.filter((m) => m.missing.includes(f)).length }));
    const what = counts.map(({ f, n }, i) => `${i === 0 ? '' : `${n} `}no ${FIELD_NAMES[f].replace(/^an? /, '').replace(/ \(.*\)$/, '')}`);
    const first = counts[0]!.n;
    const head = `${first} of ${open.length} open action item${open.length === 1 ? '' : 's'} ${first === 1 ? 'has' : 'have'} ${what[0]}`;
    const rest = what.slice(1);
    const byId = new Map(open.map((i) => [i.id, i]));
    const related = missing.map((m) => byId.get(m.id)!).map((i) => ({ range: i.range, message: i.text }));
    const anchor = anchorOf(context.model, byId.get(missing[0]!.id)!);
    return [{ code: 'action-item-fields', range: anchor, data: { items: missing, fields: lacking }, related,
      message: `${head}${rest.length ? `, ${rest.join(', ')}` : ''}. Give each ${orList(lacking.map((f) => FIELD_NAMES[f]))}: items without an owner and a date rarely get done.` }];
  },
};
