// The Linear adapter (core/trackers/linear.ts) through @linear/sdk's GraphQL client against the local Linear
// stand-in, which validates every operation against the schema in servers/linearSchema.ts; that schema is in
// turn checked field by field against the types @linear/sdk generated from Linear's real schema.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { GraphQLInputObjectType, GraphQLObjectType, parse, validate, type GraphQLField, type GraphQLInputField } from 'graphql';
import * as linear from '../../core/trackers/linear';
import { TICKET_LABEL, TrackerError, type Tracker, type TrackerDeps } from '../../core/trackers/types';
import { FakeLinear, LINEAR_API_KEY } from './servers/linear';
import { linearSchema } from './servers/linearSchema';
import { assertExactlyOne, draft, ensureAll, ensureTickets, freshSetup, type RecordedPolicy } from './support';

/** The generated TypeScript of @linear/sdk, the closest thing to Linear's schema the package ships. */
function sdkTypes(): string {
  const dist = path.join(path.dirname(require.resolve('@linear/sdk/package.json')), 'dist');
  return fs.readdirSync(dist).filter((f) => f.endsWith('.d.mts')).map((f) => fs.readFileSync(path.join(dist, f), 'utf8')).join('\n');
}

/** `InputMaybe<Array<Scalars["String"]>>` -> `[String!]`, as GraphQL prints the type. */
function graphqlTypeOf(ts: string, optional: boolean): string {
  const inner = (t: string): string => {
    const maybe = /^(?:Input)?Maybe<(.*)>$/.exec(t);
    if (maybe) return nullable(inner(maybe[1]!));
    const array = /^Array<(.*)>$/.exec(t);
    if (array) return `[${inner(array[1]!)}]!`;
    const scalar = /^Scalars\["(\w+)"\]$/.exec(t);
    return `${scalar ? scalar[1] : t}!`;
  };
  const nullable = (t: string): string => (t.endsWith('!') ? t.slice(0, -1) : t);
  const printed = inner(ts.trim());
  return optional ? nullable(printed) : printed;
}

function declaredFields(source: string, typeName: string): Map<string, string> | undefined {
  const start = source.search(new RegExp(`^type ${typeName} = (?:[\\w ]+& )?\\{$`, 'm'));
  if (start < 0) return undefined;
  const block = source.slice(start, source.indexOf('\n};', start));
  const fields = new Map<string, string>();
  for (const m of block.matchAll(/^ {2}(\w+)(\??): (.+);$/gm)) fields.set(m[1]!, graphqlTypeOf(m[3]!, m[2] === '?'));
  return fields;
}

describe('Linear adapter against the local Linear server', () => {
  let server: FakeLinear;
  let policy: RecordedPolicy;
  let logs: string[];

  function tracker(deps: Partial<TrackerDeps> = {}): Tracker {
    return linear.createTracker(
      { kind: 'linear', apiUrl: `${server.server.url}/graphql`, team: 'ENG', labels: ['postmortem'] },
      { credentials: { token: LINEAR_API_KEY }, retry: policy, log: (m) => logs.push(m), ...deps },
    );
  }

  beforeEach(async () => {
    ({ fake: server, policy, logs } = await freshSetup(new FakeLinear()));
  });
  afterEach(() => server.stop());

  it('the test schema agrees with the types @linear/sdk generated from Linear\'s schema', () => {
    const source = sdkTypes();
    let checked = 0;
    for (const type of Object.values(linearSchema.getTypeMap())) {
      if (type.name.startsWith('__') || !(type instanceof GraphQLObjectType || type instanceof GraphQLInputObjectType)) continue;
      const declared = declaredFields(source, type.name);
      assert.ok(declared, `@linear/sdk declares ${type.name}`);
      for (const field of Object.values(type.getFields()) as (GraphQLField<unknown, unknown> | GraphQLInputField)[]) {
        assert.equal(declared.get(field.name), String(field.type), `${type.name}.${field.name}`);
        checked++;
        if (!('args' in field) || !(type.name === 'Query' || type.name === 'Mutation')) continue;
        const args = declaredFields(source, `${type.name}${field.name[0]!.toUpperCase()}${field.name.slice(1)}Args`);
        for (const arg of field.args) {
          assert.equal(args?.get(arg.name), String(arg.type), `${type.name}.${field.name}(${arg.name})`);
          checked++;
        }
      }
    }
    assert.ok(checked > 60, `checked ${checked} fields and arguments`);
  });

  it('every document the adapter sends is valid against that schema', () => {
    const documents = Object.entries(linear).filter(([name, value]) => /_(QUERY|CREATE|BY_ID|BY_KEY)$/.test(name) && typeof value === 'string');
    assert.equal(documents.length, 7);
    for (const [name, text] of documents) assert.deepEqual(validate(linearSchema, parse(text as string)).map((e) => e.message), [], name);
  });

  it('the client-chosen id is a UUID in v4 form, the same for the same marker', () => {
    const id = linear.issueIdFor('pm-1a2b3c01');
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(linear.issueIdFor('pm-1a2b3c01'), id);
    assert.notEqual(linear.issueIdFor('pm-1a2b3c02'), id);
  });

  it('creates with team, labels (made when missing), assignee by email, due date, priority; a second run creates nothing', async () => {
    const drafts = [draft(1, { assignee: 'alice@example.com', due: '2026-02-01', priority: 'P2', type: 'mitigate' }), draft(2)];
    const first = await ensureTickets(tracker(), drafts);
    assert.deepEqual(first.created, drafts.map((d) => d.marker));
    const input = server.createInputs[0]!;
    assert.equal(input.id, linear.issueIdFor(drafts[0]!.marker));
    assert.equal(input.teamId, 'team-eng');
    assert.equal(input.description, drafts[0]!.body);
    assert.equal(input.assigneeId, server.users[0]!.id);
    assert.equal(input.dueDate, '2026-02-01');
    assert.equal(input.priority, 2);
    const names = (input.labelIds as string[]).map((id) => server.labels.find((l) => l.id === id)!.name);
    assert.deepEqual(names, [TICKET_LABEL, 'postmortem', 'incident-42', 'mitigate']);
    assert.equal(server.labels.find((l) => l.name === TICKET_LABEL)!.team?.key, 'ENG');
    assert.equal(server.labels.filter((l) => l.name === 'postmortem').length, 1, 'the workspace label is reused');
    const ref = first.tickets.get(drafts[0]!.marker)!;
    assert.match(ref.key, /^ENG-\d+$/);
    assert.equal(ref.url, `${server.server.url}/issue/${ref.key}`);
    assert.equal(ref.state, 'open');
    assert.equal((await ensureTickets(tracker(), drafts)).created.length, 0);
    assertExactlyOne(server, drafts);
  });

  it('a response lost after the issue was made: the retry with the same id makes nothing new', async () => {
    server.inject({ kind: 'lose-response', body: /PostmortemIssueCreate/ });
    const drafts = [draft(1), draft(2)];
    const runs = await ensureAll(() => tracker(), drafts);
    assert.equal(runs[0]!.failed.size, 0);
    assertExactlyOne(server, drafts);
    assert.equal(server.server.log.filter((r) => r.fault === 'lose-response').length, 1);
  });

  it('a label whose creation answer was lost is found by name, not made twice', async () => {
    server.inject({ kind: 'lose-response', body: /PostmortemLabelCreate/ });
    await ensureAll(() => tracker(), [draft(1)]);
    assert.equal(server.labels.filter((l) => l.name === TICKET_LABEL).length, 1);
    assertExactlyOne(server, [draft(1)]);
  });

  it('a 500 on create: retried, one issue', async () => {
    server.inject({ kind: 'error-500', body: /PostmortemIssueCreate/, times: 2 });
    const drafts = [draft(1)];
    const runs = await ensureAll(() => tracker(), drafts);
    assert.equal(runs[0]!.failed.size, 0);
    assertExactlyOne(server, drafts);
    assert.equal(policy.waits.length, 2);
  });

  it('RATELIMITED (HTTP 400 + X-RateLimit-Requests-Reset): waits until the reset', async () => {
    server.inject({ kind: 'rate-limit', retryAfter: 4, body: /PostmortemIssueCreate/ });
    const drafts = [draft(1)];
    await ensureAll(() => tracker(), drafts);
    assertExactlyOne(server, drafts);
    assert.equal(policy.waits.length, 1);
    assert.ok(policy.waits[0]! > 3000 && policy.waits[0]! <= 4000, `waited ${policy.waits[0]} ms`);
  });

  it('a slow answer past the request timeout: one issue', async () => {
    server.inject({ kind: 'slow', delayMs: 1500, body: /PostmortemIssueCreate/ });
    const drafts = [draft(1)];
    const runs = await ensureAll(() => tracker({ timeoutMs: 300 }), drafts);
    assert.equal(runs[0]!.failed.size, 0);
    assertExactlyOne(server, drafts);
  });

  it('an expired API key: asks to sign in again, never shows the key', async () => {
    server.inject({ kind: 'expired-token' });
    const error = await tracker().findByMarkers([draft(1).marker]).catch((e: unknown) => e);
    assert.ok(error instanceof TrackerError);
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /Sign in again/);
    assert.ok(!JSON.stringify([error.message, logs]).includes(LINEAR_API_KEY));
  });

  it('an unknown team says which', async () => {
    const error = await linear.createTracker({ kind: 'linear', apiUrl: `${server.server.url}/graphql`, team: 'NOPE' }, { credentials: { token: LINEAR_API_KEY }, retry: policy })
      .create(draft(1)).catch((e: unknown) => e);
    assert.ok(error instanceof TrackerError);
    assert.equal(error.kind, 'not-found');
    assert.match(error.message, /no team with the key NOPE/);
  });

  it('status: open, closed (completed, canceled), deleted (trashed or gone), moved (new identifier)', async () => {
    const drafts = [1, 2, 3, 4, 5, 6].map((n) => draft(n));
    const { tickets } = await ensureTickets(tracker(), drafts);
    const [, done, canceled, trashed, gone, moved] = drafts.map((d) => server.issuesWithMarker(d.marker)[0]!);
    server.complete(done!);
    server.complete(canceled!, 'canceled');
    server.trash(trashed!);
    server.issues = server.issues.filter((i) => i !== gone);
    server.move(moved!, 'OPS');
    const states = await tracker().status(drafts.map((d) => tickets.get(d.marker)!));
    assert.deepEqual(drafts.map((d) => states.get(d.marker)!.state), ['open', 'closed', 'closed', 'deleted', 'deleted', 'moved']);
    assert.equal(states.get(drafts[5]!.marker)!.movedTo, moved!.url);
  });
});
