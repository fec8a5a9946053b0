/**
 * The real Electron app, driven by Playwright's `_electron`. Skipped, with the reason printed,
 * where the Electron runtime is not installed: Electron 42+ downloads it at first launch, and this
 * spec must never start that download (locked-down machines, CI without network).
 */
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { METHOD_NAMES } from '../../shared/contract.js';
import { buildElectron } from '../../scripts/build-electron.js';
import { E2E_CACHE, REPO_ROOT, SHARED_DATA_DIR } from '../support/paths.js';
import { hasPoppler, readPdf } from '../support/pdf.js';

const MAIN_BUNDLE = join(REPO_ROOT, 'dist', 'electron', 'main.cjs');

/** The page's globals these tests look at (the e2e tsconfig has no DOM types). */
type PageGlobals = {
  triptych: { methods: Record<string, (params: object) => Promise<unknown>> };
  open(url: string): unknown;
  require?: unknown;
  process?: unknown;
};
const PANES = ['slide', 'variants', 'ctdna'] as const;

/**
 * Where the Electron executable is, found the way node_modules/electron/index.js finds it
 * (path.txt + dist/) but without requiring that file, which would start the download.
 */
function electronRuntime(): { executable?: string; reason: string } {
  if (process.env.TRIPTYCH_SKIP_ELECTRON === '1') return { reason: 'TRIPTYCH_SKIP_ELECTRON=1' };
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const executable = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(executable) ? { executable, reason: '' } : { reason: `${executable} does not exist` };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { reason: `${pathFile} is missing (the runtime was never downloaded)` };
  const executable = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? { executable, reason: '' } : { reason: `${executable} does not exist` };
}

const runtime = electronRuntime();
if (!runtime.executable) console.log(`[electron e2e] skipped: Electron runtime not installed: ${runtime.reason}`);

test.describe('the Electron app', () => {
  test.skip(!runtime.executable, `Electron runtime not installed: ${runtime.reason}`);
  test.describe.configure({ mode: 'serial' });

  let app: ElectronApplication;
  let page: Page;

  test.beforeAll(async () => {
    await buildElectron();
    if (!existsSync(join(REPO_ROOT, 'dist', 'renderer', 'index.html'))) {
      throw new Error('dist/renderer is not built (the e2e global setup runs `vite build`)');
    }
    // A fresh data folder (settings, window state, single-instance lock) that reuses the demo case
    // generated once in global setup.
    mkdirSync(E2E_CACHE, { recursive: true });
    const dataDir = mkdtempSync(join(E2E_CACHE, 'electron-data-'));
    if (existsSync(join(SHARED_DATA_DIR, 'demo-case')))
      symlinkSync(join(SHARED_DATA_DIR, 'demo-case'), join(dataDir, 'demo-case'));

    app = await electron.launch({
      executablePath: runtime.executable,
      args: [MAIN_BUNDLE],
      cwd: REPO_ROOT,
      env: { ...process.env, TRIPTYCH_DATA_DIR: dataDir } as Record<string, string>,
    });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
  });

  test('loads the UI from triptych://app and shows the three panes', async () => {
    expect(page.url()).toBe('triptych://app/index.html');
    for (const pane of PANES) await expect(page.getByTestId(`pane-${pane}`)).toBeVisible({ timeout: 60_000 });
  });

  test('exposes exactly the contract methods on window.triptych, and they answer', async () => {
    const names = await page.evaluate(() => Object.keys((globalThis as unknown as PageGlobals).triptych.methods));
    expect(names.sort()).toEqual([...METHOD_NAMES].sort());
    const info = await page.evaluate(() => (globalThis as unknown as PageGlobals).triptych.methods['app.info']!({}));
    expect(info).toMatchObject({ ok: true, value: { name: 'Triptych', host: 'electron' } });
  });

  test('gives the page no Node: no require, no process', async () => {
    const globals = await page.evaluate(() => {
      const page = globalThis as unknown as PageGlobals;
      return { require: typeof page.require, process: typeof page.process };
    });
    expect(globals).toEqual({ require: 'undefined', process: 'undefined' });
  });

  test('opens no windows', async () => {
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).open('https://example.org/') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });

  test('sends the Content-Security-Policy with the page', async () => {
    const response = await page.reload();
    if (response) expect(response.headers()['content-security-policy']).toContain("default-src 'self'");
    const header = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
    expect(header).toContain("default-src 'self'");
    for (const pane of PANES) await expect(page.getByTestId(`pane-${pane}`)).toBeVisible({ timeout: 60_000 });
  });

  test('blocks requests to the network (page CSP, then the session policy)', async () => {
    const outcome = await page.evaluate(async () => {
      try {
        await fetch('https://example.org/');
        return 'reached';
      } catch {
        return 'blocked';
      }
    });
    expect(outcome).toBe('blocked');
  });

  test('saves the one-page summary as a one-page PDF with printToPDF', async () => {
    test.skip(!hasPoppler(), 'pdftotext (Debian poppler-utils) is not installed');
    const target = join(mkdtempSync(join(E2E_CACHE, 'electron-pdf-')), 'summary.pdf');
    // The native save dialog cannot be driven: answer it in the main process.
    await app.evaluate(({ dialog }, filePath) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
    }, target);
    for (const pane of PANES)
      await expect(page.getByTestId(`pane-${pane}`)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await page.getByTestId('open-summary').click();
    await page.getByTestId('summary-prepare').click();
    await expect(page.getByTestId('summary-print')).toHaveText('Save as PDF…');
    await page.getByTestId('summary-print').click();
    await expect(page.getByTestId('summary-saved')).toContainText(target);
    const { pages, text } = readPdf(readFileSync(target), `${target}.copy.pdf`);
    expect(pages).toBe(1);
    expect(text).toContain('Synthetic demo');
    expect(text).toContain('Variants for discussion');
  });
});
