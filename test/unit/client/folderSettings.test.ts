/** Folders from settings stay inside the workspace folder (`postmortem.folder`, `postmortem.templatesFolder`). */
import assert from 'node:assert/strict';
import { workspaceRelativeFolder } from '../../../client/src/templates';

describe('client: folders from settings', () => {
  it('keeps workspace-relative folders, normalised', () => {
    assert.equal(workspaceRelativeFolder('postmortems'), 'postmortems');
    assert.equal(workspaceRelativeFolder('./docs//incidents/'), 'docs/incidents');
    assert.equal(workspaceRelativeFolder('.postmortem\\templates'), '.postmortem/templates');
    assert.equal(workspaceRelativeFolder('docs/../postmortems'), 'postmortems');
    assert.equal(workspaceRelativeFolder('.'), '');
    assert.equal(workspaceRelativeFolder(''), '');
  });

  it('refuses anything that leaves the workspace folder', () => {
    for (const bad of ['../../../tmp', '..', 'docs/../../x', '/tmp', '/etc', 'C:\\Windows', 'c:/x', '\\\\host\\share', '//host/share', '~/x', 'file:///tmp', 'vscode-remote://x/y']) {
      assert.equal(workspaceRelativeFolder(bad), undefined, bad);
    }
  });
});
