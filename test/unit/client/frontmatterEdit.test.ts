import assert from 'node:assert/strict';
import { markAsPostmortemEdit, type LineEdit } from '../../../client/src/frontmatterEdit';

function apply(text: string, e: LineEdit | null): string {
  if (!e) return text;
  const lines = text.split('\n');
  const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(0, off(e.start)) + e.text + text.slice(off(e.end));
}

describe('client markAsPostmortemEdit', () => {
  it('creates a frontmatter block when there is none', () => {
    assert.equal(apply('# Outage\n', markAsPostmortemEdit('# Outage\n')), '---\ntype: postmortem\n---\n\n# Outage\n');
  });
  it('adds the key before the closing fence of YAML frontmatter', () => {
    const text = '---\ntitle: Outage\n---\n# Outage\n';
    assert.equal(apply(text, markAsPostmortemEdit(text)), '---\ntitle: Outage\ntype: postmortem\n---\n# Outage\n');
  });
  it('replaces another type value and leaves a postmortem alone', () => {
    const text = '---\ntype: note\n---\n';
    assert.equal(apply(text, markAsPostmortemEdit(text)), '---\ntype: postmortem\n---\n');
    assert.equal(markAsPostmortemEdit('---\ntype: "postmortem" # yes\n---\n'), null);
  });
  it('writes TOML in +++ frontmatter', () => {
    const text = '+++\ntitle = "x"\n+++\n';
    assert.equal(apply(text, markAsPostmortemEdit(text)), '+++\ntitle = "x"\ntype = "postmortem"\n+++\n');
  });
  it('treats an unclosed fence (a thematic break) as no frontmatter', () => {
    const text = '---\n# Heading\n';
    assert.equal(apply(text, markAsPostmortemEdit(text)), '---\ntype: postmortem\n---\n\n---\n# Heading\n');
  });
  it('uses the document end of line', () => {
    assert.equal(markAsPostmortemEdit('# x\r\n', '\r\n')!.text, '---\r\ntype: postmortem\r\n---\r\n\r\n');
  });
});
