// Mocha reporter: prints like `spec` and also writes { passed, failed, failures } to
// $POSTMORTEM_RESULTS (a JSON file) so scripts/test-all.mjs can sum every suite.
const Mocha = require('mocha');
const fs = require('node:fs');
const path = require('node:path');
const Spec = Mocha.reporters.Spec;
const { EVENT_RUN_END, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;

class ResultsReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    const results = { passed: 0, failed: 0, pending: 0, failures: [] };
    runner.on(EVENT_TEST_PASS, () => results.passed++);
    runner.on(EVENT_TEST_PENDING, () => results.pending++);
    runner.on(EVENT_TEST_FAIL, (test, err) => {
      results.failed++;
      results.failures.push({ title: test.fullTitle(), message: String(err && err.message) });
    });
    runner.once(EVENT_RUN_END, () => {
      const out = process.env.POSTMORTEM_RESULTS;
      if (!out) return;
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out + '.tmp', JSON.stringify(results, null, 2));
      fs.renameSync(out + '.tmp', out);
    });
  }
}
module.exports = ResultsReporter;
