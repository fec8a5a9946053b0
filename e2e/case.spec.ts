import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seriesUID, writeInstance } from '../tests/services/slides/fixtures/slideFixtures.js';
import { E2E_CACHE } from './support/paths.js';
import { startHost } from './support/host.js';

test('inconsistencies of a case are shown in the header, not hidden', async ({ page }) => {
  const dir = mkdtempSync(join(E2E_CACHE, 'inconsistent-case-'));
  await writeInstance(dir, seriesUID('other-patient'), {
    fileName: 'slide.dcm',
    width: 256,
    height: 256,
    tileWidth: 128,
    tileHeight: 128,
    extra: { PatientID: 'P-OTHER' },
  });
  writeFileSync(
    join(dir, 'case.json'),
    JSON.stringify({
      title: 'Mixed-up case',
      patient: { id: 'P-1' },
      specimens: [{ id: 'T1', type: 'tissue', slides: ['gone.dcm'] }],
    }),
  );
  const host = await startHost({ casePath: dir });
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('pane-slide')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const badge = page.getByTestId('case-warnings');
    await expect(badge).toContainText('3 warnings');
    await badge.click();
    const list = page.getByTestId('case-warnings-list');
    await expect(list).toContainText('specimen T1 names slide "gone.dcm"');
    await expect(list).toContainText('is of patient ID P-OTHER, not P-1');
    await page.keyboard.press('Escape');
    await expect(list).toBeHidden();
  } finally {
    await host.stop();
  }
});
