// The seeded generator of random postmortem-ish documents and edits used by fuzz.test.ts.

/** mulberry32: a tiny seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Gen {
  constructor(readonly rnd: () => number) {}
  int(n: number): number { return Math.floor(this.rnd() * n); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]!; }
  chance(p: number): boolean { return this.rnd() < p; }
  times(min: number, max: number, f: () => string): string[] {
    const n = min + this.int(max - min + 1);
    return Array.from({ length: n }, f);
  }
}

const SECTION_NAMES = [
  'Summary', 'Impact', 'Timeline', 'Contributing factors', 'Detection', 'Response', 'Resolution', 'Action items',
  'Lessons learned', 'What went well', 'What went wrong', 'Where we got lucky', 'Supporting information', 'Notes',
  'Root cause', 'Root causes and triggers', 'Five whys', 'Follow-ups', 'Next steps', 'Appendix', 'TL;DR', 'Background',
  'Customer impact', 'Incident timeline', 'Timeline (UTC)', '1. Summary', '🔥 Impact', 'Response and Recovery', 'Remediation',
  'Chronology', 'Sequence of events', 'Corrective actions', 'Glossary', 'Recommendations', '',
];
const TIMESTAMPS = [
  '14:03', '14:03:22', '2:03 PM', '2:03pm', '14h03', '1403', '14:03 UTC', '14:03 PST', '14:03 +02:00', '14:03Z',
  '2024-05-01 14:03', '2024-05-01T14:03:00Z', '2024-05-01T14:03:00.123+05:30', '2024-05-01 14:03 UTC', '2024/05/01 14:03',
  '05/01/2024 14:03', '01.05.2024 14:03', 'May 1, 2024 14:03', '1 May 2024, 14:03', 'May 1 14:03', 'Day 1 14:03',
  'T+0', 'T+15m', 'T-5', '+00:15', '**14:03**', '`14:03`', '14:03:', '~14:03', '14:0', '25:61', '99:99:99', '2024-13-45 14:03',
  '2024-02-30T24:00:00Z', '14:03 ZZZ', '12:00 AM', '00:00', '23:59:60', '2024-05-01', 'yesterday', '??:??', '14:03–14:10',
  '14:03 - 14:10', '2024-05-01T14:03', '1714572180', '9999-99-99 99:99', '14:03 UTC+14', '14:03 GMT-12', '', '\u200f14:03',
];
const UNICODE = [
  '\u{1F525}', '\u{1F4A5}\u{1F4A5}', '\u{1D11E}', '\uD83D', '\uDE00', '\u200F', '\u202E', '\u200B', '\uFEFF', 'é', 'e\u0301',
  'שלום', 'مرحبا', '日本語', '\u0000', '\u2028', '\u2029', '\u00A0', '\t', '\\', '|', '`', '*', '_', '[', ']', '<', '>', '&amp;',
];
const WORDS = ['checkout', 'api', 'pool', 'deploy', 'rollback', 'alert', 'fired', 'errors', 'mitigated', 'resolved', 'on-call',
  'database', 'latency', 'TODO', 'TBD', 'XXX', '<placeholder>', 'blame', 'careless', 'human error', '@alice', '#123', 'INC-42',
  '5%', '84 minutes', '1.2k users', '$10,000', 'p99', 'SEV1', 'SEV2', 'draft', 'final', '[link](http://x)', '[ref][r]', '[^1]',
  '**bold**', '_it_', '`code`', '<b>', '</b>', '~~x~~', '\\|', 'https://example.com'];

function words(g: Gen, min = 1, max = 6): string {
  return g.times(min, max, () => (g.chance(0.12) ? g.pick(UNICODE) : g.pick(WORDS))).join(g.pick([' ', ' ', ' ', '  ', '\t']));
}

function frontmatter(g: Gen): string {
  const yaml = [
    'type: postmortem', 'type: post-mortem', 'title: Checkout outage', 'title: "unterminated', 'severity: SEV2', 'severity: sev9',
    'severity: [SEV1', 'status: draft', 'status: {', 'date: 2024-05-01', 'date: 2024-13-99', 'started: 2024-05-01 14:03 UTC',
    'detected: 14:21', 'resolved: yesterday', 'mitigated: 2024-05-01T14:40:00Z', 'timezone: UTC', 'timezone: Mars/Olympus',
    'services:\n  - checkout-api\n  - db', 'services: checkout', 'authors: [a, b', 'schema: ./nope.json', 'schema: https://x/s.json',
    'id: INC-1', 'key: : :', '  bad indent: 1', '- list at top', '? complex', '&anchor a: 1', '*alias', 'severity:', 'status:',
    'impact: {users: 5}', 'tags: !!binary x', '"quoted": 1', 'dup: 1\ndup: 2', '\t tab: x',
  ];
  const toml = ['type = "postmortem"', 'title = "x', 'severity = "SEV1"', 'date = 2024-05-01', '[table', 'started = 14:03', 'x = [1,'];
  const kind = g.int(6);
  if (kind === 0) return '';
  if (kind === 5) return `+++\n${g.times(0, 5, () => g.pick(toml)).join('\n')}\n${g.chance(0.8) ? '+++\n' : ''}`;
  const lines = g.times(0, 7, () => g.pick(yaml));
  if (g.chance(0.8)) lines.unshift('type: postmortem');
  const close = g.pick(['---\n', '---\n', '---\n', '...\n', '', '--- \n', '----\n']);
  return `${g.chance(0.05) ? '\uFEFF' : ''}---\n${lines.join('\n')}\n${close}`;
}

function heading(g: Gen): string {
  const depth = 1 + g.int(g.chance(0.1) ? 7 : 4);
  const hashes = '#'.repeat(depth);
  const title = g.chance(0.8) ? g.pick(SECTION_NAMES) : words(g);
  if (g.chance(0.05)) return `${title}\n${g.pick(['===', '---', '-'])}\n`;
  return `${hashes}${g.chance(0.05) ? '' : ' '}${title}${g.chance(0.05) ? ` ${hashes}` : ''}\n`;
}

function table(g: Gen): string {
  const cols = 1 + g.int(4);
  const row = (n: number, cell: () => string) => `${g.chance(0.9) ? '| ' : ''}${Array.from({ length: n }, cell).join(' | ')}${g.chance(0.85) ? ' |' : ''}`;
  const lines = [row(cols, () => g.pick(['Time', 'Event', 'Who', 'Date', 'Time (UTC)', words(g, 1, 2)]))];
  if (g.chance(0.9)) lines.push(row(cols, () => g.pick(['---', ':--', '--:', ':-:', '-', ''])));
  for (const _ of g.times(0, 24, () => '')) {
    const n = g.chance(0.7) ? cols : g.int(cols + 3);
    lines.push(row(n, () => (g.chance(0.5) ? g.pick(TIMESTAMPS) : words(g, 0, 5))));
  }
  return `${lines.join('\n')}\n`;
}

function list(g: Gen): string {
  const lines: string[] = [];
  let depth = 0;
  for (const _ of g.times(1, 24, () => '')) {
    depth = Math.max(0, Math.min(depth + g.pick([-2, -1, 0, 0, 0, 1, 1, 3]), g.chance(0.03) ? 40 : 6));
    const indent = ' '.repeat(depth * g.pick([2, 2, 3, 4]));
    const marker = g.pick(['-', '-', '*', '+', '1.', '2)', '10.']);
    const item = g.int(3) === 0 ? task(g) : g.chance(0.6) ? `${g.pick(TIMESTAMPS)}${g.pick([' ', ' - ', ': ', ' — ', ' | '])}${words(g)}` : words(g);
    lines.push(`${indent}${marker} ${item}`);
    if (g.chance(0.1)) lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

function task(g: Gen): string {
  const box = g.pick(['[ ] ', '[x] ', '[X] ', '[] ', '[ ]', '']);
  const fields = [
    'owner: @alice', 'owner:', 'owner: ', 'due: 2024-05-20', 'due: 2024-5-2', 'due: 2024-', 'due:', 'due: tomorrow', 'due: 2024-02-30',
    'type: detect', 'type: prevent', 'type: mitigate', 'type: x', 'type', 'priority: P1', 'priority: high', 'priority:', 'ticket: JIRA-1',
    'ticket: #12', 'ticket:', 'o', 'ow', 'owne', 'du', 'ty', 'pri',
  ];
  const suffix = g.chance(0.7)
    ? `${g.pick([' (', ' (', ' — ', ' [', ' {', ' '])}${g.times(0, 4, () => g.pick(fields)).join(g.pick([', ', '; ', ' ', ',']))}${g.pick([')', ')', '', ']', '}'])}`
    : '';
  return `${box}${words(g)}${suffix}`;
}

function block(g: Gen): string {
  switch (g.int(14)) {
    case 0: case 1: return heading(g);
    case 2: case 3: return table(g);
    case 4: case 5: return list(g);
    case 6: return `${g.times(1, 3, () => words(g, 1, 12)).join('\n')}\n`;
    case 7: return `${g.pick(['```', '~~~', '````', '```js'])}\n${g.times(0, 4, () => words(g)).join('\n')}\n${g.chance(0.6) ? '```\n' : ''}`;
    case 8: return `${g.pick(['<div>', '<details><summary>x</summary>', '<!--', '<table><tr><td>14:03</td></tr>', '<br/>', '<script>'])}\n${words(g)}\n${g.pick(['</div>', '-->', '</details>', ''])}\n`;
    case 9: {
      const deep = g.chance(0.05);
      const body = `${g.chance(0.5) ? g.pick(TIMESTAMPS) + ' ' : ''}${words(g)}`;
      return `${'> '.repeat(1 + g.int(deep ? 120 : 4))}${deep && g.chance(0.5) ? '`x` ' : ''}${body}\n`;
    }
    case 10: return `${g.pick(['**', '', '- **', '### '])}${g.pick(TIMESTAMPS)}${g.pick(['**', '', ':', ' -'])} ${words(g)}\n`;
    case 11: return `${g.pick(['[r]: http://x', '[^1]: note', '[R]: <x> "t"', '[ r ]:'])}\n`;
    case 12: return `${g.pick(['---', '***', '___', '+++', '...'])}\n`;
    default: return g.chance(0.5) ? '\n' : `${g.pick(UNICODE)}${g.pick(UNICODE)}\n`;
  }
}

export function document(g: Gen): string {
  const parts = [frontmatter(g)];
  for (const _ of g.times(0, 18, () => '')) {
    parts.push(block(g));
    if (g.chance(0.6)) parts.push('\n');
  }
  let text = parts.join('');
  const eol = g.pick(['\n', '\n', '\n', '\r\n', '\r\n', '\r', 'mixed']);
  if (eol === 'mixed') text = text.replace(/\n/g, () => g.pick(['\n', '\r\n', '\r']));
  else if (eol !== '\n') text = text.replace(/\n/g, eol);
  if (g.chance(0.1)) text = text.replace(/\n?$/, '');
  return text;
}

const EDIT_CHARS = ['\n', '\r', ' ', '-', '|', '#', ':', '`', '*', '[', ']', '(', ')', '1', 'a', '>', '\t', '\u0000', '\uD83D', '\uDE00', '\u200F', '+', '='];

export function edit(g: Gen, text: string): string {
  const at = g.int(text.length + 1);
  switch (g.int(3)) {
    case 0: return text.slice(0, at) + g.pick(EDIT_CHARS) + text.slice(at);
    case 1: return text.slice(0, at) + text.slice(at + 1);
    default: return text.slice(0, at) + g.pick(EDIT_CHARS) + text.slice(at + 1);
  }
}

