import { expect, test } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_VERSION } from '../electron/services/demo/ensureDemoCase.js';
import { E2E_CACHE, SHARED_DATA_DIR } from './support/paths.js';
import { startHost } from './support/host.js';
import { hasPoppler, printSummary, readPdf } from './support/pdf.js';

test('a variant flagged for discussion stays flagged and leads the summary', async ({ page }) => {
  // A copy of the demo: flags are written into the case folder.
  const caseDir = mkdtempSync(join(E2E_CACHE, 'flags-case-'));
  cpSync(join(SHARED_DATA_DIR, 'demo-case', `v${DEMO_VERSION}`), caseDir, { recursive: true });
  const host = await startHost({ casePath: caseDir });
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('pane-variants')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await page.locator('[data-testid=variant-row][data-gene=FGFR3]').click();
    await page.getByTestId('variant-flag').click();
    await expect(page.getByTestId('variant-flag')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('[data-testid=variant-row][data-gene=FGFR3] [data-testid=flag-marker]')).toBeVisible();
    await expect
      .poll(() => {
        try {
          return JSON.parse(readFileSync(join(caseDir, '.triptych', 'flags.json'), 'utf8'));
        } catch {
          return null;
        }
      })
      .toEqual([{ key: 'chr4:1801841:C>G', label: 'FGFR3 p.S249C' }]);

    await page.reload();
    await expect(page.locator('[data-testid=variant-row][data-gene=FGFR3] [data-testid=flag-marker]')).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.locator('[data-testid=flag-marker]')).toHaveCount(1);

    if (hasPoppler()) {
      await expect(page.getByTestId('pane-ctdna')).toHaveAttribute('data-state', 'ready');
      const { text } = readPdf(await printSummary(page), join(caseDir, 'summary.pdf'));
      expect(text).toContain('(flagged: 1)');
      expect(text).toContain('p.S249C');
      expect(text).not.toContain('CDKN2A'); // in the board preset, not flagged
    }
  } finally {
    await host.stop();
  }
});
