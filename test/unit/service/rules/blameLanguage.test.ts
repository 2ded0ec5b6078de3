import assert from 'node:assert/strict';
import { blameLanguage } from '../../../../server/src/service/rules/blameLanguage';
import { checkSeverityOverride, loc, makeMetadata, makeModel, runRule } from '../modelFactory';

const model = makeModel({ metadata: makeMetadata({ frontmatter: null, participants: [loc('Alice Smith (IC)', 2, 14, 30)] }) });
const terms = (text: string, settings = {}) => runRule(blameLanguage, model, text, settings).map((f) => (f.data as { term: string }).term);

describe('rule blame-language', () => {
  it('reports phrases that blame a person on their own', () => {
    const fs = runRule(blameLanguage, model, '# Outage\n\nRoot cause: human error. The change was careless.\n');
    assert.deepEqual(fs.map((f) => (f.data as { term: string }).term), ['human error', 'careless']);
    assert.deepEqual(fs[0]!.range, { start: { line: 2, character: 12 }, end: { line: 2, character: 23 } });
    assert.equal(fs[0]!.severity, 'warning');
    assert.match(fs[0]!.message, /Blameless postmortems describe the conditions/);
  });
  it('reports ambiguous words only with a person in the same sentence', () => {
    assert.deepEqual(terms('It was @bob\'s fault. Fault tolerance kicked in.\n'), ['fault']);
    assert.deepEqual(terms('Alice made a mistake in the config.\n'), ['mistake']);
    assert.deepEqual(terms('The engineer forgot to drain the node.\n'), ['forgot']);
    assert.deepEqual(terms('A page fault in the kernel. The retry was a mistake in the design.\n'), []);
  });
  it('ignores git blame, negations, code and blameless', () => {
    assert.deepEqual(terms('Alice ran git blame on the file. We do not blame Alice. This is a blameless review.\n'), []);
    assert.deepEqual(terms('```\nhuman error\n```\nSee `careless` flag.\n'), []);
  });
  it('adds the terms from settings', () => {
    assert.deepEqual(terms('The deploy was reckless.\n', { blameTerms: ['reckless'] }), ['reckless']);
  });
  it('takes its severity from settings', () => {
    checkSeverityOverride(blameLanguage, model, 'This was human error.\n');
  });
});
