import { expect, test } from '@playwright/test';
import { startHost } from './support/host.js';

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
