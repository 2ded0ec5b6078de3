import assert from 'node:assert/strict';
import { BUILTIN_SCHEMA_ID, MAX_SCHEMA_SIZE, SchemaValidator } from '../../../server/src/service/schema';
import { nullLogger, type Logger } from '../../../server/src/service/types';
import { buildValidationView } from '../../../server/src/service/validationView';
import { entry, item, loc, makeMetadata, makeModel, makeSections, rng } from './modelFactory';

const v = () => SchemaValidator.builtIn(nullLogger);
const byCode = (fs: { code: string }[], code: string) => fs.filter((f) => f.code === code);

describe('validation view', () => {
  it('normalises severity and status and keys sections by kind', () => {
    const model = makeModel({ metadata: makeMetadata({ severity: loc('Sev-2', 2, 10), status: loc('In-Review', 3, 8) }) });
    const { view, pointers } = buildValidationView(model);
    assert.equal(view.metadata.severity, 'SEV2');
    assert.equal(view.metadata.status, 'in review');
    assert.deepEqual(Object.keys(view.sections).sort(), ['action_items', 'contributing_factors', 'impact', 'summary', 'timeline']);
    assert.equal(pointers.get('/metadata/severity')?.written, 'Sev-2');
    assert.deepEqual(pointers.get('/sections/impact')?.range, rng(12, 0, 9));
  });
  it('holds the iso of a key time, or its raw text when unreadable', () => {
    const md = makeMetadata({ times: { started: { raw: '13:52', iso: '2024-05-01T13:52:00Z', range: rng(5, 9, 14), source: 'frontmatter' }, resolved: { raw: 'later', iso: null, range: rng(6, 10, 15), source: 'frontmatter' } } });
    const { view } = buildValidationView(makeModel({ metadata: md }));
    assert.equal(view.metadata.started, '2024-05-01T13:52:00Z');
    assert.equal(view.metadata.resolved, 'later');
  });
});

describe('SchemaValidator (built-in schema)', () => {
  it('finds nothing wrong with a complete document', () => {
    assert.deepEqual(v().validate(makeModel()), []);
  });

  it('reports a missing section at the title line with a helpful message', () => {
    const fs = v().validate(makeModel({ sections: makeSections(['summary', 'timeline', 'contributing_factors', 'action_items']) }));
    assert.equal(fs.length, 1);
    const f = fs[0]!;
    assert.equal(f.code, 'missing-section');
    assert.deepEqual(f.data, { kind: 'impact' });
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.range, rng(6, 0, 17));
    assert.equal(f.message, 'Missing section: Impact — say who was affected and how much: duration, customers or requests affected, and a business metric');
  });

  it('reports missing metadata at the frontmatter opening line', () => {
    const fs = v().validate(makeModel({ metadata: makeMetadata({ severity: undefined, status: undefined }) }));
    // The data now also carries the allowed values (the missing-metadata quick fix offers one per value).
    assert.deepEqual(fs.map((f) => f.data), [{ key: 'severity', allowed: ['SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV5'] }, { key: 'status', allowed: ['draft', 'in review', 'reviewed', 'published', 'final'] }]);
    assert.ok(fs.every((f) => f.code === 'missing-metadata' && f.severity === 'warning'));
    assert.deepEqual(fs[0]!.range, rng(0, 0, 3));
    assert.match(fs[0]!.message, /^Missing metadata: Severity — How bad the incident was/);
  });

  it('reports missing metadata at the title heading when there is no frontmatter', () => {
    const fs = v().validate(makeModel({ metadata: makeMetadata({ frontmatter: null, status: undefined }) }));
    assert.equal(fs.length, 1);
    assert.deepEqual(fs[0]!.range, rng(6, 0, 17));
  });

  it('reports an unknown severity at its value, listing the allowed ones', () => {
    const fs = v().validate(makeModel({ metadata: makeMetadata({ severity: loc('SEV9', 2, 10) }) }));
    assert.equal(fs.length, 1);
    const f = fs[0]!;
    assert.equal(f.code, 'invalid-value');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.range, rng(2, 10, 14));
    assert.deepEqual((f.data as { allowed: string[] }).allowed, ['SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV5']);
    assert.equal((f.data as { key: string }).key, 'severity');
    assert.equal(f.message, "Severity 'SEV9' is not one of SEV1, SEV2, SEV3, SEV4, SEV5 (defined by schemas/postmortem.schema.json)");
  });

  it('reports an unknown status quoting what was written', () => {
    const fs = v().validate(makeModel({ metadata: makeMetadata({ status: loc('Done-ish', 3, 8) }) }));
    assert.equal(fs.length, 1);
    assert.match(fs[0]!.message, /^Status 'Done-ish' is not one of draft, in review/);
  });

  it('reports an unreadable key time with format date-time at the time', () => {
    const md = makeMetadata({ times: { resolved: { raw: 'around 5pm', iso: null, range: rng(5, 10, 20), source: 'frontmatter' } } });
    const fs = v().validate(makeModel({ metadata: md }));
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.code, 'invalid-value');
    assert.deepEqual(fs[0]!.range, rng(5, 10, 20));
    assert.match(fs[0]!.message, /^Resolved 'around 5pm' is not a date and time .* ISO 8601/);
  });

  it('reports a bad metadata date and an action item with a bad type and an unreadable due date', () => {
    const md = makeMetadata({ date: loc('May 1st', 4, 6) });
    const items = [item('Add alerting', 30, { type: loc('fix', 30, 20, 23, 'inline'), due: { ...loc('next week', 30, 30, 39, 'inline'), raw: 'next week' } })];
    const fs = v().validate(makeModel({ metadata: md, actionItems: items }));
    const date = fs.find((f) => (f.data as { key: string }).key === 'date')!;
    assert.match(date.message, /^Date 'May 1st' is not a date; write it as YYYY-MM-DD/);
    const type = fs.find((f) => (f.data as { key: string }).key === 'type')!;
    assert.deepEqual(type.range, rng(30, 20, 23));
    assert.deepEqual((type.data as { allowed: string[] }).allowed, ['prevent', 'detect', 'mitigate', 'process']);
    const due = fs.find((f) => (f.data as { key: string }).key === 'due')!;
    assert.deepEqual(due.range, rng(30, 30, 39));
    assert.match(due.message, /^Due date 'next week' is not a date/);
  });

  it('reports a wrongly typed extra value with code schema', () => {
    const schema = JSON.stringify({ allOf: [{ $ref: BUILTIN_SCHEMA_ID }], properties: { metadata: { properties: { tags: { type: 'array', description: 'Tags.' } } } } });
    const md = makeMetadata({ extra: { tags: loc('db', 5, 6, 8) } });
    const fs = SchemaValidator.fromText(schema, 'team.json', nullLogger).validate(makeModel({ metadata: md }));
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.code, 'schema');
    assert.deepEqual(fs[0]!.data, { pointer: '/metadata/tags' });
    assert.deepEqual(fs[0]!.range, rng(5, 6, 8));
    assert.equal(fs[0]!.message, 'Tags should be a list (team.json)');
  });

  it('reports keys a closed schema does not allow at the key', () => {
    const schema = JSON.stringify({ properties: { metadata: { properties: { title: {}, severity: {}, status: {}, date: {} }, additionalProperties: false } } });
    const md = makeMetadata({ extra: { colour: loc('red', 5, 8, 11) } });
    const fs = SchemaValidator.fromText(schema, 'closed.json', nullLogger).validate(makeModel({ metadata: md }));
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.message, "Unknown metadata key 'colour': closed.json does not allow it");
    assert.deepEqual(fs[0]!.range, rng(5, 0, 6));
  });

  it('describes the schema: metadata keys, required sections in canonical order, severities, statuses', () => {
    const info = v().info();
    assert.deepEqual(info.requiredSections, ['summary', 'impact', 'timeline', 'contributing_factors', 'action_items']);
    assert.deepEqual(info.severities.map((s) => s.value), ['SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV5']);
    assert.ok(info.severities.every((s) => s.description.length > 10));
    assert.ok(info.statuses.some((s) => s.value === 'draft' && /written/.test(s.description)));
    const keys = info.metadataKeys.map((k) => k.key);
    for (const k of ['title', 'severity', 'status', 'owner', 'started', 'resolved', 'customersAffected']) assert.ok(keys.includes(k), k);
    assert.ok(info.metadataKeys.every((k) => k.description.length > 0));
  });
});

describe('SchemaValidator (team schemas)', () => {
  const team = JSON.stringify({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    allOf: [{ $ref: BUILTIN_SCHEMA_ID }],
    properties: {
      metadata: { required: ['team'], properties: { team: { title: 'Team', description: 'The team that owns the service.', enum: ['payments', 'search'], enumDescriptions: ['Payments team', 'Search team'] } } },
      sections: { required: ['detection'] },
      actionItems: { items: { required: ['ticket'] } },
    },
  });

  it('adds a required section and a required field on top of the built-in schema', () => {
    const validator = SchemaValidator.fromText(team, 'team.schema.json', nullLogger);
    assert.equal(validator.error, undefined);
    const fs = validator.validate(makeModel({ actionItems: [item('Add alerting', 30, { owner: loc('@al', 30, 20, 23, 'inline') })] }));
    const codes = fs.map((f) => `${f.code}:${JSON.stringify(f.data)}`).sort();
    // A required action-item field is the action-item-fields rule's (one finding per section), not a schema finding per row.
    assert.deepEqual(codes, ['missing-metadata:{"key":"team","allowed":["payments","search"]}', 'missing-section:{"kind":"detection"}']);
    const section = fs.find((f) => f.code === 'missing-section')!;
    assert.equal(section.message, 'Missing section: Detection — how the problem was noticed and how it could be noticed sooner (required by team.schema.json)');
    const info = validator.info();
    assert.deepEqual(info.actionItemRequired, ['owner', 'ticket']);
    assert.deepEqual(info.requiredSections, ['summary', 'impact', 'timeline', 'contributing_factors', 'detection', 'action_items']);
    assert.deepEqual(info.metadataKeys.find((k) => k.key === 'team')?.values, [{ value: 'payments', description: 'Payments team' }, { value: 'search', description: 'Search team' }]);
    assert.equal(info.severities.length, 5);
  });

  it('maps a oneOf of consts to a single invalid-value finding and reads its descriptions', () => {
    const schema = JSON.stringify({ properties: { metadata: { properties: { severity: { title: 'Severity', oneOf: [{ const: 'high', description: 'Bad' }, { const: 'low', description: 'Meh' }] } } } } });
    const validator = SchemaValidator.fromText(schema, 'sev.json', nullLogger);
    const fs = validator.validate(makeModel({ metadata: makeMetadata({ severity: loc('mid', 2, 10) }) }));
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.message, "Severity 'mid' is not one of high, low (defined by sev.json)");
    assert.deepEqual(validator.info().severities, [{ value: 'high', description: 'Bad' }, { value: 'low', description: 'Meh' }]);
  });

  it('reports broken JSON with its position and falls back to the built-in schema', () => {
    const warnings: string[] = [];
    const logger: Logger = { ...nullLogger, warn: (m) => warnings.push(m) };
    const validator = SchemaValidator.fromText('{\n  "type": "object",\n  oops\n}', 'bad.json', logger);
    assert.match(validator.error ?? '', /^Schema bad\.json is not valid JSON: .*line 3,? column 3\).*using the built-in schema instead\.$/);
    assert.equal(warnings.length, 1);
    const fs = validator.validate(makeModel({ metadata: makeMetadata({ severity: loc('SEV9', 2, 10) }) }));
    assert.match(fs[0]!.message, /defined by schemas\/postmortem\.schema\.json/);
  });

  it('reports valid JSON that is not a valid schema, with ajv\'s reason', () => {
    const validator = SchemaValidator.fromText('{"type": 12}', 'weird.json', nullLogger);
    assert.match(validator.error ?? '', /^Schema weird\.json is not a valid JSON Schema: schema is invalid: data\/type must be/);
    assert.equal(validator.info().severities.length, 5);
    assert.match(SchemaValidator.fromText('[1,2]', 'arr.json', nullLogger).error ?? '', /must be a JSON object/);
    assert.match(SchemaValidator.fromText('{"$schema": "http://json-schema.org/draft-04/schema#"}', 'd4.json', nullLogger).error ?? '', /draft-04.*not supported/);
  });

  it('reports an unresolvable $ref and never fetches it', () => {
    const validator = SchemaValidator.fromText(JSON.stringify({ allOf: [{ $ref: 'https://example.invalid/other.json' }] }), 'remote.json', nullLogger);
    assert.match(validator.error ?? '', /has a \$ref that cannot be resolved \(https:\/\/example\.invalid\/other\.json\)/);
    assert.deepEqual(validator.validate(makeModel()), []);
  });

  it('runs a pattern with nested repetition in linear time (RE2), and refuses one RE2 cannot run', () => {
    const schema = JSON.stringify({ properties: { metadata: { properties: { title: { pattern: '^((a+))+$' } } } } });
    const redos = SchemaValidator.fromText(schema, 'redos.json', nullLogger);
    assert.equal(redos.error, undefined);
    // 29 characters: with a backtracking engine this takes seconds; RE2 answers at once (budgeted by the mocha timeout).
    const title = loc('a'.repeat(28) + '!', 1, 8);
    const found = redos.validate(makeModel({ metadata: makeMetadata({ title }) }));
    assert.ok(found.some((f) => f.code === 'invalid-value' && /does not have the form/.test(f.message)));
    const backref = JSON.stringify({ properties: { metadata: { properties: { title: { pattern: '^(a)\\1$' } } } } });
    assert.match(SchemaValidator.fromText(backref, 'backref.json', nullLogger).error ?? '', /linear-time engine cannot run \(\^\(a\)\\1\$\)/);
    const fine = JSON.stringify({ properties: { metadata: { properties: { incidentId: { pattern: '^INC-[0-9]+$' } } } } });
    const validator = SchemaValidator.fromText(fine, 'ok.json', nullLogger);
    assert.equal(validator.error, undefined);
    const fs = validator.validate(makeModel({ metadata: makeMetadata({ incidentId: loc('1234', 5, 12) }) }));
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.code, 'invalid-value');
    assert.equal(fs[0]!.message, "Incident ID '1234' does not have the form ok.json requires (^INC-[0-9]+$)");
  });

  it('refuses an oversized schema', () => {
    const validator = SchemaValidator.fromText(' '.repeat(MAX_SCHEMA_SIZE + 1), 'big.json', nullLogger);
    assert.match(validator.error ?? '', /too large/);
  });

  it('compiles each schema text once', () => {
    const a = SchemaValidator.fromText(team, 'a.json', nullLogger);
    const b = SchemaValidator.fromText(team, 'b.json', nullLogger);
    assert.equal((a as unknown as { compiled: unknown }).compiled, (b as unknown as { compiled: unknown }).compiled);
    assert.equal(b.origin, 'b.json');
  });

  it('reports timeline schema errors at the entry', () => {
    const schema = JSON.stringify({ properties: { timeline: { items: { properties: { text: { minLength: 5 } } } } } });
    const fs = SchemaValidator.fromText(schema, 't.json', nullLogger).validate(makeModel({ timeline: [entry('14:03', '2024-05-01T14:03:00Z', 20, { text: 'ok' })] }));
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.code, 'schema');
    assert.deepEqual(fs[0]!.range, rng(20, 0, 30));
    assert.equal(byCode(fs, 'schema').length, 1);
  });
});

describe('SchemaValidator: a file that is not JSON', () => {
  it('never echoes the file content in the message', () => {
    const secret = 'root:x:0:0:root:/root:/bin/bash\nSECRET_TOKEN=abc123\n';
    const validator = SchemaValidator.fromText(secret, '/w/s.json', nullLogger);
    assert.match(validator.error ?? '', /is not valid JSON/);
    for (const piece of ['root', 'bash', 'SECRET', 'abc123']) assert.ok(!(validator.error ?? '').includes(piece), piece);
  });
});
