import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_CACHE } from './support/paths.js';
import { startHost } from './support/host.js';

test('case notes and the board recommendation are saved in the case folder and come back', async ({ page }) => {
  const dir = mkdtempSync(join(E2E_CACHE, 'notes-case-'));
  writeFileSync(join(dir, 'results.csv'), 'date,value,unit,status\n2025-01-02,1.5,MTM/mL,DETECTED\n');
  const host = await startHost({ casePath: dir });
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('pane-ctdna')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await page.getByTestId('open-notes').click();
    await page.getByTestId('notes-markdown').fill('## Board 2026-03-10\n\n- FGFR3 S249C <b>actionable</b>');
    await page.getByTestId('notes-recommendation').fill('Start erdafitinib; CT in 8 weeks.');
    await page.getByTestId('notes-author').fill('Dr. Board');
    await page.getByTestId('notes-markdown').press('Control+s');
    await expect(page.getByTestId('notes-status')).toContainText('Saved');
    expect(readFileSync(join(dir, '.triptych', 'notes.md'), 'utf8')).toContain('FGFR3 S249C <b>actionable</b>');
    expect(JSON.parse(readFileSync(join(dir, '.triptych', 'recommendation.json'), 'utf8'))).toMatchObject({
      text: 'Start erdafitinib; CT in 8 weeks.',
      author: 'Dr. Board',
    });

    await page.reload();
    await expect(page.getByTestId('pane-ctdna')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await page.getByTestId('open-notes').click();
    await expect(page.getByTestId('notes-markdown')).toHaveValue(/FGFR3 S249C <b>actionable<\/b>/);
    await expect(page.getByTestId('notes-author')).toHaveValue('Dr. Board');
    expect(await page.locator('[data-testid=notes-dialog] b').count()).toBe(0);
  } finally {
    await host.stop();
  }
});
