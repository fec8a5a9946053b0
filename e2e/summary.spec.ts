import { expect, test } from '@playwright/test';
import { decode } from 'fast-png';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

test('the one-page summary saves as an A4 PNG with the slide view, the chart and the text drawn', async ({ page }) => {
  const host = await startHost();
  try {
    await page.goto(host.url);
    for (const pane of ['slide', 'variants', 'ctdna']) {
      await expect(page.getByTestId(`pane-${pane}`)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    }
    await page.waitForLoadState('networkidle');
    await page.getByTestId('open-summary').click();
    await page.getByTestId('summary-prepare').click();
    await expect(page.getByTestId('summary-ready')).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('summary-png').click()]);
    expect(download.suggestedFilename()).toMatch(/^summary_Synthetic_demo.*_\d{4}-\d{2}-\d{2}\.png$/);
    const file = join(mkdtempSync(join(E2E_CACHE, 'summary-png-')), download.suggestedFilename());
    await download.saveAs(file);
    const png = decode(readFileSync(file));
    // A4 portrait at twice the CSS pixel size (210 × 296 mm at 96 px per inch).
    expect(Math.abs(png.width - (210 / 25.4) * 96 * 2)).toBeLessThanOrEqual(2);
    expect(Math.abs(png.height - (296 / 25.4) * 96 * 2)).toBeLessThanOrEqual(2);
    const channels = png.channels;
    const pixel = (x: number, y: number) => {
      const at = (Math.round(y) * png.width + Math.round(x)) * channels;
      return [png.data[at]!, png.data[at + 1]!, png.data[at + 2]!];
    };
    const isWhite = ([r, g, b]: number[]) => r! > 245 && g! > 245 && b! > 245;
    // The margin is white; the slide view (left column, under the header) is drawn, not blank.
    expect(isWhite(pixel(10, 10))).toBe(true);
    const slideBox = await page.getByTestId('print-summary').locator('.summary-slide img').boundingBox();
    expect(slideBox).toBeNull(); // the page is drawn, then hidden again
    let inked = 0;
    let total = 0;
    for (let y = png.height * 0.12; y < png.height * 0.3; y += 8) {
      for (let x = png.width * 0.06; x < png.width * 0.45; x += 8) {
        total += 1;
        if (!isWhite(pixel(x, y))) inked += 1;
      }
    }
    expect(inked / total).toBeGreaterThan(0.5);
    // Text in the header band: dark pixels among white.
    let dark = 0;
    for (let x = png.width * 0.05; x < png.width * 0.6; x += 2) {
      for (let y = png.height * 0.01; y < png.height * 0.05; y += 2) {
        const [r] = pixel(x, y);
        if (r! < 80) dark += 1;
      }
    }
    expect(dark).toBeGreaterThan(50);
    if (process.env.TRIPTYCH_SHOT) writeFileSync(process.env.TRIPTYCH_SHOT, readFileSync(file));
  } finally {
    await host.stop();
  }
});
