/**
 * Action items under a heading or label that says they are done are `done: true`: not open, so no missing-owner
 * finding and no ticket for them (issue 11, "quiet by default"). Own short fixtures.
 */
import assert from 'node:assert/strict';
import { pipeline } from './realWorldHelpers';

const doneOf = (text: string): Record<string, boolean> =>
  Object.fromEntries(pipeline(text).model.actionItems.map((i) => [i.text, i.done]));

const fieldsFinding = (text: string) => pipeline(text).findings.find((f) => f.code === 'action-item-fields');

describe('action items that are already done', function () {
  for (const title of ['Completed', 'Done', 'Already done', 'Actions taken', 'Completed action items', 'Items already implemented', 'What we have already done']) {
    it(`items under "### ${title}" are done; those under "### Open" are not`, function () {
      const text = `# X\n\n## Action items\n\n### ${title}\n\n- Raise the pool size\n- Page the on-call on saturation\n\n### Open\n\n- Add a load test (owner: @ana)\n`;
      assert.deepEqual(doneOf(text), { 'Raise the pool size': true, 'Page the on-call on saturation': true, 'Add a load test': false });
    });
  }

  it('a deeper heading under a done heading stays done', function () {
    const text = `# X\n\n## Follow-up actions\n\n### Done\n\n#### Monitoring\n\n- Alert on queue depth\n\n### Planned\n\n- Shard the queue (owner: @li)\n`;
    assert.deepEqual(doneOf(text), { 'Alert on queue depth': true, 'Shard the queue': false });
  });

  it('a bold "Completed:" label over a list marks that list done, up to the next label', function () {
    const text = `# X\n\n## Action items\n\n**Completed:**\n\n- Rotate the leaked key\n\n**Open:**\n\n- Add secret scanning (owner: @kim)\n`;
    assert.deepEqual(doneOf(text), { 'Rotate the leaked key': true, 'Add secret scanning': false });
  });

  it('a "- **Done:**" bullet with a nested list marks its nested items done', function () {
    const text = `# X\n\n## Action items\n\n- **Done:**\n  - Pin the base image\n- **To do:**\n  - Rebuild nightly (owner: @jo)\n`;
    assert.deepEqual(doneOf(text), { 'Pin the base image': true, 'Rebuild nightly': false });
  });

  it('done items without an owner get no missing-owner finding', function () {
    const text = `# X\n\n## Action items\n\n### Already done\n\n- Roll back the config\n- Clear the stuck jobs\n\n### Next\n\n- Validate configs in CI (owner: @sam)\n`;
    assert.equal(fieldsFinding(text), undefined);
    const open = `# X\n\n## Action items\n\n- Roll back the config\n- Clear the stuck jobs\n- Validate configs in CI (owner: @sam)\n`;
    assert.ok(fieldsFinding(open), 'the same items, not marked done, are reported');
  });
});
