/** What an untrusted workspace may not set, and the budget setting's contribution (package.json). */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, TIME_BUDGET_BOUNDS } from '../../../common/settings';

const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

describe('untrusted workspaces', () => {
  it('restricts every setting that names files or folders', () => {
    const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const key of ['postmortem.schema', 'postmortem.files', 'postmortem.folder', 'postmortem.templatesFolder']) assert.ok(restricted.includes(key), key);
    const properties = pkg.contributes.configuration.properties;
    for (const key of restricted) assert.ok(properties[key], `${key} is a contributed setting`);
  });

  it('contributes postmortem.analysis.timeBudgetMs with the server default and bounds', () => {
    const budget = pkg.contributes.configuration.properties['postmortem.analysis.timeBudgetMs'];
    assert.equal(budget.default, DEFAULT_SETTINGS.analysisTimeBudgetMs);
    assert.equal(budget.minimum, TIME_BUDGET_BOUNDS.min);
    assert.equal(budget.maximum, TIME_BUDGET_BOUNDS.max);
  });
});
