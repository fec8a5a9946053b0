import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_CACHE } from './support/paths.js';
import { callHost, startHost } from './support/host.js';
import { hasPoppler, printSummary, readPdf } from './support/pdf.js';

test('the one-page summary prints on one page with the board variants, the chart and the recommendation', async ({ page }) => {
  test.skip(!hasPoppler(), 'pdftotext (Debian poppler-utils) is not installed');
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
    const pdf = await printSummary(page);
    const { pages, text } = readPdf(pdf, join(mkdtempSync(join(E2E_CACHE, 'summary-')), 'summary.pdf'));
    expect(pages).toBe(1);
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
