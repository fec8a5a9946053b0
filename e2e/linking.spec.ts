/// <reference lib="dom" />
/** Linking (issue 6): one selection shared by the panes, on the demo case in Chromium through the HTTP host. */
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './support/host.js';

let host: RunningHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

/**
 * Click a specimen marker of the ctDNA chart by its label: the id, cut to the room before the next
 * marker ("TS-2…" for the first tissue of the demo, close to the second).
 */
async function clickSpecimen(page: Page, which: 'first' | 'last'): Promise<void> {
  const labels = page.locator('[data-testid="ctdna-lanes"] text', { hasText: /^TS-2/ });
  const box = (await labels[which]().boundingBox())!;
  await page.mouse.click(box.x + 4, box.y + box.height / 2);
}

test('a specimen filters the variants, a variant is shown in the ctDNA chart, linking can be switched off', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('pane-ctdna')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('pane-variants')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('ctdna-lanes')).toContainText('Specimens');
  for (const pane of ['slide', 'variants', 'ctdna'])
    await expect(page.getByTestId(`pane-${pane}-link-toggle`)).toHaveAttribute('aria-pressed', 'true');

  // The tissue behind the slide and the VCF: the variants pane filters to it.
  const chip = page.getByTestId('variant-specimen-filter');
  await expect(chip).toHaveCount(0);
  await clickSpecimen(page, 'first');
  await expect(page.getByTestId('ctdna-selected')).toContainText('Specimen TS-25-0108-A1');
  await expect(chip).toContainText('Specimen TS-25-0108-A1');
  await expect(page.getByTestId('variant-row').first()).toBeVisible();

  // A variant row: its VAF track is emphasised in the ctDNA chart.
  await expect(page.getByTestId('ctdna-linked-variant')).toHaveCount(0);
  await page.locator('[data-testid=variant-row][data-gene=FGFR3]').first().click();
  const linked = page.getByTestId('ctdna-linked-variant');
  await expect(linked).toBeVisible();
  await expect(linked).toHaveAttribute('data-variant', 'FGFR3 p.S249C');
  // It sits over the FGFR3 small multiple, inside the per-variant tracks.
  const tracks = (await page.getByTestId('ctdna-variants').boundingBox())!;
  const box = (await linked.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(tracks.y - 1);
  expect(box.y + box.height).toBeLessThanOrEqual(tracks.y + tracks.height + 1);

  // The chip clears; with linking off, the variants pane no longer follows the specimen.
  await page.getByTestId('variant-specimen-filter-clear').click();
  await expect(chip).toHaveCount(0);
  const toggle = page.getByTestId('pane-variants-link-toggle');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await clickSpecimen(page, 'last');
  await expect(page.getByTestId('ctdna-selected')).toContainText('Specimen TS-25-0506-B3');
  await clickSpecimen(page, 'first');
  await expect(page.getByTestId('ctdna-selected')).toContainText('Specimen TS-25-0108-A1');
  await expect(chip).toHaveCount(0);
  // Nor does it publish: another row leaves the ctDNA chart's variant as it was.
  await page.locator('[data-testid=variant-row]:not([data-gene=FGFR3])').first().click();
  await expect(page.locator('[data-testid=variant-row][aria-selected=true]:not([data-gene=FGFR3])')).toHaveCount(1);
  await expect(linked).toHaveAttribute('data-variant', 'FGFR3 p.S249C');

  // Linked again, it catches up with the specimen chosen meanwhile.
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(chip).toContainText('Specimen TS-25-0108-A1');
});
