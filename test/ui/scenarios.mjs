// The UI scenarios: what a person does in the real workbench, checked on what a person sees.
// Each gets a fresh browser context (fresh workbench state) on the same server and workspace copy.
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { waitFor } from '../vscode/harness-server.mjs';
import {
  DIALOG_RECORDER, MOD, QUICK_INPUT_BOX, QUICK_ROWS, childFrames, cursorLine, editorText, focusEditorTab, frameText, frameWith, goToLine, openProblems, problemsRows,
  quickInputPrompt, quickInputVisible, quickOpen, quickPickRows, recordedDialogs, runCommand, screenshot, waitForEditorText,
} from './harness.mjs';

/** 1-based line of the first line of a file that contains `needle`. */
function fileLine(file, needle) {
  const i = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `${path.basename(file)} has "${needle}"`);
  return i + 1;
}

/** Answers the visible quick input: a quick pick row matching `pick`, or typed text. */
async function answer(page, { text, pick }) {
  if (pick) {
    // Click the row, as a person would (the list's rows are recycled DOM; only visible ones count).
    const row = page.locator(`${QUICK_ROWS}:visible`).filter({ hasText: pick }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await row.click();
    return;
  }
  // Type into the input box once it has focus and its prefill (if any) is in; check the value took.
  const input = page.locator(`${QUICK_INPUT_BOX}:visible`).first();
  await waitFor(async () => {
    await input.click();
    await page.keyboard.press(`${MOD}+A`);
    await page.keyboard.type(text);
    return (await input.inputValue()) === text;
  }, { timeout: 10_000, interval: 300, what: `"${text}" in the input box` });
  await page.keyboard.press('Enter');
}

export const scenarios = [
  {
    name: 'new-postmortem',
    title: 'F1 New Postmortem: answering its prompts creates a file from the template',
    async run({ page, workspace }) {
      await runCommand(page, 'Postmortem: New Postmortem');
      const answers = [
        [/\(1\/5\)|title/i, { text: 'Payment queue backlog' }],
        [/\(2\/5\)|incident id/i, { text: 'INC-2024-0612' }],
        [/\(3\/5\)|severity/i, { pick: /^\s*SEV2/ }],
        [/\(4\/5\)|start/i, { text: '2024-06-12 09:30' }],
        [/\(5\/5\)|template/i, { pick: /full/i }],
      ];
      const expected = path.join(workspace, 'postmortems/2024-06-12-payment-queue-backlog.md');
      let step = 0;
      let lastPrompt = '';
      while (step < answers.length) {
        // The next prompt (its text differs from the last one answered), or the file (template step skipped).
        const prompt = await waitFor(async () => {
          if (fs.existsSync(expected)) return 'done';
          if (!(await quickInputVisible(page))) return null;
          const p = await quickInputPrompt(page);
          return p && p !== lastPrompt ? p : null;
        }, { timeout: 20_000, what: `prompt ${step + 1} of New Postmortem` });
        if (prompt === 'done') break;
        const k = answers.findIndex(([re], idx) => idx >= step && re.test(prompt));
        assert.ok(k >= step, `an expected prompt (step ${step + 1}), got: ${prompt}`);
        if (k === answers.length - 1 || k === 2) await screenshot(page, `new-postmortem-step${k + 1}`);
        await answer(page, answers[k][1]);
        lastPrompt = prompt;
        step = k + 1;
      }
      await waitFor(() => fs.existsSync(expected), { what: `${expected} to be written` });
      await waitForEditorText(page, 'Payment queue backlog');
      const text = await editorText(page);
      assert.match(text, /Summary/, 'the editor shows the template (Summary section)');
      const onDisk = fs.readFileSync(expected, 'utf8');
      assert.match(onDisk, /severity: SEV2/);
      assert.match(onDisk, /INC-2024-0612/);
      assert.match(onDisk, /2024-06-12 09:30/);
      assert.match(onDisk, /^## Timeline/m);
      // The explorer shows the new file (it reveals the active editor's file).
      await page.keyboard.press(`${MOD}+Shift+E`);
      await waitFor(async () => (await page.$$eval('.explorer-folders-view .monaco-list-row', (rs) => rs.map((r) => r.textContent))).some((t) => t?.includes('2024-06-12-payment-queue-backlog.md')),
        { timeout: 15_000, what: 'the new file in the explorer' });
      await screenshot(page, 'new-postmortem');
    },
  },
  {
    name: 'problems-quick-fix',
    title: 'Problems panel lists "Missing section"; the light-bulb quick fix inserts the heading',
    async run({ page, workspace }) {
      const file = path.join(workspace, 'postmortems/ui-quickfix.md');
      await quickOpen(page, 'ui-quickfix.md');
      await openProblems(page);
      const rows = await waitFor(async () => {
        const r = await problemsRows(page);
        return r.some((t) => /missing section/i.test(t) && /impact/i.test(t)) ? r : null;
      }, { timeout: 30_000, what: 'a "Missing section ... Impact" row in the Problems panel' });
      await screenshot(page, 'problems-panel');
      const row = rows.find((t) => /missing section/i.test(t) && /impact/i.test(t));
      const m = /Ln (\d+)/.exec(row) ?? /\[(\d+),\s*\d+\]/.exec(row);
      assert.ok(m, `the Problems row shows the diagnostic's line: ${row}`);
      const line = Number(m[1]);
      await focusEditorTab(page, 'ui-quickfix.md');
      await goToLine(page, line);
      await page.keyboard.press(`${MOD}+.`);
      const actions = await waitFor(async () => {
        const r = await page.$$eval('.action-widget .monaco-list-row', (rs) => rs.map((x) => x.textContent ?? '')).catch(() => []);
        return r.some((t) => /impact/i.test(t)) ? r : null;
      }, { timeout: 15_000, what: 'an Impact quick fix in the light-bulb menu' });
      await screenshot(page, 'quick-fix-menu');
      // Move the menu's focus to the "Insert section 'Impact'" row with the arrow keys, then Enter.
      await waitFor(async () => {
        const focused = await page.$eval('.action-widget .monaco-list-row.focused', (r) => r.getAttribute('aria-label') ?? r.textContent ?? '').catch(() => '');
        if (/impact/i.test(focused)) return true;
        await page.keyboard.press('ArrowDown');
        return false;
      }, { timeout: 10_000, interval: 200, what: `the Impact quick fix focused in ${JSON.stringify(actions)}` });
      await page.keyboard.press('Enter');
      await waitForEditorText(page, /##\s+Impact/);
      // On disk after Ctrl+S (autoSave is off), at its canonical place: after Summary, before Timeline.
      await page.keyboard.press(`${MOD}+S`);
      const saved = await waitFor(() => { const t = fs.readFileSync(file, 'utf8'); return /^##\s+Impact\s*$/m.test(t) ? t : null; }, { what: 'the saved file to have ## Impact' });
      const at = (re) => saved.split('\n').findIndex((l) => re.test(l));
      assert.ok(at(/^## Summary/) < at(/^##\s+Impact/) && at(/^##\s+Impact/) < at(/^## Timeline/), `Impact between Summary and Timeline:\n${saved}`);
      await waitFor(async () => !(await problemsRows(page)).some((t) => /missing section/i.test(t) && /impact/i.test(t)), { timeout: 20_000, what: 'the Impact problem to go' });
      await screenshot(page, 'quick-fix-applied');
    },
  },
  {
    name: 'timeline-preview',
    title: 'Timeline preview shows entries and durations, reveals lines on click and with the keyboard, follows typing',
    async run({ page, workspace }) {
      const file = path.join(workspace, 'postmortems/ui-preview.md');
      await quickOpen(page, 'ui-preview.md');
      await runCommand(page, 'Postmortem: Open Timeline Preview');
      const frame = await frameWith(page, 'li.entry', 30_000);
      const text = await waitFor(async () => { const t = await frameText(frame); return /Deploy of checkout-api/.test(t) ? t : null; }, { what: 'entries in the preview' });
      assert.match(text, /Alert fired/);
      const durations = await frame.$$eval('dl.durations dd', (dds) => dds.map((d) => d.textContent ?? ''));
      assert.ok(durations.some((d) => /\d+\s*(min|h)\b/.test(d)), `durations shown: ${JSON.stringify(durations)}`);
      await screenshot(page, 'timeline-preview');
      // Click an entry: the editor's cursor goes to its line.
      const target = fileLine(file, 'Alert fired');
      await frame.locator('li.entry', { hasText: 'Alert fired' }).first().click();
      await focusEditorTab(page, 'ui-preview.md');
      await waitFor(async () => (await cursorLine(page)) === target, { timeout: 10_000, what: `the cursor on line ${target} (at ${await cursorLine(page)})` });
      // With the keyboard only: from the focused entry, ArrowDown moves to the next entry (its aria-label says
      // which), Enter reveals its line in the editor.
      await frame.locator('li.entry', { hasText: 'Alert fired' }).first().focus();
      await page.keyboard.press('ArrowDown');
      const focused = await waitFor(async () => {
        const label = await frame.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
        return /First customer report/.test(label) ? label : null;
      }, { timeout: 10_000, what: 'ArrowDown to move focus to the next entry' });
      assert.match(focused, /14:12/, `the focused entry's aria-label carries its time: ${focused}`);
      await page.keyboard.press('Enter');
      const next = fileLine(file, 'First customer report');
      await focusEditorTab(page, 'ui-preview.md');
      await waitFor(async () => (await cursorLine(page)) === next, { timeout: 10_000, what: `Enter on an entry to put the cursor on line ${next} (at ${await cursorLine(page)})` });
      // Type a new entry under the last row: the preview shows it without saving. Markdown word-wraps, so
      // End would stop at the end of a visual line: go (Ctrl+G) to the blank line after the table instead,
      // type the row there and Enter.
      await goToLine(page, fileLine(file, '| 15:27 |') + 1);
      await page.keyboard.press('Home');
      await page.keyboard.type('| 15:45 | Status page updated: all clear |');
      await page.keyboard.press('Enter');
      await waitFor(async () => /Status page updated: all clear/.test(await frameText(frame)), { timeout: 15_000, what: 'the typed entry in the preview' });
      const entries = await frame.$$eval('li.entry', (lis) => lis.map((li) => li.textContent ?? ''));
      assert.equal(entries.length, 6, `six entries now: ${JSON.stringify(entries)}`);
      assert.ok(entries.some((t) => t.includes('15:27') && t.includes('incident resolved')), 'the 15:27 row is unchanged');
      assert.ok(!fs.readFileSync(file, 'utf8').includes('all clear'), 'the file was not saved (autoSave off): the preview follows the editor');
      await screenshot(page, 'timeline-preview-typed');
    },
  },
  {
    name: 'hostile-preview',
    title: 'Hostile Markdown in the preview shows as text and runs nothing',
    async run({ page, workspace, consoleLines }) {
      const files = ['hostile-ui.md'];
      if (fs.existsSync(path.join(workspace, 'postmortems/preview-hostile.md'))) files.push('preview-hostile.md');
      for (const name of files) {
        await quickOpen(page, name);
        await runCommand(page, 'Postmortem: Open Timeline Preview');
        const frame = await frameWith(page, 'li.entry', 30_000);
        // The recorders must really be there, or "no dialog was recorded" proves nothing. If the preview's frame
        // was written without running init scripts, the window.__pmPwned marker (set by every payload before it
        // calls alert) and the console check below still catch a script that ran.
        const recorder = await frame.evaluate(() => Array.isArray(window.__pmDialogs));
        if (!recorder) { await frame.evaluate(DIALOG_RECORDER); console.log('      note: dialog recorder installed after load in the preview frame'); }
        if (name === 'hostile-ui.md') {
          const text = await waitFor(async () => { const t = await frameText(frame); return t.includes('<script>') ? t : null; }, { what: 'the hostile entries as text' });
          assert.ok(text.includes('<img src=x onerror='), 'the <img> markup is shown as text');
        }
        await screenshot(page, `hostile-preview-${path.basename(name, '.md')}`);
        const live = await frame.evaluate(() => {
          const rootEl = document.getElementById('root') ?? document.body;
          return {
            elements: [...rootEl.querySelectorAll('script, img, style, iframe, object, embed, link, meta, form, svg script, foreignObject')].map((e) => e.outerHTML.slice(0, 80)),
            handlers: [...rootEl.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).map((e) => e.outerHTML.slice(0, 80)),
            jsLinks: [...rootEl.querySelectorAll('a')].filter((a) => /^\s*(javascript|data|vbscript):/i.test(a.getAttribute('href') ?? '')).map((a) => a.outerHTML.slice(0, 80)),
            csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null,
            pwned: (window).__pmPwned ?? null,
          };
        });
        assert.deepEqual(live.elements, [], 'no element of the entries became live DOM');
        assert.deepEqual(live.handlers, [], 'no inline event handler in the preview');
        assert.deepEqual(live.jsLinks, [], 'no javascript: link in the preview');
        assert.equal(live.pwned, null, 'no hostile script ran in the preview frame');
        assert.ok(live.csp, 'the preview page (inner frame) has a CSP');
        assert.match(live.csp, /default-src 'none'/);
        const scriptSrc = /script-src([^;]*)/.exec(live.csp)?.[1] ?? '';
        assert.ok(scriptSrc && !/unsafe-inline|unsafe-eval|\*/.test(scriptSrc), `script-src is strict: ${scriptSrc}`);
        // Nothing ran anywhere: no dialog recorded in any frame, no marker in any frame or console.
        for (const f of childFrames(page)) assert.equal(await f.evaluate(() => window.__pmPwned ?? null).catch(() => null), null, `no script ran in ${f.url().slice(0, 80)}`);
        assert.deepEqual(await recordedDialogs(page), [], 'no alert/confirm/prompt was called');
        // What the payloads and the dialog recorder print themselves: lines that start with their markers. The
        // workbench's own logs may quote the document (the tokenizer's "Time limit reached when tokenizing line: …"
        // on a slow machine), which is text, not execution.
        assert.deepEqual(consoleLines.filter((l) => /^(?:PM-DIALOG|PWNED)\b/.test(l)), [], 'no hostile console output');
      }
    },
  },
];
