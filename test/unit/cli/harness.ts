/** Runs the CLI in-process with captured streams, in a folder of its own (a temp copy of a fixture workspace). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../../cli/main';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(cwd: string, argv: string[], options: { env?: Record<string, string | undefined>; tty?: boolean } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    cwd,
    env: options.env ?? {},
    stdout: { write: (s: string) => { stdout += s; }, isTTY: options.tty ?? false },
    stderr: { write: (s: string) => { stderr += s; } },
    stdin: new PassThrough(),
    setExitCode: () => {},
  });
  return { code, stdout, stderr };
}

export const FIXTURE_WORKSPACE = path.resolve(__dirname, '../../fixtures/workspace');

/** A fresh temp folder, optionally with a copy of the fixture workspace's postmortems. */
export function tempWorkspace(withFixtures = true): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-cli-'));
  if (withFixtures) fs.cpSync(path.join(FIXTURE_WORKSPACE, 'postmortems'), path.join(dir, 'postmortems'), { recursive: true });
  return dir;
}

export function write(dir: string, file: string, text: string | Buffer): string {
  const full = path.join(dir, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
  return full;
}

/** A small postmortem with one error-level finding when `resolved` comes before `started`. */
export function postmortem(options: { resolvedBeforeStarted?: boolean; title?: string } = {}): string {
  return [
    '---',
    `title: ${options.title ?? 'Queue backlog after broker failover'}`,
    'id: INC-1',
    'severity: SEV2',
    'status: draft',
    'date: 2024-03-12',
    'started: 2024-03-12 08:10 UTC',
    'detected: 2024-03-12 08:19 UTC',
    'mitigated: 2024-03-12 09:02 UTC',
    `resolved: ${options.resolvedBeforeStarted ? '2024-03-12 07:00 UTC' : '2024-03-12 09:34 UTC'}`,
    '---',
    '',
    '# Queue backlog',
    '',
    '## Summary',
    '',
    'Webhook deliveries were delayed for 84 minutes after a planned broker failover.',
    '',
    '## Impact',
    '',
    'About 4,000 webhook deliveries (12%) were delayed by up to 80 minutes for 84 minutes.',
    '',
    '## Timeline',
    '',
    '| Time (UTC) | Event |',
    '| --- | --- |',
    '| 08:02 | Planned failover of the primary queue broker began |',
    '| 08:10 | Webhook delivery latency rose above 5 minutes |',
    '| 08:19 | Latency alert fired for webhook delivery |',
    '| 09:02 | Backlog drained, delivery latency under 30 seconds |',
    '| 09:34 | Broker pair healthy again, incident resolved |',
    '',
    '## Contributing factors',
    '',
    '- Consumers cached the broker address and were not told about the failover.',
    '',
    '## Action items',
    '',
    '- [ ] Resolve the broker address on reconnect (owner: @kai, due: 2024-03-30, type: prevent)',
    '',
  ].join('\n');
}
