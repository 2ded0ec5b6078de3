/**
 * Action items without the fields the team requires. A reviewer says "4 of 6 action items have no owner" once, not
 * once per row: this rule reports one finding per action-item section (with a fix that fills them all), and
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

/** Open items grouped by the action-item section they are written in (items outside one form a group of their own). */
export function itemGroups(model: PostmortemModel): { anchor: Range; items: ActionItem[] }[] {
  const groups = new Map<number, { anchor: Range; items: ActionItem[] }>();
  for (const item of model.actionItems) {
    let index = -1;
    model.sections.forEach((s, i) => {
      if (s.kind !== 'action_items') return;
      const { start, end } = s.range;
      const at = item.range.start;
      if (at.line >= start.line && (at.line < end.line || (at.line === end.line && at.character <= end.character))) index = i;
    });
    const group = groups.get(index) ?? { anchor: index >= 0 ? model.sections[index]!.headingRange : item.range, items: [] };
    group.items.push(item);
    groups.set(index, group);
  }
  return [...groups.values()];
}

export const actionItemFields: Rule<'action-item-fields'> = {
  code: 'action-item-fields',
  description: 'Action items without the fields the schema requires (the owner by default; with postmortem.strict also a due date and a type): one finding per action-item section, with a fix for all of them.',
  defaultSeverity: 'warning',
  check(context) {
    const fields = requiredFields(context);
    if (!fields.length) return [];
    const out: ReturnType<Rule['check']> = [];
    for (const { anchor, items } of itemGroups(context.model)) {
      const open = items.filter((i) => !i.done);
      const missing: ItemMissing[] = open.map((i) => ({ id: i.id, missing: missingOf(i, fields) })).filter((m) => m.missing.length);
      if (!missing.length) continue;
      const lacking = fields.filter((f) => missing.some((m) => m.missing.includes(f)));
      const counts = lacking.map((f) => ({ f, n: missing.filter((m) => m.missing.includes(f)).length }));
      const what = counts.map(({ f, n }, i) => `${i === 0 ? '' : `${n} `}no ${FIELD_NAMES[f].replace(/^an? /, '').replace(/ \(.*\)$/, '')}`);
      const first = counts[0]!.n;
      const head = `${first} of ${open.length} open action item${open.length === 1 ? '' : 's'} ${first === 1 && open.length === 1 ? 'has' : 'have'} ${what[0]}`;
      const rest = what.slice(1);
      out.push({ code: 'action-item-fields', range: anchor, data: { items: missing, fields: lacking },
        message: `${head}${rest.length ? `, ${rest.join(', ')}` : ''}. Give each ${orList(lacking.map((f) => FIELD_NAMES[f]))}: items without an owner and a date rarely get done.` });
    }
    return out;
  },
};
