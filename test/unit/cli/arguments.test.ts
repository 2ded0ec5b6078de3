import assert from 'node:assert/strict';
import { cli, tempWorkspace } from './harness';
import { VERSION } from '../../../cli/main';

describe('cli: arguments and exit codes', () => {
  const dir = tempWorkspace(false);

  it('--help lists every command and exits 0', async () => {
    const r = await cli(dir, ['--help']);
    assert.equal(r.code, 0);
    for (const c of ['check', 'metrics', 'model']) assert.match(r.stdout, new RegExp(`^\\s+${c}\\b`, 'm'));
  });

  it('COMMAND --help describes its options and exits 0', async () => {
    const r = await cli(dir, ['check', '--help']);
    assert.equal(r.code, 0);
    for (const o of ['--format', '--fix', '--fix-dry-run', '--max-warnings', '--cache', '--cache-location', '--config', '--jobs']) assert.ok(r.stdout.includes(o), o);
    assert.match(r.stdout, /Exit codes: 0/);
  });

  it('--version prints the version', async () => {
    const r = await cli(dir, ['--version']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), VERSION);
  });

  it('an unknown option is a usage error (2) with a suggestion and a hint', async () => {
    const r = await cli(dir, ['check', '--fxi']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option '--fxi'/);
    assert.match(r.stderr, /Did you mean --fix\?/);
    assert.match(r.stderr, /--help/);
  });

  it('an unknown command is a usage error (2)', async () => {
    const r = await cli(dir, ['chekc']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown command 'chekc'/);
  });

  it('a bad option value is a usage error (2) naming the option', async () => {
    for (const argv of [['check', '--max-warnings', 'many'], ['check', '--format', 'xml'], ['check', '--jobs', '-1'], ['metrics', '--format', 'yaml']]) {
      const r = await cli(dir, argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, /error: option/, argv.join(' '));
    }
  });

  it('--fix with --fix-dry-run, or --fix-dry-run with a format, is a usage error', async () => {
    assert.equal((await cli(dir, ['check', '--fix', '--fix-dry-run'])).code, 2);
    const r = await cli(dir, ['check', '--fix-dry-run', '--format', 'json']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot be combined/);
  });

  it('model without a file is a usage error', async () => {
    const r = await cli(dir, ['model']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /missing required argument 'file'/);
  });
});
