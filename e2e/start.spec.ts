/** The start screen: with cases opened before and none open, they are listed; a gone one is said so. */
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_CACHE } from './support/paths.js';
import { callHost, startHost } from './support/host.js';

const CTDNA = 'date,value,unit,status\n2025-01-02,1.5,MTM/mL,DETECTED\n2025-03-02,0.2,MTM/mL,DETECTED\n';

function caseFolder(title: string): string {
  const dir = mkdtempSync(join(E2E_CACHE, 'start-case-'));
  writeFileSync(join(dir, 'results.csv'), CTDNA);
  writeFileSync(join(dir, 'case.json'), JSON.stringify({ title }));
  return dir;
}

test('the start screen lists the recent cases, opens one, and takes a missing one off the list', async ({ page }) => {
  const kept = caseFolder('Case kept');
  const gone = caseFolder('Case gone');
  const host = await startHost();
  try {
    await callHost(host, 'case.open', { path: kept });
    await callHost(host, 'case.open', { path: gone });
    await callHost(host, 'case.close');
    rmSync(gone, { recursive: true });

    await page.goto(host.url);
    const screen = page.getByTestId('start-screen');
    await expect(screen).toBeVisible({ timeout: 60_000 });
    const entries = page.getByTestId('start-recent-case');
    await expect(entries).toHaveCount(2);
    await expect(entries.nth(0)).toContainText(gone);
    await expect(entries.nth(0)).toBeDisabled();
    await expect(page.getByTestId('start-recent').locator('li').nth(0)).toContainText('not found');
    await expect(entries.nth(1)).toContainText('Case kept');
    await expect(page.getByTestId('pane-slide')).toHaveCount(0);
    if (process.env.TRIPTYCH_SHOT) await page.screenshot({ path: process.env.TRIPTYCH_SHOT });

    await page.getByTestId('start-forget').click();
    await expect(entries).toHaveCount(1);
    expect(((await callHost(host, 'settings.get')) as { recentCases: string[] }).recentCases).toEqual([kept]);

    await entries.first().click();
    await expect(page.getByTestId('pane-ctdna')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Case kept');
    await expect(screen).toHaveCount(0);
  } finally {
    await host.stop();
  }
});
