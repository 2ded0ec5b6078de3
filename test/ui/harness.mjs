// Helpers that drive the real VS Code workbench (code-server's VS Code 1.100.3 in headless Chromium)
// the way a person does: keyboard, command palette, Problems panel, editor, webview frames.
// Every wait polls a condition with a bounded timeout (see waitFor); no fixed sleeps.
import fs from 'node:fs';
import path from 'node:path';
import { root, waitFor } from '../vscode/harness-server.mjs';

export const screenshotDir = path.join(root, 'test-results/screenshots');
export const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

export async function screenshot(page, name) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Opens the workbench and waits until it is usable (workbench shell and the status bar rendered). */
export async function openWorkbench(page, url) {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.waitForSelector('.statusbar', { timeout: 60_000 });
  // Explorer rows appear once the folder is read.
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
}

const quickInput = '.quick-input-widget';
export const QUICK_INPUT_BOX = '.quick-input-widget .quick-input-box input';
export const QUICK_ROWS = '.quick-input-widget .quick-input-list .monaco-list-row';

export async function quickInputVisible(page) {
  return page.$eval(quickInput, (el) => getComputedStyle(el).display !== 'none').catch(() => false);
}

/** Text of the rows of the visible quick pick list. */
export async function quickPickRows(page) {
  return page.$$eval(QUICK_ROWS, (rows) => rows.filter((r) => r.offsetParent !== null).map((r) => r.textContent ?? '')).catch(() => []);
}

/** Title, prompt and placeholder text of the visible quick input. */
export async function quickInputPrompt(page) {
  return page.$eval(quickInput, (el) => {
    const t = (s) => el.querySelector(s)?.textContent ?? '';
    const input = el.querySelector('.quick-input-box input');
    return [t('.quick-input-title'), t('.quick-input-message'), input?.getAttribute('placeholder') ?? '', input?.getAttribute('aria-label') ?? ''].join(' | ');
  }).catch(() => '');
}

/**
 * F1, type a command title, wait until a row shows it, Enter. The palette lists commands whose `when` clause
 * held when it opened (e.g. postmortem.isPostmortem, set once the server has classified the document), so a
 * palette without the command is closed and opened again until `timeout`.
 */
export async function runCommand(page, title, timeout = 30_000) {
  await waitFor(async () => {
    await page.keyboard.press('F1');
    await page.waitForSelector(`${quickInput} .quick-input-box input`, { state: 'visible' });
    await page.keyboard.type(title);
    const listed = await waitFor(async () => (await quickPickRows(page)).some((r) => r.includes(title)), { timeout: 3_000, what: title }).catch(() => false);
    if (!listed) await page.keyboard.press('Escape');
    return listed;
  }, { timeout, interval: 200, what: `command "${title}" in the palette` });
  await page.keyboard.press('Enter');
}

/** Ctrl+P, type a file name, wait until a row holds it (not the "recently opened" walkthrough), Enter. */
export async function quickOpen(page, fileName) {
  await page.keyboard.press(`${MOD}+P`);
  await page.waitForSelector(`${quickInput} .quick-input-box input`, { state: 'visible' });
  await page.keyboard.type(fileName);
  await waitFor(async () => (await quickPickRows(page)).some((r) => r.includes(fileName)), { timeout: 15_000, what: `"${fileName}" in quick open` });
  await page.keyboard.press('Enter');
  await waitForActiveTab(page, fileName);
}

export async function activeTabLabel(page) {
  return page.$eval('.editor-group-container.active .tab.active', (el) => el.getAttribute('aria-label') ?? el.textContent ?? '').catch(() => '');
}

export async function waitForActiveTab(page, name, timeout = 15_000) {
  await waitFor(async () => (await activeTabLabel(page)).includes(name), { timeout, what: `the editor tab "${name}"` });
}

/** Clicks the tab of a file (in any group) so the editor has focus and the status bar shows "Ln N". */
export async function focusEditorTab(page, name) {
  const tab = page.locator('.tabs-container .tab', { hasText: name }).first();
  await tab.click();
  await waitFor(async () => (await activeTabLabel(page)).includes(name), { timeout: 10_000, what: `tab ${name} active` });
}

/** The visible lines of the active editor, as text (Monaco renders only what is on screen). */
export async function editorText(page) {
  return page.$eval('.editor-group-container.active .monaco-editor .view-lines', (el) => el.innerText.replace(/\u00a0/g, ' ')).catch(() => '');
}

export async function waitForEditorText(page, pattern, timeout = 15_000) {
  return waitFor(async () => {
    const t = await editorText(page);
    return (typeof pattern === 'string' ? t.includes(pattern) : pattern.test(t)) ? t : null;
  }, { timeout, what: `the editor to show ${pattern}` });
}

/** Cursor line (1-based) from the status bar's "Ln N, Col M". */
export async function cursorLine(page) {
  const text = await page.$eval('#status\\.editor\\.selection', (el) => el.textContent ?? '').catch(() => '');
  const m = /Ln (\d+)/.exec(text);
  return m ? Number(m[1]) : null;
}

/** Ctrl+G to a 1-based line in the focused editor. */
export async function goToLine(page, line) {
  await page.keyboard.press(`${MOD}+G`);
  await page.waitForSelector(`${quickInput} .quick-input-box input`, { state: 'visible' });
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await waitFor(async () => (await cursorLine(page)) === line, { timeout: 10_000, what: `the cursor on line ${line}` });
}

/** Frames other than the main page (the editor renders the document's text in the main page). */
export function childFrames(page) {
  return page.frames().filter((f) => f !== page.mainFrame());
}

/** Polls the webview frames until one has `selector`; returns that frame. */
export async function frameWith(page, selector, timeout = 20_000) {
  return waitFor(async () => {
    for (const f of childFrames(page)) {
      if (await f.$(selector).catch(() => null)) return f;
    }
    return null;
  }, { timeout, what: `a webview frame with ${selector}` });
}

/** The visible text of a frame (documentElement.innerText is empty when hidden; body.innerText is not). */
export async function frameText(frame) {
  return frame.evaluate(() => document.documentElement.innerText).catch(() => '');
}

/** Problems panel rows' text (Ctrl+Shift+M opens it). */
export async function problemsRows(page) {
  return page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((r) => r.textContent ?? '')).catch(() => []);
}

export async function openProblems(page) {
  await page.keyboard.press(`${MOD}+Shift+M`);
  await page.waitForSelector('.markers-panel', { state: 'visible', timeout: 15_000 });
}

/**
 * Installed before any page loads: alert/confirm/prompt in EVERY frame record their calls instead of opening
 * dialogs (Chromium drops dialogs from webview iframes silently, so page.on('dialog') proves nothing).
 */
export const DIALOG_RECORDER = `(() => {
  try {
    window.__pmDialogs = [];
    for (const name of ['alert', 'confirm', 'prompt']) {
      const record = function (...args) { window.__pmDialogs.push(name + ':' + String(args[0])); console.log('PM-DIALOG ' + name + ' ' + String(args[0])); return null; };
      Object.defineProperty(window, name, { value: record, writable: false, configurable: false });
    }
  } catch (e) { /* a frame that forbids it */ }
})();`;

/** Dialog calls recorded in any frame. */
export async function recordedDialogs(page) {
  const all = [];
  for (const f of page.frames()) {
    const calls = await f.evaluate(() => window.__pmDialogs ?? []).catch(() => []);
    all.push(...calls.map((c) => `${f.url().slice(0, 60)}: ${c}`));
  }
  return all;
}
