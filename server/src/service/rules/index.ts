/** All rules, in the order their findings are reported. The façade adds `document-too-large`; the schema adds its own codes. */
import type { Rule } from '../types';
import { actionItemDueTooLate } from './actionItemDueTooLate';
import { actionItemFields } from './actionItemFields';
import { actionItemMissingField } from './actionItemMissingField';
import { blameLanguage } from './blameLanguage';
import { emptySection } from './emptySection';
import { impactNotQuantified } from './impactNotQuantified';
import { placeholder } from './placeholder';
import { resolvedBeforeStarted } from './resolvedBeforeStarted';
import { timelineOrder } from './timelineOrder';
import { timelineStartsLate } from './timelineStartsLate';
import { timestampNonstandard } from './timestampNonstandard';
import { timestampUnparseable } from './timestampUnparseable';

export const rules: Rule[] = [
  timelineOrder,
  timelineStartsLate,
  resolvedBeforeStarted,
  impactNotQuantified,
  emptySection,
  actionItemFields,
  actionItemMissingField,
  actionItemDueTooLate,
  placeholder,
  blameLanguage,
  timestampUnparseable,
  timestampNonstandard,
];
