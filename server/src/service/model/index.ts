/**
 * The model of a parsed document: metadata, sections, timeline, action items, impact and metrics.
 * Every reader is guarded: one that fails leaves its part empty rather than losing the whole model.
 */
import type { Blocks, Metadata, PostmortemModel, Section, TimelineEntry, ActionItem, ImpactFigures, Metric } from '../../../../common/model';
import type { PostmortemSettings } from '../../../../common/settings';
import type { ParsedDocument } from '../types';
import { readMetadata } from './metadata';
import { readSections } from './sections';
import { readTimeline } from './timeline';
import { readActionItems } from './actionItems';
import { readImpact } from './impact';
import { applyKeyMoments } from './keyMoments';
import { computeMetrics } from './metrics';
import { readBlocks } from './blocks';
import { markOrder } from './order';

function guard<T>(fallback: T, read: () => T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

export function buildModel(doc: ParsedDocument, settings: PostmortemSettings, isPostmortem: boolean): PostmortemModel {
  const metadata: Metadata = guard<Metadata>({ frontmatter: null, participants: [], services: [], times: {}, extra: {} }, () => readMetadata(doc, settings));
  const sections: Section[] = guard<Section[]>([], () => readSections(doc));
  const timeline: TimelineEntry[] = guard<TimelineEntry[]>([], () => readTimeline(doc, sections, metadata, settings));
  guard(undefined, () => applyKeyMoments(metadata, timeline));
  guard(undefined, () => markOrder(timeline));
  const actionItems: ActionItem[] = guard<ActionItem[]>([], () => readActionItems(doc, sections));
  const impact: ImpactFigures = guard<ImpactFigures>({ quantified: false, figures: [] }, () => readImpact(doc, sections, metadata));
  const metrics: Metric[] = guard<Metric[]>([], () => computeMetrics(metadata, settings));
  const blocks: Blocks = guard<Blocks>({ code: [], tables: [], prose: [] }, () => readBlocks(doc));
  return {
    uri: doc.uri,
    version: doc.version,
    isPostmortem,
    metadata,
    sections,
    timeline,
    actionItems,
    impact,
    metrics,
    blocks,
    lineCount: doc.lineStarts.length,
  };
}
