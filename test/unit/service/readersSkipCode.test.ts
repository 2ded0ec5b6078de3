/**
 * The readers that work on source slices skip code blocks where the syntax tree has them (model/blocks.ts
 * `proseSlice`), whatever the fence: backticks, tildes, an unclosed fence, indented code. Own short fixtures.
 */
import assert from 'node:assert/strict';
import { pipeline } from './realWorldHelpers';

describe('readers skip code blocks found by the syntax tree', function () {
  for (const [name, code] of [
    ['a backtick fence', '```\n503 errors for 40 minutes\n```'],
    ['a tilde fence', '~~~text\n503 errors for 40 minutes\n~~~'],
    ['indented code', '    503 errors for 40 minutes'],
  ] as const) {
    it(`figures in ${name} in the impact section do not quantify the impact`, function () {
      const { model } = pipeline(`# X\n\n## Impact\n\nThe API failed:\n\n${code}\n\n## Summary\n\nIt broke.\n`);
      assert.equal(model.impact.quantified, false, JSON.stringify(model.impact.figures));
    });
  }

  it('figures in the prose around a code block are still read, at their own ranges', function () {
    const text = `# X\n\n## Impact\n\n~~~\n9 hosts\n~~~\n\n1,200 customers saw errors.\n`;
    const { model } = pipeline(text);
    assert.deepEqual(model.impact.figures.map((f) => f.value), ['1,200 customers']);
    assert.equal(model.impact.figures[0]!.range.start.line, 8);
  });

  it('an action item with a code block under it keeps only its words', function () {
    const text = `# X\n\n## Action items\n\n- Add a readiness probe (owner: @ana)\n\n  ~~~yaml\n  readinessProbe: {}\n  ~~~\n- Alert on restarts\n`;
    const { model } = pipeline(text);
    assert.deepEqual(model.actionItems.map((i) => [i.text, i.owner?.value]), [['Add a readiness probe', '@ana'], ['Alert on restarts', undefined]]);
  });

  it('a timeline entry with a code block under it keeps only its words', function () {
    const text = `# X\n\n## Timeline\n\n- 10:02 UTC deploy started\n\n  \`\`\`\n  kubectl rollout status\n  \`\`\`\n- 10:15 UTC rolled back\n`;
    const { model } = pipeline(text);
    assert.deepEqual(model.timeline.map((e) => e.text), ['deploy started', 'rolled back']);
  });
});
