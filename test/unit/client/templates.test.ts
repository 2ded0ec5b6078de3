import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  chooseUniqueName, createUnderFreeName, fileName, folderOf, orderFoldersForPick, fillTemplate, slugify, summaryCursor, validateStartTime, yamlScalar,
} from '../../../client/src/templates';
import { formatUtcMinute } from '../../../common/format';

const root = path.resolve(__dirname, '../../..');

describe('client templates: slugify and file names', () => {
  it('slugifies titles to lower-case dash-separated words', () => {
    assert.equal(slugify('DB pool: exhausted (EU)!'), 'db-pool-exhausted-eu');
    assert.equal(slugify('  Checkout   errors -- after deploy  '), 'checkout-errors-after-deploy');
  });
  it('folds accents, drops apostrophes and keeps other scripts', () => {
    assert.equal(slugify('Café d’été crash'), 'cafe-dete-crash');
    assert.equal(slugify("Don't panic"), 'dont-panic');
    assert.equal(slugify('Сбой оплаты'), 'сбой-оплаты');
  });
  it('falls back to "postmortem" for titles without letters or digits', () => {
    assert.equal(slugify('!!! ???'), 'postmortem');
  });
  it('cuts long titles at a word boundary', () => {
    const slug = slugify('a very long title that goes on and on about the incident that happened in production today', 40);
    assert.ok(slug.length <= 40, slug);
    assert.ok(!slug.endsWith('-'));
    assert.equal(slug, 'a-very-long-title-that-goes-on-and-on');
  });
  it('builds date-slug file names with optional -N suffixes', () => {
    assert.equal(fileName('2024-05-01', 'Pool exhaustion'), '2024-05-01-pool-exhaustion.md');
    assert.equal(fileName('2024-05-01', 'Pool exhaustion', 1), '2024-05-01-pool-exhaustion.md');
    assert.equal(fileName('2024-05-01', 'Pool exhaustion', 3), '2024-05-01-pool-exhaustion-3.md');
  });
});

describe('client templates: unique names', () => {
  it('returns the plain name when it is free', async () => {
    assert.equal(await chooseUniqueName('2024-05-01', 'Outage', () => false), '2024-05-01-outage.md');
  });
  it('appends -2, -3... and never reuses an existing name', async () => {
    const taken = new Set(['2024-05-01-outage.md', '2024-05-01-outage-2.md']);
    assert.equal(await chooseUniqueName('2024-05-01', 'Outage', (n) => taken.has(n)), '2024-05-01-outage-3.md');
    const asked: string[] = [];
    await chooseUniqueName('2024-05-01', 'Outage', async (n) => { asked.push(n); return taken.has(n); });
    assert.deepEqual(asked, ['2024-05-01-outage.md', '2024-05-01-outage-2.md', '2024-05-01-outage-3.md']);
  });
  it('throws rather than overwrite when every candidate exists', async () => {
    await assert.rejects(chooseUniqueName('2024-05-01', 'Outage', () => true, 5), /No free file name/);
  });
});

describe('client templates: creating under a free name', () => {
  it('creates under the plain name when nobody has it', async () => {
    const tried: string[] = [];
    const name = await createUnderFreeName('2024-05-01', 'Outage', async (n) => { tried.push(n); return 'created'; });
    assert.equal(name, '2024-05-01-outage.md');
    assert.deepEqual(tried, ['2024-05-01-outage.md']);
  });
  it('moves on to -2 when the file appeared between the choice and the creation (a race), without overwriting', async () => {
    // A fake disk: the create is atomic ("fail if it exists"); another writer creates the plain name first.
    const disk = new Map<string, string>([['2024-05-01-outage.md', 'someone else']]);
    const name = await createUnderFreeName('2024-05-01', 'Outage', async (n) => {
      if (disk.has(n)) return 'exists';
      disk.set(n, 'ours');
      return 'created';
    });
    assert.equal(name, '2024-05-01-outage-2.md');
    assert.equal(disk.get('2024-05-01-outage.md'), 'someone else');
    assert.equal(disk.get('2024-05-01-outage-2.md'), 'ours');
  });
  it('stops on a failure that is not "exists", and after the limit', async () => {
    await assert.rejects(createUnderFreeName('2024-05-01', 'Outage', async () => 'failed'), /Could not create 2024-05-01-outage.md/);
    await assert.rejects(createUnderFreeName('2024-05-01', 'Outage', async () => 'exists', 3), /No free file name/);
  });
});

describe('client templates: choosing the workspace folder', () => {
  const a = { name: 'api', uri: 'file:///work/api' };
  const web = { name: 'web', uri: 'file:///work/web' };
  const webDocs = { name: 'web-docs', uri: 'file:///work/web/docs' };
  const apiV2 = { name: 'api-v2', uri: 'file:///work/api-v2' };
  it('finds the folder of a document (deepest when nested, not a name prefix)', () => {
    assert.equal(folderOf([a, web, webDocs, apiV2], 'file:///work/web/docs/pm.md'), webDocs);
    assert.equal(folderOf([a, web, webDocs, apiV2], 'file:///work/web/x.md'), web);
    assert.equal(folderOf([a, web, apiV2], 'file:///work/api-v2/x.md'), apiV2);
    assert.equal(folderOf([a, web], 'untitled:Untitled-1'), undefined);
    assert.equal(folderOf([a, web], undefined), undefined);
  });
  it('offers the active editor\'s folder first (preselected), the others in workspace order', () => {
    assert.deepEqual(orderFoldersForPick([a, web, apiV2], 'file:///work/web/postmortems/x.md'), [
      { folder: web, active: true }, { folder: a, active: false }, { folder: apiV2, active: false },
    ]);
    assert.deepEqual(orderFoldersForPick([a, web], undefined), [{ folder: a, active: false }, { folder: web, active: false }]);
  });
});

describe('client templates: start time', () => {
  it('formats a date as UTC YYYY-MM-DD HH:MM', () => {
    assert.equal(formatUtcMinute(new Date('2024-05-01T04:03:59Z')), '2024-05-01 04:03');
  });
  it('accepts the prefilled format and common variants', () => {
    for (const ok of ['2024-05-01 14:03', '2024-05-01T14:03', '2024-05-01 14:03:22', '2024-05-01 14:03 UTC', '2024-05-01 14:03Z', '2024-05-01 14:03 +02:00']) {
      assert.equal(validateStartTime(ok), undefined, ok);
    }
  });
  it('rejects malformed and impossible times with a message', () => {
    assert.match(validateStartTime('yesterday')!, /YYYY-MM-DD HH:MM/);
    assert.match(validateStartTime('2024-02-30 10:00')!, /not a date/);
    assert.match(validateStartTime('2024-05-01 24:10')!, /not a time/);
    assert.match(validateStartTime('2024-05-01')!, /YYYY-MM-DD HH:MM/);
  });
});

describe('client templates: filling', () => {
  const values = { title: 'Checkout errors: pool exhausted', id: 'INC-42', severity: 'SEV2', started: '2024-05-01 14:03' };

  it('substitutes every placeholder, deriving {{date}} from started', () => {
    const out = fillTemplate('# {{title}}\n{{ id }} {{severity}} {{started}} {{date}} {{unknown}}', values);
    assert.equal(out, '# Checkout errors: pool exhausted\nINC-42 SEV2 2024-05-01 14:03 2024-05-01 {{unknown}}');
  });
  it('quotes frontmatter values that YAML would misread, and only there', () => {
    const out = fillTemplate('---\ntitle: {{title}}\nincidentId: {{id}}\n---\n# {{title}}\n', values);
    assert.ok(out.includes('title: "Checkout errors: pool exhausted"'), out);
    assert.ok(out.includes('incidentId: INC-42'), out);
    assert.ok(out.includes('# Checkout errors: pool exhausted\n'), out);
    const data = parseYaml(out.split('---')[1]);
    assert.equal(data.title, 'Checkout errors: pool exhausted');
  });
  it('quotes YAML-looking scalars', () => {
    assert.equal(yamlScalar('plain words'), 'plain words');
    assert.equal(yamlScalar('yes'), '"yes"');
    assert.equal(yamlScalar('123'), '"123"');
    assert.equal(yamlScalar('#7 outage'), '"#7 outage"');
    assert.equal(yamlScalar('say "hi": now'), '"say \\"hi\\": now"');
    assert.equal(yamlScalar(''), '');
  });
  for (const name of ['full.md', 'short.md']) {
    it(`built-in template ${name} fills into valid YAML frontmatter with the answers`, () => {
      const text = readFileSync(path.join(root, 'templates', name), 'utf8');
      const out = fillTemplate(text, { ...values, title: 'DNS: resolver # flapping' });
      assert.ok(!/\{\{\s*\w+\s*\}\}/.test(out), 'no placeholder left');
      const fm = /^---\n([\s\S]*?)\n---\n/.exec(out);
      assert.ok(fm, 'has frontmatter');
      const data = parseYaml(fm[1]);
      assert.equal(data.type, 'postmortem');
      assert.equal(data.title, 'DNS: resolver # flapping');
      assert.equal(data.incidentId, 'INC-42');
      assert.equal(data.severity, 'SEV2');
      assert.equal(String(data.started), '2024-05-01 14:03');
      for (const h of ['## Summary', '## Impact', '## Timeline', '## Contributing factors', '## Action items']) assert.ok(out.includes(h), h);
    });
  }
  it('full.md has the sections of a complete blameless review', () => {
    const text = readFileSync(path.join(root, 'templates', 'full.md'), 'utf8');
    for (const h of ['## Detection', '## Response', '## Resolution and recovery', '## Lessons learned', '### What went well', '### What went wrong', '### Where we got lucky']) {
      assert.ok(text.includes(h), h);
    }
    assert.ok(!/root cause/i.test(text.replace(/single root cause|"root cause"|a single "root cause"/gi, '')), 'no "root cause" heading');
    assert.match(text, /\| Action item \| Owner \| Due \| Type \| Priority \| Ticket \|/);
    for (const key of ['customersAffected', 'customersReporting', 'timezone', 'participants', 'services', 'acknowledged']) assert.match(text, new RegExp(`^${key}:`, 'm'));
  });
  it('places the cursor on the first body line of the Summary', () => {
    assert.deepEqual(summaryCursor('---\na: b\n---\n# T\n\n## Summary\n\n_Write it_\n\n## Impact\n'), { line: 7, character: 0 });
    assert.deepEqual(summaryCursor('# No summary here\n'), { line: 0, character: 0 });
  });
});
