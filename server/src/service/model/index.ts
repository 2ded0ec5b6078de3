/**
 * The model of a parsed document: metadata, sections, timeline, action items, impact and metrics.
 * Every reader is guarded: one that fails leaves its part empty rather than losing the whole model, and is logged
 * with its name (a reader that throws is a bug: the fuzz suite fails on it).
 */
import type { Blocks, Metadata, PostmortemModel, Section, TimelineEntry, ActionItem, ImpactFigures, Metric } from '../../../../common/model';
import type { PostmortemSettings } from '../../../../common/settings';
import { type Logger, nullLogger, type ParsedDocument } from '../types';
import { readMetadata } from './metadata';
import { readSections } from './sections';
import { readTimeline } from './timeline';
import { readActionItems } from './actionItems';
import { readImpact } from './impact';
import { applyKeyMoments } from './keyMoments';
import { computeMetrics } from './metrics';
import { readBlocks } from './blocks';
import { markOrder } from './order';

export function buildModel(doc: ParsedDocument, settings: PostmortemSettings, isPostmortem: boolean, logger: Logger = nullLogger): PostmortemModel {
  const guard = <T>(reader: string, fallback: T, read: () => T): T => {
    try {
      return read();
    } catch (error) {
      logger.error(`Model reader '${reader}' failed on ${doc.uri} (version ${doc.version}); its part of the model is left empty`, error);
      return fallback;
    }
  };
  const metadata: Metadata = guard<Metadata>('metadata', { frontmatter: null, participants: [], services: [], times: {}, extra: {} }, () => readMetadata(doc, settings));
  const sections: Section[] = guard<Section[]>('sections', [], () => readSections(doc));
  const timeline: TimelineEntry[] = guard<TimelineEntry[]>('timeline', [], () => readTimeline(doc, sections, metadata, settings));
  guard('keyMoments', undefined, () => applyKeyMoments(metadata, timeline));
  guard('order', undefined, () => markOrder(timeline));
  const actionItems: ActionItem[] = guard<ActionItem[]>('actionItems', [], () => readActionItems(doc, sections));
  const impact: ImpactFigures = guard<ImpactFigures>('impact', { quantified: false, figures: [] }, () => readImpact(doc, sections, metadata));
  const metrics: Metric[] = guard<Metric[]>('metrics', [], () => computeMetrics(metadata, settings));
  const blocks: Blocks = guard<Blocks>('blocks', { code: [], tables: [], prose: [] }, () => readBlocks(doc));
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
