import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import fs from 'node:fs';
import { createPostmortemService } from '../../../server/src/service/index';
import { nullLogger } from '../../../server/src/service/types';
import { toSettings } from '../../../server/src/settings';
import { cli, postmortem, tempWorkspace, write } from './harness';

describe('cli: metrics and model', () => {
  const dir = tempWorkspace(false);
  write(dir, 'postmortems/a.md', postmortem());
  write(dir, 'docs/notes.md', '# Notes\n');

  it('metrics: a table with the key times, durations and each definition', async () => {
    const r = await cli(dir, ['metrics']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^File +Impact started \(UTC\) +Detected \(UTC\)/);
    assert.match(r.stdout, /^postmortems\/a\.md +2024-03-12 08:10 +2024-03-12 08:19 +— +2024-03-12 09:02 +2024-03-12 09:34 +9 min +— +52 min +1 h 24 min +1 h 24 min$/m);
    assert.match(r.stdout, /TTD \(time to detect\): From impact start \(started\) to detection \(detected\)\./);
    assert.doesNotMatch(r.stdout, /notes\.md/);
  });

  it('metrics of a file named on the command line reads it as a postmortem, as check does; a folder follows the globs', async () => {
    const other = tempWorkspace(false);
    write(other, 'notes/outage.md', postmortem());
    const named = JSON.parse((await cli(other, ['metrics', '-f', 'json', 'notes/outage.md'])).stdout);
    assert.deepEqual(named.map((m: { path: string }) => m.path), ['notes/outage.md']);
    assert.equal(named[0].metrics.find((m: { name: string }) => m.name === 'timeToResolve').minutes, 84);
    assert.equal((await cli(other, ['metrics', 'notes'])).stdout, 'No postmortems found.\n');
  });

  it('metrics --format json and csv carry minutes and definitions', async () => {
    const json = JSON.parse((await cli(dir, ['metrics', '-f', 'json'])).stdout);
    assert.equal(json.length, 1);
    assert.equal(json[0].path, 'postmortems/a.md');
    assert.deepEqual(json[0].keyTimes.started, { raw: '2024-03-12 08:10 UTC', iso: '2024-03-12T08:10:00Z' });
    assert.deepEqual(json[0].metrics.find((m: { name: string }) => m.name === 'timeToResolve'),
      { name: 'timeToResolve', label: 'Time to resolve', minutes: 84, from: 'started', to: 'resolved', definition: 'From impact start (started) to resolution (resolved).' });
    const csv = (await cli(dir, ['metrics', '--format', 'csv'])).stdout.split('\r\n');
    assert.equal(csv[0], 'path,incident,title,started,detected,acknowledged,mitigated,resolved,time_to_detect_minutes,time_to_detect_definition,time_to_acknowledge_minutes,time_to_acknowledge_definition,time_to_mitigate_minutes,time_to_mitigate_definition,time_to_resolve_minutes,time_to_resolve_definition,impact_duration_minutes,impact_duration_definition');
    assert.equal(csv[1], 'postmortems/a.md,INC-1,Queue backlog after broker failover,2024-03-12T08:10:00Z,2024-03-12T08:19:00Z,,2024-03-12T09:02:00Z,2024-03-12T09:34:00Z,9,From impact start (started) to detection (detected).,,,52,From impact start (started) to mitigation (mitigated).,84,From impact start (started) to resolution (resolved).,84,From impact start (started) to resolution (resolved).');
  });

  it('metrics honours postmortem.metrics.base and states the definition it used', async () => {
    const other = tempWorkspace(false);
    write(other, '.vscode/settings.json', '{ "postmortem.metrics.base": "detected" }');
    write(other, 'postmortems/a.md', postmortem());
    const json = JSON.parse((await cli(other, ['metrics', '-f', 'json'])).stdout);
    const ttr = json[0].metrics.find((m: { name: string }) => m.name === 'timeToResolve');
    assert.equal(ttr.minutes, 75);
    assert.equal(ttr.definition, 'From detection (detected) to resolution (resolved).');
  });

  it('model FILE prints exactly the model the service gives postmortem/model', async () => {
    const file = path.join(dir, 'postmortems/a.md');
    const r = await cli(dir, ['model', 'postmortems/a.md']);
    assert.equal(r.code, 0, r.stderr);
    const service = createPostmortemService({ logger: nullLogger });
    const document = TextDocument.create(pathToFileURL(file).href, 'markdown', 1, fs.readFileSync(file, 'utf8'));
    const expected = service.getModel(document, { settings: toSettings(undefined, true), workspaceFolders: [pathToFileURL(dir).href] });
    assert.deepEqual(JSON.parse(r.stdout), JSON.parse(JSON.stringify(expected)));
  });

  it('model of a file that is not a postmortem is null; of a missing file, one line and exit 1', async () => {
    assert.equal((await cli(dir, ['model', 'docs/notes.md'])).stdout, 'null\n');
    const r = await cli(dir, ['model', 'docs/gone.md']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'postmortem: docs/gone.md: no such file or folder\n');
  });
});
