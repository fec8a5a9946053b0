import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_CACHE } from './support/paths.js';
import { callHost, startHost } from './support/host.js';

const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

test('the one-page summary prints on one page with the board variants, the chart and the recommendation', async ({ page }) => {
  test.skip(!hasPoppler, 'pdftotext (Debian poppler-utils) is not installed');
  const host = await startHost();
  try {
    await page.goto(host.url);
    for (const pane of ['slide', 'variants', 'ctdna']) {
      await expect(page.getByTestId(`pane-${pane}`)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    }
    await callHost(host, 'notes.save', {
      markdown: 'Discussed at the board.',
      recommendation: { text: 'Erdafitinib for FGFR3 S249C; CT in 8 weeks.', author: 'Dr Board', date: '2026-03-10' },
    });
    await page.waitForLoadState('networkidle');
    await page.getByTestId('open-summary').click();
    await page.getByTestId('summary-prepare').click();
    await expect(page.getByTestId('summary-ready')).toBeVisible();

    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const file = join(mkdtempSync(join(E2E_CACHE, 'summary-')), 'summary.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/^Pages:\s+1$/m);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const expected of [
      'Synthetic demo',
      'FGFR3',
      'p.S249C',
      'Variants for discussion',
      'Erdafitinib for FGFR3 S249C',
      'Dr Board',
      'Discussed at the board.',
    ]) {
      expect(text).toContain(expected);
    }
    // Identifiers were not asked for.
    expect(text).not.toContain('SYNTHETIC');
    expect(text).not.toContain('TRIPTYCH-DEMO-0001');
    if (process.env.TRIPTYCH_SHOT) writeFileSync(process.env.TRIPTYCH_SHOT, pdf);
  } finally {
    await host.stop();
  }
});
