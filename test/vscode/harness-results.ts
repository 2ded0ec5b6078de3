/**
 * Records what a mocha run did in the shape scripts/test-all.mjs sums
 * (`{ passed, failed, pending, failures: [{ title, message }] }`) plus `log`, spec-like output lines
 * that the runners print, since the extension host's console is not the terminal.
 */
import type Mocha from 'mocha';

export interface Results {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; message: string }[];
  log: string[];
}

export class ResultsRecorder {
  readonly results: Results = { passed: 0, failed: 0, pending: 0, failures: [], log: [] };

  private line(text: string): void {
    this.results.log.push(text);
    console.log(text);
  }

  attach(runner: Mocha.Runner): void {
    let depth = 0;
    runner.on('suite', (s: Mocha.Suite) => {
      if (s.title) this.line(`${'  '.repeat(depth)}${s.title}`);
      if (s.title) depth++;
    });
    runner.on('suite end', (s: Mocha.Suite) => {
      if (s.title) depth--;
    });
    runner.on('pass', (t: Mocha.Test) => {
      this.results.passed++;
      this.line(`${'  '.repeat(depth)}✔ ${t.title} (${t.duration ?? 0} ms)`);
    });
    runner.on('pending', (t: Mocha.Test) => {
      this.results.pending++;
      this.line(`${'  '.repeat(depth)}- ${t.title}`);
    });
    runner.on('fail', (t: Mocha.Test | Mocha.Hook, err: Error) => {
      this.results.failed++;
      const title = t.fullTitle();
      const message = String(err?.message ?? err);
      this.results.failures.push({ title, message });
      this.line(`${'  '.repeat(depth)}✘ ${t.title}\n${'  '.repeat(depth + 2)}${(err?.stack ?? message).split('\n').slice(0, 8).join(`\n${'  '.repeat(depth + 2)}`)}`);
    });
    runner.once('end', () => {
      const r = this.results;
      this.line(`\n${r.passed} passing, ${r.failed} failing${r.pending ? `, ${r.pending} pending` : ''}`);
    });
  }
}
