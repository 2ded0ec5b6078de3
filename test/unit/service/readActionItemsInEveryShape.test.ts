/**
 * Action items in every shape a team writes them (own fixtures): [text, owner] of each item read.
 */
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { DocumentParser } from '../../../server/src/service/parse';
import { buildModel } from '../../../server/src/service/model/index';

function items(text: string): [string, string | null][] {
  const model = buildModel(new DocumentParser().parse('file:///w/postmortems/a.md', 1, text), DEFAULT_SETTINGS, true);
  return model.actionItems.map((i) => [i.text, i.owner?.value ?? null]);
}

const cases: { shape: string; text: string; expect: [string, string | null][] }[] = [
  {
    shape: 'task list with the canonical field group',
    text: '# X\n\n## Action items\n\n- [ ] Add a canary stage (owner: @ana, due: 2024-06-01)\n- [x] Pin the base image @bo\n',
    expect: [['Add a canary stage', '@ana'], ['Pin the base image', '@bo']],
  },
  {
    shape: 'numbered list with Owner: fields',
    text: '# X\n\n## Follow-ups\n\n1. Add a canary stage. Owner: Ana Lima\n2. Pin the base image - Owner: Bo Chen - Due: 2024-06-01\n',
    expect: [['Add a canary stage.', 'Ana Lima'], ['Pin the base image', 'Bo Chen']],
  },
  {
    shape: 'table with its own column names and a Status column',
    text: '# X\n\n## Corrective actions\n\n| Task | Responsible | Target date | Status |\n|---|---|---|---|\n| Add a canary stage | Ana | 2024-06-01 | Done |\n| Pin the base image |  | 2024-07-01 | To Do |\n',
    expect: [['Add a canary stage', 'Ana'], ['Pin the base image', null]],
  },
  {
    shape: 'a heading per item, with its description under it',
    text: '# X\n\n# Future works\n\n## Removal of the legacy flag\n\nThe flag lets nodes skip checks.\n\n## Enhancement of the monitoring system\n\nAlert on stalls.\n',
    expect: [['Removal of the legacy flag', null], ['Enhancement of the monitoring system', null]],
  },
  {
    shape: 'bold-titled paragraphs and an "Action item:" paragraph',
    text: '# X\n\n## Next steps\n\nWe will do the following.\n\n**Canary stage.** Add one before prod.\n\n**Image pinning.** Pin every base image.\n\nAction item: write a runbook (owner: @cy)\n',
    expect: [['Canary stage. Add one before prod.', null], ['Image pinning. Pin every base image.', null], ['write a runbook', '@cy']],
  },
  {
    shape: '"task : owner" lines (a status after the colon is no owner)',
    text: '# X\n\n### Actions\n\n* Define acceptance tests : Dana K create story\n* Pin modules : Existing story in backlog\n* Write the process : Shared\n',
    expect: [['Define acceptance tests : Dana K create story', 'Dana K'], ['Pin modules : Existing story in backlog', null], ['Write the process : Shared', null]],
  },
  {
    shape: 'items with nested detail bullets (the details are not items; an Owner detail is the owner)',
    text: '# X\n\n## Action items\n\n- Add a canary stage\n  - run it for an hour\n  - Owner: @ana\n- Pin the base image\n',
    expect: [['Add a canary stage', '@ana'], ['Pin the base image', null]],
  },
  {
    shape: 'a numbered list of bold titles, each with one detail bullet',
    text: '# X\n\n## Looking forward\n\nWe found areas to improve:\n\n1. **Load handling**\n   - Stress tests of the simulator.\n\n2. **Bug bounty**\n   - We will open a bounty.\n',
    expect: [['Load handling Stress tests of the simulator.', null], ['Bug bounty We will open a bounty.', null]],
  },
  {
    shape: 'a "Label:" line with an indented list under it is one item',
    text: '# X\n\n## Future work\n\n### Identified problems\n\n- No fallback router.\n\n### Improvement plan\n\nJump server: set up an external jump host, allowing:\n - SSH via the jump host.\n - Per-user keys.\n\nRedundancy:\n - Add a second uplink.\n',
    expect: [['Jump server: set up an external jump host, allowing: SSH via the jump host. Per-user keys.', null], ['Redundancy: Add a second uplink.', null]],
  },
  {
    shape: 'categories as bullet labels and as sub-headings, placeholders dropped',
    text: '# X\n\n## Action items\n\n- **Detection:**\n  - Alert on queue depth @ana\n  - Alert on error rate\n\n### Process\n\n1. Write a runbook\n\n### Recommendations\n\n* N/A\n',
    expect: [['Alert on queue depth', '@ana'], ['Alert on error rate', null], ['Write a runbook', null]],
  },
  {
    shape: 'a section under another name whose one paragraph is the item',
    text: '# X\n\n## Response\n\n### Further improvements\n\nAdd an end-to-end smoke test of the bundle after each build.\n',
    expect: [['Add an end-to-end smoke test of the bundle after each build.', null]],
  },
  {
    shape: 'a section of prose with sub-headings is not an item',
    text: '# X\n\n## Action items\n\nThese are only sample subheadings.\n\n### Tooling\n\n- Add a canary\n',
    expect: [['Add a canary', null]],
  },
  {
    shape: 'an "Action item:" paragraph outside the action-items section',
    text: '# X\n\n## Lessons learned\n\nThe alert was late.\n\n**Action item:** tune the alert threshold @di\n\n## Action items\n\n- Add a canary\n',
    expect: [['tune the alert threshold', '@di'], ['Add a canary', null]],
  },
  {
    shape: 'a bold-paragraph section asking the question',
    text: '# X\n\n**What are we doing to prevent it?**\n\n- Add contract tests (@qa)\n- Canary deploys\n\n**Bonus: a diagram**\n\n- not an item\n',
    expect: [['Add contract tests', '@qa'], ['Canary deploys', null]],
  },
  {
    shape: 'open tasks under "Remediation" when no section is named for action items',
    text: '# X\n\n## Remediation\n\n- [ ] Stage config rollouts — @jo\n- [x] Revert the change\n',
    expect: [['Stage config rollouts', '@jo'], ['Revert the change', null]],
  },
  {
    shape: 'an owner word before a mention, a due date after it',
    text: '# X\n\n## Next actions\n\n- [ ] Tune alert thresholds - owner @pat - due 2022-09-15\n',
    expect: [['Tune alert thresholds', '@pat']],
  },
  {
    shape: 'a plain-text document: "Action items:" label line and a list',
    text: 'Incident: Email delay\nDate: 2023-03-21\n\nAction items:\n\n- Monitor certificate expiry (owner: Lin)\n- Add a second provider (owner: Raj)\n',
    expect: [['Monitor certificate expiry', 'Lin'], ['Add a second provider', 'Raj']],
  },
  {
    shape: 'owners as names: "Name to/will", a full name after a dash, [Owner: X], (assigned to X), an "Assigned To" column',
    text: '# X\n\n## Action items\n\n- Alice to add alerting on queue depth\n- Bob will update the runbook\n- Subscribe to the announce list\n- We will review the rota\n- Add a canary stage — Jane Doe\n- Move the database - Postgres\n- Pin base images [Owner: Carl]\n- Rotate keys (assigned to Dana)\n\n| Item | Assigned To |\n|---|---|\n| Add rate limits | Eve |\n',
    expect: [
      ['Alice to add alerting on queue depth', 'Alice'], ['Bob will update the runbook', 'Bob'], ['Subscribe to the announce list', null],
      ['We will review the rota', null], ['Add a canary stage', 'Jane Doe'], ['Move the database - Postgres', null], ['Pin base images', 'Carl'],
      ['Rotate keys', 'Dana'], ['Add rate limits', 'Eve'],
    ],
  },
  {
    shape: 'a name in closing brackets, with a due date after it (a product or a verb there is no owner)',
    text: '# X\n\n## Follow-ups\n\n- Add queue dashboards (Pat, Sept 30)\n- Add a canary stage (Jane Doe)\n- Upgrade the driver (Postgres 16)\n- Scale the workers (see the runbook)\n',
    expect: [['Add queue dashboards', 'Pat'], ['Add a canary stage', 'Jane Doe'], ['Upgrade the driver (Postgres 16)', null], ['Scale the workers (see the runbook)', null]],
  },
  {
    shape: 'a table whose action column has no telling name, beside a # column; Who and When columns',
    text: '# X\n\n## Follow-ups\n\n| # | Change | Who | When |\n|---|---|---|---|\n| 1 | Add a canary stage | Ana | 2024-06-01 |\n| 2 | Pin base images | Bo | 2024-07-01 |\n',
    expect: [['Add a canary stage', 'Ana'], ['Pin base images', 'Bo']],
  },
];

describe('action items in every shape', () => {
  for (const c of cases) it(c.shape, () => assert.deepEqual(items(c.text), c.expect));
});
