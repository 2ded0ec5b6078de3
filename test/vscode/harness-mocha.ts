/**
 * Creates the mocha instance of the in-VS Code suite and defines the TDD globals (`suite`, `test`,
 * `suiteSetup`...) BEFORE the test files are evaluated. index.ts imports this module first, and esbuild
 * keeps import order, so the statically imported test files register their suites on this instance.
 *
 * mocha is pinned to 11 (CommonJS): `require('mocha')` is the constructor. mocha 12 is ESM-only and would
 * need `require('mocha').Mocha` (see shared docs "real-vscode.md").
 */
import Mocha from 'mocha';

export const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000 });
mocha.suite.emit('pre-require', globalThis, 'vscode-suite', mocha);
