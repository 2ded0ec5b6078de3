import assert from 'node:assert/strict';
import { codeSpan, escapeText, inlineFor, link } from '../../../core/importers/markdown';
import { mrkdwnToMarkdown } from '../../../core/importers/slack/mrkdwn';
import { keyMomentWords } from '../../../core/importers/keyMoments';

const names = { user: (id: string) => ({ U1: 'Alice Chen' } as Record<string, string>)[id], channel: (id: string) => ({ C1: 'ops' } as Record<string, string>)[id] };

describe('importers: mrkdwn and safe Markdown', () => {
  const cases: [string, string][] = [
    ['<@U1> look', '@Alice Chen look'],
    ['<@U9|zed> look', '@zed look'],
    ['<@U9>', '@U9'],
    ['see <#C1|ops> and <#C2|random>', 'see #ops and #random'],
    ['<https://x.example/a_(b)|the *doc*>', '[the \\*doc\\*](https://x.example/a_%28b%29)'],
    ['<https://x.example>', '[https://x.example](https://x.example)'],
    ['<mailto:a@b.example|mail>', '[mail](mailto:a@b.example)'],
    ['<javascript:alert(1)|x>', 'x'],
    ['<!here> <!channel> <!everyone>', '@here @channel @everyone'],
    ['<!subteam^S1|@sre> <!subteam^S2>', '@sre @group'],
    ['<!date^1392734382^{date_short}|Feb 18, 2014>', 'Feb 18, 2014'],
    ['a &amp; b &lt;c&gt;', 'a & b \\<c\\>'],
    ['*bold* _italic_ ~strike~', '**bold** *italic* ~~strike~~'],
    ['snake_case_name and 2*3*4', 'snake_case_name and 2\\*3\\*4'],
    ['`a|b` and ```multi\nline```', '`a|b` and `multi line`'],
    ['&gt; quoted', '“quoted”'],
    ['# not a heading', '# not a heading'],
  ];
  for (const [input, expected] of cases) {
    it(`mrkdwn ${JSON.stringify(input)}`, () => assert.equal(mrkdwnToMarkdown(input, names), expected));
  }

  it('escapeText keeps text as text', () => {
    assert.equal(escapeText('[x](y) <b> *a* `c` ~d~ |'), '\\[x\\](y) \\<b\\> \\*a\\* \\`c\\` \\~d\\~ \\|');
    assert.equal(escapeText('&lt; &amp;'), '&amp;lt; &amp;amp;');
    assert.equal(escapeText('a\u202Eb\u0007c'), 'abc');
  });

  it('links only for http(s) and mailto', () => {
    assert.equal(link('x', 'javascript:alert(1)'), 'x');
    assert.equal(link('x', 'data:text/html,hi'), 'x');
    assert.equal(link('x', 'https://a.example/p?q=1|2'), '[x](https://a.example/p?q=1%7C2)');
  });

  it('code spans hold backticks', () => assert.equal(codeSpan('a ` b'), '``a ` b``'));

  it('inlineFor: one line, pipes escaped in tables (inside code too), raw HTML neutralised', () => {
    assert.equal(inlineFor('a | b\n`c|d`\n<div>', 'table'), 'a \\| b / `c\\|d` / &lt;div>');
    assert.equal(inlineFor('a | b', 'line'), 'a | b');
    assert.equal(inlineFor('\\| kept', 'table'), '\\| kept');
    assert.equal(inlineFor('open ` tick', 'line'), 'open \\` tick');
  });

  it('finds key-moment words', () => {
    assert.deepEqual(keyMomentWords('We ROLLED  back and the alert resolved'), ['rolled back', 'alert', 'resolved']);
    assert.deepEqual(keyMomentWords('deployment of the deployer'), []);
  });
});
