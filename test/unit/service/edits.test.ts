import assert from 'node:assert/strict';
import { CORPUS_DIR } from '../../corpus/helpers';
import { DocumentParser } from '../../../server/src/service/parse';
import { buildModel } from '../../../server/src/service/model/index';
import { insertSectionEdit, insertSectionsEdits, sectionSkeleton, sortTimelineEdits, targetDueDate } from '../../../server/src/service/edits';
import fs from 'node:fs';
import path from 'node:path';
import { SECTION_ORDER } from '../../../common/model';
import type { PostmortemModel } from '../../../common/model';
import type { ParsedDocument } from '../../../server/src/service/types';
import { lineText } from '../../../server/src/service/model/ranges';
import { getCompletions } from '../../../server/src/service/completions';
import { actionItemFieldsEdits } from '../../../server/src/service/codeActions';
import { getHover } from '../../../server/src/service/hover';
import { getDocumentSymbols } from '../../../server/src/service/symbols';
import { getFoldingRanges } from '../../../server/src/service/folding';
import { apply, modelOf, realModelOf, parsed, schema, settings, URI } from './editingFixtures';

describe('edits: section skeletons', () => {
  it('leaves TODO prompts the author must fill', () => {
    assert.equal(sectionSkeleton('impact'), '- Duration: TODO\n- Customers affected: TODO\n- Customers reporting: TODO\n- Business metric: TODO');
    assert.match(sectionSkeleton('timeline'), /^\| Time \(UTC\) \| Event \|\n\| --- \| --- \|\n\| TODO \|/);
    assert.match(sectionSkeleton('action_items'), /\(owner: @TODO, due: YYYY-MM-DD, type: prevent\)$/);
    assert.match(sectionSkeleton('lessons_learned'), /### What went well[\s\S]*### What went wrong[\s\S]*### Where we got lucky/);
  });
});

describe('edits: insertSectionEdit', () => {
  const base = '# Outage\n\n## Summary\n\nIt broke.\n\n## Timeline\n\n- 14:03 Alert fired\n\n## Action items\n\n- [ ] Fix it\n';

  it('inserts after the last section that comes before it in canonical order', () => {
    const { doc, model } = modelOf(base);
    const out = apply(base, [insertSectionEdit(doc, model, 'impact')]);
    assert.equal(out, '# Outage\n\n## Summary\n\nIt broke.\n\n## Impact\n\n- Duration: TODO\n- Customers affected: TODO\n- Customers reporting: TODO\n- Business metric: TODO\n\n## Timeline\n\n- 14:03 Alert fired\n\n## Action items\n\n- [ ] Fix it\n');
  });

  it('inserts before the first section that comes after it when none comes before', () => {
    const text = '# Outage\n\n## Timeline\n\n- 14:03 Alert fired\n';
    const { doc, model } = modelOf(text);
    assert.equal(apply(text, [insertSectionEdit(doc, model, 'summary')]),
      '# Outage\n\n## Summary\n\nTODO: what happened, who was affected and how it was resolved, in two or three sentences.\n\n## Timeline\n\n- 14:03 Alert fired\n');
  });

  it('appends at the end, after a last line without a line break', () => {
    const text = '## Summary\n\nIt broke.';
    const { doc, model } = modelOf(text);
    assert.equal(apply(text, [insertSectionEdit(doc, model, 'supporting_information')]),
      '## Summary\n\nIt broke.\n\n## Supporting information\n\n- TODO: links to dashboards, alerts, chat logs\n');
  });

  it('uses the depth of its siblings and skips their sub-sections', () => {
    const text = '# Outage\n\n## Lessons learned\n\n### What went well\n\n- Paging worked\n';
    const { doc, model } = modelOf(text);
    assert.equal(apply(text, [insertSectionEdit(doc, model, 'action_items')]),
      text + '\n## Action items\n\n- [ ] TODO: what will be done (owner: @TODO, due: YYYY-MM-DD, type: prevent)\n');
    assert.equal(apply(text, [insertSectionEdit(doc, model, 'where_we_got_lucky')]),
      text + '\n### Where we got lucky\n\n- TODO\n');
  });

  it('goes after the title (and frontmatter) when there is no section yet', () => {
    const text = '---\nseverity: SEV2\n---\n# Outage\n\nIntro.\n';
    const { doc, model } = modelOf(text);
    assert.equal(apply(text, [insertSectionEdit(doc, model, 'detection')]),
      text + '\n## Detection\n\nTODO: how and when was the problem noticed? How could it have been noticed sooner?\n');
  });

  it('groups several sections that land on one spot into one edit, in canonical order', () => {
    const text = '## Summary\n\nIt broke.\n\n## Action items\n\n- [ ] Fix\n';
    const { doc, model } = modelOf(text);
    const edits = insertSectionsEdits(doc, model, ['detection', 'impact', 'summary']);
    assert.equal(edits.length, 1);
    assert.equal(apply(text, edits), '## Summary\n\nIt broke.\n\n## Impact\n\n- Duration: TODO\n- Customers affected: TODO\n- Customers reporting: TODO\n- Business metric: TODO\n\n## Detection\n\nTODO: how and when was the problem noticed? How could it have been noticed sooner?\n\n## Action items\n\n- [ ] Fix\n');
  });

  it('keeps CRLF line breaks', () => {
    const text = '## Summary\r\n\r\nIt broke.\r\n\r\n## Timeline\r\n';
    const { doc, model } = modelOf(text.replace(/\r/g, ''));
    const crlfDoc = { ...doc, text, lineStarts: parsed(text).lineStarts };
    const out = apply(text, [insertSectionEdit(crlfDoc, model, 'impact')]);
    assert.ok(out.startsWith('## Summary\r\n\r\nIt broke.\r\n\r\n## Impact\r\n\r\n- Duration: TODO\r\n'));
    assert.ok(out.endsWith('Business metric: TODO\r\n\r\n## Timeline\r\n'));
  });
});

describe('edits: sortTimelineEdits', () => {
  it('sorts table rows in one edit', () => {
    const text = '## Timeline\n\n| Time | Event |\n| --- | --- |\n| 14:10 | Rolled back |\n| 14:03 | Alert fired |\n| 14:20 | Resolved |\n';
    const { doc, model } = modelOf(text);
    const edits = sortTimelineEdits(doc, model);
    assert.equal(edits.length, 1);
    assert.equal(apply(text, edits), '## Timeline\n\n| Time | Event |\n| --- | --- |\n| 14:03 | Alert fired |\n| 14:10 | Rolled back |\n| 14:20 | Resolved |\n');
  });

  it('keeps an entry without a time after its predecessor, and the sort stable', () => {
    const text = '## Timeline\n\n- 14:10 Rolled back\n- TODO check this\n- 14:03 Alert fired\n- 14:03 Paged on-call\n';
    const { doc, model } = modelOf(text);
    assert.equal(model.timeline[1]!.iso, null);
    assert.equal(apply(text, sortTimelineEdits(doc, model)),
      '## Timeline\n\n- 14:03 Alert fired\n- 14:03 Paged on-call\n- 14:10 Rolled back\n- TODO check this\n');
  });

  it('sorts heading blocks with their bodies and keeps the blank lines between them', () => {
    const text = '## Timeline\n\n### 14:30\n\nResolved.\n\n### 14:03\n\nAlert fired.\nPaged.\n\n## Action items\n';
    const { doc, model } = modelOf(text);
    assert.equal(apply(text, sortTimelineEdits(doc, model)),
      '## Timeline\n\n### 14:03\n\nAlert fired.\nPaged.\n\n### 14:30\n\nResolved.\n\n## Action items\n');
  });

  it('returns no edit when already sorted', () => {
    const text = '## Timeline\n\n- 14:03 Alert fired\n- 14:10 Rolled back\n';
    const { doc, model } = modelOf(text);
    assert.deepEqual(sortTimelineEdits(doc, model), []);
  });
});

describe('edits: action item fields', () => {
  it('appends the canonical suffix to a task item', () => {
    const text = '## Action items\n\n- [ ] Add alerting\n';
    const { model } = realModelOf(text);
    const edits = actionItemFieldsEdits(model, model.actionItems[0]!, { owner: '@TODO', due: '2024-06-01', type: 'prevent' });
    assert.equal(apply(text, edits), '## Action items\n\n- [ ] Add alerting (owner: @TODO, due: 2024-06-01, type: prevent)\n');
  });

  it('merges missing fields into an existing suffix and replaces a present one', () => {
    const text = '## Action items\n\n- [ ] Add alerting (owner: @alice, due: 2024-09-01)\n';
    const { model } = realModelOf(text);
    const edits = actionItemFieldsEdits(model, model.actionItems[0]!, { due: '2024-06-01', type: 'detect' });
    assert.equal(apply(text, edits), '## Action items\n\n- [ ] Add alerting (owner: @alice, due: 2024-06-01, type: detect)\n');
  });

  it('fills empty table cells and adds a missing column', () => {
    const text = '## Action items\n\n| Action | Owner | Due |\n| --- | --- | --- |\n| Add alerting |  | 2024-06-01 |\n| Fix pool | @bob | |\n';
    const { model } = realModelOf(text);
    const edits = actionItemFieldsEdits(model, model.actionItems[0]!, { owner: '@TODO', type: 'prevent' });
    assert.equal(apply(text, edits), '## Action items\n\n| Action | Owner | Due | Type |\n| --- | --- | --- | --- |\n| Add alerting | @TODO | 2024-06-01 | prevent |\n| Fix pool | @bob | |  |\n');
  });
});

describe('edits: targetDueDate', () => {
  it('adds the severity target days to the incident date', () => {
    const { model } = modelOf('---\nseverity: sev-2\ndate: 2024-05-01\n---\n# X\n');
    assert.deepEqual(targetDueDate(model, settings.actionItemTargetDays), { date: '2024-05-31', days: 30, severity: 'sev-2' });
  });
  it('is null without a severity', () => {
    const { model } = modelOf('# X\n');
    assert.equal(targetDueDate(model, settings.actionItemTargetDays), null);
  });
});

describe('editing features on the real documents of ../shared/corpus', function () {
  // Runs once the parser and model exist (engineers 1 and 2) and the corpus is beside the clone.
  const corpus = CORPUS_DIR;
  const files = fs.existsSync(corpus) ? fs.readdirSync(corpus).filter(f => f.endsWith('.md') && f !== 'README.md') : [];
  let build: ((text: string) => { doc: ParsedDocument; model: PostmortemModel }) | undefined;

  before(function () {
    // A missing corpus is a failure (CI and developers have ../shared beside the clone), never a skip.
    assert.ok(files.length > 0, `corpus not found at ${corpus}`);
    build = (text: string) => {
      const doc = new DocumentParser().parse(URI, 1, text);
      return { doc, model: buildModel(doc, settings, true) };
    };
  });

  it('gives applicable, non-overlapping edits, an idempotent sort and named symbols for every document', () => {
    for (const file of files) {
      const text = fs.readFileSync(path.join(corpus, file), 'utf8');
      const { doc, model } = build!(text);
      const sorted = apply(text, sortTimelineEdits(doc, model));
      const again = build!(sorted);
      assert.deepEqual(sortTimelineEdits(again.doc, again.model), [], `${file}: sorting twice changes nothing`);
      const all = model.timeline.length ? sortTimelineEdits(doc, model) : [];
      assert.equal(sorted.length, text.length, `${file}: sorting keeps every character`);
      for (const kind of SECTION_ORDER) {
        const out = apply(text, [insertSectionEdit(doc, model, kind)]);
        assert.ok(out.includes(text.slice(0, 20)), `${file}: ${kind} insert keeps the start`);
      }
      const missing = SECTION_ORDER.filter(k => !model.sections.some(s => s.kind === k));
      apply(text, [...all, ...insertSectionsEdits(doc, model, missing)]);
      const names = JSON.stringify(getDocumentSymbols(model));
      assert.ok(!names.includes('"name":""'), `${file}: no empty symbol name`);
      for (const f of getFoldingRanges(model)) assert.ok(f.endLine > f.startLine && f.endLine < doc.lineStarts.length, `${file}: folding ${f.startLine}-${f.endLine}`);
      for (let line = 0; line < doc.lineStarts.length; line++) {
        const position = { line, character: lineText(doc, line).length };
        getCompletions(doc, model, position, schema, settings, new Date('2024-05-01T14:03:00Z'));
        getHover(model, { line, character: 2 }, schema, settings);
      }
    }
  });
});
