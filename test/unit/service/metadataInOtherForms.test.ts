/**
 * Metadata written in another form counts as present (issue 11, "quiet by default"): a status value that goes on
 * after its status word, bold label lines inside an overview section, a small section named by a key further down.
 * Own short fixtures.
 */
import assert from 'node:assert/strict';
import { codes, pipeline } from './realWorldHelpers';

const at = (text: string, r: { start: { line: number; character: number }; end: { character: number } }) =>
  text.split('\n')[r.start.line]!.slice(r.start.character, r.end.character);

const missingKeys = (findings: ReturnType<typeof pipeline>['findings']): string => findings
  .filter((f) => f.code === 'missing-metadata').map((f) => f.message).join(' | ');

describe('metadata written in another form', function () {
  it('a status value that goes on after the status word reads as that word, mapped through x-synonyms', function () {
    const text = `# Queue stalled\n\n**Severity**: SEV3\n\n**Status**: Done March 3, 2024 after the consumer was restarted.\n\n## Summary\n\nThe queue stalled.\n`;
    const { model, findings } = pipeline(text);
    assert.equal(model.metadata.status?.value, 'Done');
    assert.equal(at(text, model.metadata.status!.range), 'Done');
    assert.ok(!codes(findings).includes('invalid-value'), JSON.stringify(findings.map((f) => f.message)));
    assert.equal(missingKeys(findings), '');
  });

  it('a status followed by a comma, a dash or a linking word keeps only the status words', function () {
    for (const [line, want] of [['Under review, waiting on the platform team', 'Under review'], ['Final - all items filed', 'Final'], ['Draft since the 2nd', 'Draft'], ['Work in progress', 'Work in progress'], ['Published', 'Published']] as const) {
      const { model } = pipeline(`# X\n\n**Status:** ${line}\n`);
      assert.equal(model.metadata.status?.value, want, line);
    }
  });

  it('bold label lines in an overview section below the title count as present', function () {
    const text = `# Login outage\n\n## Overview\n\n**Teams**: identity\n\n**Severity**: SEV2\n\n**Status**: Closed on Friday once the cache was warm.\n\n## Timeline\n\n- 10:00 alerts fired\n`;
    const { model, findings } = pipeline(text);
    assert.equal(model.metadata.severity?.value, 'SEV2');
    assert.equal(model.metadata.status?.value, 'Closed');
    assert.equal(missingKeys(findings), '');
    assert.ok(!codes(findings).includes('invalid-value'));
  });

  it('a small section named by a key after the first real section counts as present', function () {
    const text = `# Disk filled\n\n## Summary\n\nA disk filled up.\n\n## Severity\n\nSEV4\n\n## Status\n\nResolved\n\n## Timeline\n\n- 09:00 disk at 100%\n`;
    const { model, findings } = pipeline(text);
    assert.equal(model.metadata.severity?.value, 'SEV4');
    assert.equal(model.metadata.status?.value, 'Resolved');
    assert.equal(missingKeys(findings), '');
  });

  it('a field table in a details section below the summary counts as present; its other rows are not metadata', function () {
    const text = `# Cache outage\n\n## Summary\n\nThe cache fell over.\n\n## Incident details\n\n| Field | Value |\n|---|---|\n| Severity | SEV3 |\n| Status | Reviewed |\n| Region | eu-west |\n\n## Timeline\n\n- 09:00 cache down\n`;
    const { model, findings } = pipeline(text);
    assert.equal(model.metadata.severity?.value, 'SEV3');
    assert.equal(model.metadata.status?.value, 'Reviewed');
    assert.equal(model.metadata.extra.region, undefined);
    assert.equal(missingKeys(findings), '');
  });

  it('an owner line under an action item heading is not the document owner', function () {
    const text = `# X\n\n## Action items\n\n### Add a disk alert\n\n**Owner**: @rita\n`;
    assert.equal(pipeline(text).model.metadata.owner, undefined);
  });

  it('a table in the timeline is not metadata', function () {
    const text = `# X\n\n## Timeline\n\n| Field | Value |\n|---|---|\n| Status | degraded |\n`;
    assert.equal(pipeline(text).model.metadata.status, undefined);
  });

  it('a bold status line in the timeline is not metadata', function () {
    const text = `# X\n\n## Timeline\n\n**Status**: degraded at 10:02\n`;
    assert.equal(pipeline(text).model.metadata.status, undefined);
  });
});
