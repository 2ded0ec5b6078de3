import assert from 'node:assert/strict';
import { parseJsonc, JsoncError } from '../../../cli/jsonc';
import { cli, postmortem, tempWorkspace, write } from './harness';

describe('cli: settings', () => {
  it('parses JSONC: comments, trailing commas, strings that look like comments', () => {
    const text = '{\n  // a comment\n  "a": "http://x/*y*/", /* block\n comment */ "b": [1, 2,],\n  "c": "\\"//\\"",\n}\n';
    assert.deepEqual(parseJsonc(text), { a: 'http://x/*y*/', b: [1, 2], c: '"//"' });
    assert.deepEqual(parseJsonc('\uFEFF'), {});
    assert.throws(() => parseJsonc('{\n  "a": 1\n  "b": 2\n}'), (e: unknown) => e instanceof JsoncError && e.line === 3 && e.column === 3);
  });

  it('uses the postmortem.* keys of the nearest .vscode/settings.json above each file', async () => {
    const dir = tempWorkspace(false);
    write(dir, '.vscode/settings.json', '{\n  // the team turns this rule up\n  "postmortem.rules": { "empty-section": "error", },\n  "editor.tabSize": 2,\n}\n');
    write(dir, 'team-b/.vscode/settings.json', '{ "postmortem.rules": { "empty-section": "ignore" } }');
    const doc = postmortem().replace('## Contributing factors\n\n- Consumers cached the broker address and were not told about the failover.\n', '## Contributing factors\n\n');
    write(dir, 'postmortems/a.md', doc);
    write(dir, 'team-b/postmortems/a.md', doc);
    const r = await cli(dir, ['check']);
    assert.match(r.stdout, /^postmortems\/a\.md:\d+:\d+ {2}error .+ {2}empty-section$/m);
    assert.doesNotMatch(r.stdout, /team-b/);
    assert.equal(r.code, 1);
  });

  it('postmortem.files decides which files are postmortems, relative to the settings folder', async () => {
    const dir = tempWorkspace(false);
    write(dir, '.vscode/settings.json', '{ "postmortem.files": ["reviews/**/*.md"] }');
    write(dir, 'reviews/2024/a.md', postmortem({ resolvedBeforeStarted: true }));
    write(dir, 'postmortems/b.md', postmortem({ resolvedBeforeStarted: true }));
    const r = await cli(dir, ['check']);
    assert.match(r.stdout, /^reviews\/2024\/a\.md:/m);
    assert.doesNotMatch(r.stdout, /postmortems\/b\.md/);
  });

  it('--config FILE replaces the settings files', async () => {
    const dir = tempWorkspace(false);
    write(dir, '.vscode/settings.json', '{ "postmortem.rules": { "resolved-before-started": "ignore" } }');
    write(dir, 'ci/settings.jsonc', '{ "postmortem.rules": { "resolved-before-started": "warning" } }');
    write(dir, 'postmortems/b.md', postmortem({ resolvedBeforeStarted: true }));
    assert.match((await cli(dir, ['check'])).stdout, /no problems/);
    const r = await cli(dir, ['check', '--config', 'ci/settings.jsonc']);
    assert.match(r.stdout, /warning {2}Resolved at/);
    const missing = await cli(dir, ['check', '--config', 'ci/nope.json']);
    assert.match(missing.stderr, /^postmortem: ci\/nope\.json: cannot read settings \(no such file\); using the default settings$/m);
    assert.equal(missing.code, 1);
  });
});
