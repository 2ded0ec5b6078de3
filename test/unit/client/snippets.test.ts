import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const file = path.resolve(__dirname, '../../../snippets/postmortem.json');

describe('client snippets/postmortem.json', () => {
  const snippets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { prefix: unknown; body: unknown; description: unknown }>;
  const entries = Object.entries(snippets);

  it('parses and has snippets', () => {
    assert.ok(entries.length >= 10);
  });
  it('gives every snippet a prefix, a body and a description', () => {
    for (const [name, s] of entries) {
      assert.ok(typeof s.prefix === 'string' || (Array.isArray(s.prefix) && s.prefix.length > 0), `${name}: prefix`);
      assert.ok(typeof s.body === 'string' || (Array.isArray(s.body) && s.body.every((l) => typeof l === 'string')), `${name}: body`);
      assert.ok(typeof s.description === 'string' && s.description.length > 10, `${name}: description`);
    }
  });
  it('uses unique pm- prefixes', () => {
    const prefixes = entries.flatMap(([, s]) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]) as string[]);
    assert.equal(new Set(prefixes).size, prefixes.length, `duplicates in ${prefixes.join(', ')}`);
    for (const p of prefixes) assert.match(p, /^pm-[a-z-]+$/);
    for (const p of ['pm-timeline-entry', 'pm-action', 'pm-impact', 'pm-five-whys', 'pm-frontmatter']) assert.ok(prefixes.includes(p), p);
  });
  it('has balanced placeholders in every body', () => {
    for (const [name, s] of entries) {
      const body = Array.isArray(s.body) ? s.body.join('\n') : String(s.body);
      let depth = 0;
      for (let i = 0; i < body.length; i++) {
        if (body[i] === '$' && body[i + 1] === '{') { depth++; i++; } else if (body[i] === '}' && depth > 0) depth--;
      }
      assert.equal(depth, 0, name);
    }
  });
  it('writes the action item in the canonical suffix form with choices', () => {
    const body = (snippets['Action item (task)'].body as string[]).join('\n');
    assert.match(body, /^- \[ \] .*\(owner: @.*, due: .*, type: \$\{\d+\|prevent,detect,mitigate,process\|\}, priority: .*, ticket: .*\)$/);
  });
  it('stamps timeline entries with the current time', () => {
    for (const s of entries.filter(([n]) => n.startsWith('Timeline entry'))) {
      assert.ok((s[1].body as string[]).join('').includes('$CURRENT_HOUR:$CURRENT_MINUTE'), s[0]);
    }
  });
  it('offers Supporting information and each Lessons learned subsection on its own', () => {
    const expected: [string, string, string][] = [
      ['Supporting information section', 'pm-supporting-information', '## Supporting information'],
      ['What went well', 'pm-went-well', '### What went well'],
      ['What went wrong', 'pm-went-wrong', '### What went wrong'],
      ['Where we got lucky', 'pm-got-lucky', '### Where we got lucky'],
    ];
    for (const [name, prefix, heading] of expected) {
      const s = snippets[name];
      assert.ok(s, name);
      assert.equal(s.prefix, prefix, name);
      const body = s.body as string[];
      assert.equal(body[0], heading, `${name} starts with its heading`);
      assert.equal(body.filter((l) => /^#{2,3} /.test(l)).length, 1, `${name} is one section, on its own`);
      assert.ok(body.some((l) => /\$\{1[:}]/.test(l)), `${name} has a first tab stop`);
    }
    // A subsection sits under Lessons learned: one level below the section snippets.
    assert.ok((snippets['Lessons learned section'].body as string[]).includes('### What went well'));
  });
});
