import { expect, test } from '@playwright/test';
import { cpSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_VERSION } from '../electron/services/demo/ensureDemoCase.js';
import { E2E_CACHE, SHARED_DATA_DIR } from './support/paths.js';
import { callHost, startHost } from './support/host.js';

test('tumor-board mode masks every identifier, keeps the label shut and shows a laser pointer', async ({ page }) => {
  const host = await startHost();
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('pane-slide')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    // The user had chosen to see the name: board mode masks it all the same.
    await page.getByTestId('patient-name-toggle').click();
    await expect(page.getByTestId('patient-name')).toContainText('SYNTHETIC');
    await expect(page.locator('body')).toContainText('TRIPTYCH-DEMO-0001');

    const typeSize = () =>
      page.evaluate(() =>
        parseFloat(getComputedStyle(document.querySelector('.variant-table, [role=table]') ?? document.body).fontSize),
      );
    const sizeBefore = await typeSize();
    await page.getByTestId('tumor-board-toggle').click();
    const text = await page.locator('body').innerText();
    for (const identifier of ['SYNTHETIC', 'TRIPTYCH-DEMO-0001', '1958', 'demo-case']) expect(text).not.toContain(identifier);
    await page.getByTestId('slide-more-tools').click();
    await expect(page.getByTestId('slide-show-label')).toBeDisabled();
    await expect(page.getByTestId('patient-name-toggle')).toHaveCount(0);
    expect(await typeSize()).toBeGreaterThan(sizeBefore); // larger type for the room
    await page.mouse.move(700, 500);
    if (process.env.TRIPTYCH_SHOT) await page.screenshot({ path: process.env.TRIPTYCH_SHOT });
    const laser = (await page.getByTestId('laser-pointer').boundingBox())!;
    expect(Math.abs(laser.x + laser.width / 2 - 700)).toBeLessThan(3);

    await page.getByTestId('tumor-board-toggle').click();
    await expect(page.getByTestId('laser-pointer')).toHaveCount(0);
    await expect(page.getByTestId('patient-name')).toContainText('SYNTHETIC');
  } finally {
    await host.stop();
  }
});

test('the board agenda steps through the slide, the flagged variants and the ctDNA, and the panes follow', async ({ page }) => {
  // A copy of the demo: flags are written into the case folder.
  const caseDir = mkdtempSync(join(E2E_CACHE, 'agenda-case-'));
  cpSync(join(SHARED_DATA_DIR, 'demo-case', `v${DEMO_VERSION}`), caseDir, { recursive: true });
  const host = await startHost({ casePath: caseDir });
  try {
    await page.goto(host.url);
    for (const pane of ['slide', 'variants', 'ctdna'])
      await expect(page.getByTestId(`pane-${pane}`)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const row = (gene: string) => page.locator(`[data-testid=variant-row][data-gene=${gene}]`).first();
    await row('FGFR3').click();
    await page.getByTestId('variant-flag').click();
    await expect(page.getByTestId('variant-flag')).toHaveAttribute('aria-pressed', 'true');
    // Another variant is the selected one when the board starts.
    const other = page.locator('[data-testid=variant-row]:not([data-gene=FGFR3])').first();
    const otherGene = (await other.getAttribute('data-gene'))!;
    await other.click();
    await expect(row(otherGene)).toHaveAttribute('aria-selected', 'true');

    // A small region of the slide flagged for discussion: the agenda flies there.
    const slideId = ((await callHost(host, 'case.current')) as { slides: Array<{ id: string }> }).slides[0]!.id;
    const now = new Date().toISOString();
    await callHost(host, 'annotations.change', {
      slideId,
      upsert: [
        {
          id: 'agenda-region-1',
          shape: { type: 'rectangle', x: 6000, y: 4000, width: 300, height: 200 },
          classification: { name: 'Tumor', color: [200, 0, 0] },
          label: 'Invasive front',
          discuss: true,
          createdAt: now,
          updatedAt: now,
        },
      ],
      remove: [],
    });

    await page.getByTestId('tumor-board-toggle').click();
    const steps = page.getByTestId('agenda-step');
    await expect(steps).toHaveCount(4);
    expect(await steps.evaluateAll((all) => all.map((s) => s.getAttribute('data-kind')))).toEqual([
      'slide',
      'region',
      'variant',
      'ctdna',
    ]);
    await expect(steps.nth(1)).toContainText('Invasive front');
    await expect(steps.nth(2)).toContainText('FGFR3 p.S249C');

    await page.keyboard.press('ArrowRight');
    await expect(steps.nth(0)).toHaveAttribute('aria-current', 'step');
    await expect(page.getByTestId('pane-slide')).toHaveClass(/is-agenda-focus/);

    const magnification = page.getByTestId('slide-magnification');
    const fitted = parseFloat((await magnification.textContent())!);
    await page.keyboard.press('ArrowRight');
    await expect(steps.nth(1)).toHaveAttribute('aria-current', 'step');
    await expect.poll(async () => parseFloat((await magnification.textContent())!)).toBeGreaterThan(fitted * 4);

    await page.keyboard.press('ArrowRight');
    await expect(steps.nth(2)).toHaveAttribute('aria-current', 'step');
    await expect(page.getByTestId('pane-variants')).toHaveClass(/is-agenda-focus/);
    await expect(page.getByTestId('pane-slide')).not.toHaveClass(/is-agenda-focus/);
    await expect(row('FGFR3')).toHaveAttribute('aria-selected', 'true');
    await expect(row(otherGene)).not.toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('ctdna-linked-variant')).toHaveAttribute('data-variant', 'FGFR3 p.S249C');

    await page.keyboard.press('PageDown');
    await expect(steps.nth(3)).toHaveAttribute('aria-current', 'step');
    await expect(page.getByTestId('pane-ctdna')).toHaveClass(/is-agenda-focus/);
    await expect(page.getByTestId('ctdna-linked-variant')).toHaveCount(0);
    await page.keyboard.press('ArrowRight'); // the last step stays
    await expect(steps.nth(3)).toHaveAttribute('aria-current', 'step');
    await page.keyboard.press('ArrowLeft');
    await expect(steps.nth(2)).toHaveAttribute('aria-current', 'step');
    await page.mouse.move(600, 400);
    if (process.env.TRIPTYCH_SHOT) await page.screenshot({ path: process.env.TRIPTYCH_SHOT });

    await page.getByTestId('tumor-board-toggle').click();
    await expect(page.getByTestId('board-agenda')).toHaveCount(0);
    await expect(page.getByTestId('pane-variants')).not.toHaveClass(/is-agenda-focus/);
  } finally {
    await host.stop();
  }
});
