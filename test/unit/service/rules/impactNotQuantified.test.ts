import assert from 'node:assert/strict';
import { impactNotQuantified } from '../../../../server/src/service/rules/impactNotQuantified';
import { checkSeverityOverride, ctx, makeModel, makeSections, runRule, rng } from '../modelFactory';

describe('rule impact-not-quantified', () => {
  const unquantified = { quantified: false, figures: [] };
  it('reports an impact section without figures at its heading, saying what to add', () => {
    const fs = runRule(impactNotQuantified, makeModel({ impact: unquantified }));
    assert.equal(fs.length, 1);
    assert.deepEqual(fs[0]!.range, rng(12, 0, 9));
    assert.equal(fs[0]!.severity, 'warning');
    assert.match(fs[0]!.message, /how long it lasted, how many customers or requests .* business metric/);
  });
  it('reports at the title when there is no impact section (computeFindings drops it when the schema requires the section)', () => {
    const model = makeModel({ impact: unquantified, sections: makeSections(['summary', 'timeline']) });
    const fs = impactNotQuantified.check(ctx(model));
    assert.deepEqual(fs[0]!.range, rng(6, 0, 17));
    assert.match(fs[0]!.message, /Add an Impact section/);
    assert.deepEqual(runRule(impactNotQuantified, model), [], 'the built-in schema\'s missing-section finding already says it');
  });
  it('accepts quantified impact', () => {
    assert.deepEqual(runRule(impactNotQuantified, makeModel()), []);
  });
  it('takes its severity from settings', () => {
    checkSeverityOverride(impactNotQuantified, makeModel({ impact: unquantified }));
  });
});
