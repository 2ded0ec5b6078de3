// The pure helpers the GitLab, Jira and Linear adapters share: markers read back out of bodies, the label set,
// the priority scale, and the Markdown -> ADF / wiki conversion of ticket bodies for Jira.
import assert from 'node:assert/strict';
import { markersIn, priorityRank, ticketLabels } from '../../core/trackers/drafts';
import { descriptionText, markdownToAdf, markdownToWiki } from '../../core/trackers/jiraBody';
import { TICKET_LABEL } from '../../core/trackers/types';
import { draft } from './support';

const BODY = [
  'Add an alert on **checkout** errors, see [runbook](https://example.com/r) and `alerts.yaml`.',
  '',
  '| Field | Value |',
  '| --- | --- |',
  '| Owner | @alice |',
  '| Note | a \\| b |',
  '',
  '- first',
  '- second',
  '',
  '<!-- postmortem-item: pm-1a2b3c4d -->',
].join('\n');

describe('tracker body and label helpers', () => {
  it('reads every marker out of a body, and none out of an empty one', () => {
    assert.deepEqual(markersIn('x <!-- postmortem-item: pm-1a2b3c4d --> y <!--postmortem-item:pm-99887766-->'), ['pm-1a2b3c4d', 'pm-99887766']);
    assert.deepEqual(markersIn(null), []);
    assert.deepEqual(markersIn('postmortem-item: pm-1a2b3c4d'), [], 'only the comment form counts');
  });

  it('labels: the extension\'s own first, then the team\'s and the item\'s, without duplicates or blanks', () => {
    const labels = ticketLabels({ kind: 'gitlab', labels: ['postmortem', ' '] }, draft(1, { labels: [TICKET_LABEL, 'postmortem', 'incident-42'] }), ['type::detect']);
    assert.deepEqual(labels, [TICKET_LABEL, 'postmortem', 'incident-42', 'type::detect']);
  });

  it('priority words and numbers map to one 1-4 scale; unknown words map to nothing', () => {
    const cases: [string, number | undefined][] = [['P0', 1], ['P1', 1], ['p2', 2], ['SEV3', 3], ['4', 4], ['Urgent', 1], ['high', 2], ['Medium', 3], ['low', 4], ['whenever', undefined]];
    for (const [word, rank] of cases) assert.equal(priorityRank(word), rank, word);
    assert.equal(priorityRank(undefined), undefined);
  });

  it('Markdown to ADF: paragraph with marks, table with header cells, bullet list, the marker as plain text', () => {
    const adf = markdownToAdf(BODY);
    assert.deepEqual(adf.content.map((b) => b.type), ['paragraph', 'table', 'bulletList', 'paragraph']);
    assert.deepEqual(adf.content[0], {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Add an alert on ' },
        { type: 'text', text: 'checkout', marks: [{ type: 'strong' }] },
        { type: 'text', text: ' errors, see ' },
        { type: 'text', text: 'runbook', marks: [{ type: 'link', attrs: { href: 'https://example.com/r' } }] },
        { type: 'text', text: ' and ' },
        { type: 'text', text: 'alerts.yaml', marks: [{ type: 'code' }] },
        { type: 'text', text: '.' },
      ],
    });
    const table = adf.content[1] as { content: { content: { type: string; content: { content: { text: string }[] }[] }[] }[] };
    assert.deepEqual(table.content.map((row) => row.content.map((cell) => cell.type)), [['tableHeader', 'tableHeader'], ['tableCell', 'tableCell'], ['tableCell', 'tableCell']]);
    assert.equal(table.content[2]!.content[1]!.content[0]!.content[0]!.text, 'a | b');
    assert.deepEqual(markersIn(descriptionText(adf)), ['pm-1a2b3c4d']);
  });

  it('Markdown to Jira wiki markup', () => {
    assert.equal(markdownToWiki(BODY), [
      'Add an alert on *checkout* errors, see [runbook|https://example.com/r] and {{alerts.yaml}}.',
      '',
      '||Field||Value||',
      '|Owner|@alice|',
      '|Note|a \\| b|',
      '',
      '* first',
      '* second',
      '',
      '<!-- postmortem-item: pm-1a2b3c4d -->',
    ].join('\n'));
  });
});
