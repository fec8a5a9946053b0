/// <reference lib="dom" />
/**
 * Colour management end to end, in Chromium through the HTTP host: a generated JPEG slide whose
 * optical path carries an ICC profile with red and green swapped (tests/…/fixtures/iccProfiles.ts)
 * is shown through it (a red stain drawn green, the indicator naming the profile); the toggle shows
 * the stored colours (red again, the indicator says so); a slide without a profile has neither.
 * The slide strip's thumbnails and the slide's associated images go through the same transform.
 */
import { expect, test, type Page } from '@playwright/test';
import { decode } from 'fast-png';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeCodecSlide } from '../tests/services/slides/fixtures/codecSlides.js';
import { swappedPrimariesProfile } from '../tests/services/slides/fixtures/iccProfiles.js';
import { E2E_CACHE, REPO_ROOT } from './support/paths.js';
import { startHost, type RunningHost } from './support/host.js';

const caseDir = join(E2E_CACHE, `colour-case-${process.pid}`);
const STORED: [number, number, number] = [200, 40, 60];
let host: RunningHost;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  rmSync(caseDir, { recursive: true, force: true });
  mkdirSync(caseDir, { recursive: true });
  const profile = await swappedPrimariesProfile();
  for (const [name, iccProfile] of [
    ['a-profiled', profile],
    ['b-plain', undefined],
  ] as const) {
    await writeCodecSlide({
      dir: caseDir,
      name,
      seriesDescription: name === 'a-profiled' ? 'Stain with a swapped-primaries ICC profile' : 'Stain without a profile',
      codec: 'jpeg',
      levels: [
        { width: 1024, height: 768 },
        { width: 256, height: 192 },
      ],
      tileSize: 256,
      components: 3,
      bits: 8,
      opticalPaths: [{ id: '1', description: 'brightfield', ...(iccProfile ? { iccProfile } : {}) }],
      pixel: () => STORED,
      associated: [
        { type: 'THUMBNAIL', width: 128, height: 96 },
        { type: 'OVERVIEW', width: 160, height: 64 },
      ],
    });
  }
  host = await startHost({ casePath: caseDir });
});
test.afterAll(async () => {
  await host?.stop();
  rmSync(caseDir, { recursive: true, force: true });
});

async function centreColour(page: Page): Promise<number[]> {
  const box = (await page.getByTestId('slide-viewer').boundingBox())!;
  const png = decode(
    await page.screenshot({ clip: { x: box.x + box.width / 2 - 1, y: box.y + box.height / 2 - 1, width: 3, height: 3 } }),
  );
  const middle = (png.width + 1) * png.channels;
  return [0, 1, 2].map((c) => png.data[middle + c]);
}

/** The centre pixel becomes this colour (tiles may still be loading or swapping). */
async function expectColour(page: Page, want: number[]): Promise<void> {
  let last: number[] = [];
  await expect
    .poll(async () => near((last = await centreColour(page)), want), {
      timeout: 20_000,
      message: `centre colour ${last} ≠ ${want}`,
    })
    .toBe(true);
}

const near = (got: number[], want: number[], tolerance = 8) => got.every((v, i) => Math.abs(v - want[i]) <= tolerance);

test('the ICC profile is applied, the indicator names it, and the toggle shows the stored colours', async ({ page }) => {
  await page.goto(host.url);
  const viewer = page.getByTestId('slide-viewer');
  await expect(viewer).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  const indicator = page.getByTestId('colour-indicator');
  await expect(indicator).toHaveAttribute('data-state', 'managed');
  await expect(indicator).toContainText('ICC: Triptych test: red and green swapped');
  await expect(viewer).toHaveAttribute('data-decoding', 'workers');
  const toggle = page.getByTestId('colour-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');

  // Shown through the profile: (200, 40, 60) stored is (40, 200, 60) on screen.
  await expectColour(page, [40, 200, 60]);
  await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'colour-managed.png') });

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(indicator).toHaveAttribute('data-state', 'stored');
  await expect(indicator).toContainText('Colour as stored');
  await expectColour(page, STORED);
  await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'colour-stored.png') });

  // The key C turns it back on.
  await viewer.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('c');
  await expect(indicator).toHaveAttribute('data-state', 'managed');
  await expectColour(page, [40, 200, 60]);
});

test('a slide without a profile shows no colour toggle and no indicator, its JPEG tiles drawn as stored', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('slide-viewer')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await page.getByText('Stain without a profile').first().click();
  await expect(page.getByTestId('colour-indicator')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('slide-viewer')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('colour-toggle')).toHaveCount(0);
  await expect(page.getByTestId('slide-viewer')).toHaveAttribute('data-decoding', 'browser');
  await expectColour(page, STORED);
});

/** The colour at the middle of an element on screen. */
async function middleColour(page: Page, testIdOrLocator: ReturnType<Page['getByTestId']>): Promise<number[]> {
  const box = (await testIdOrLocator.boundingBox())!;
  const png = decode(
    await page.screenshot({ clip: { x: box.x + box.width / 2 - 1, y: box.y + box.height / 2 - 1, width: 3, height: 3 } }),
  );
  const middle = (png.width + 1) * png.channels;
  return [0, 1, 2].map((c) => png.data[middle + c]);
}

test('the slide strip and the thumbnail and overview go through the profile too, and all follow the toggle', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('slide-viewer')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  const cards = page.getByTestId('slide-card');
  const profiled = cards.filter({ hasText: 'swapped-primaries' }).locator('.slide-card-thumb > *');
  const plain = cards.filter({ hasText: 'without a profile' }).locator('.slide-card-thumb > *');
  // The strip: the profiled slide's thumbnail red → green, the other as stored.
  await expect(profiled).toHaveAttribute('data-colour', 'managed', { timeout: 20_000 });
  await expect.poll(async () => near(await middleColour(page, profiled), [40, 200, 60]), { timeout: 20_000 }).toBe(true);
  await expect.poll(async () => near(await middleColour(page, plain), STORED), { timeout: 20_000 }).toBe(true);

  // The slide's own images, while colour management is on …
  await cards.filter({ hasText: 'swapped-primaries' }).click();
  await expect(page.getByTestId('colour-indicator')).toHaveAttribute('data-state', 'managed', { timeout: 20_000 });
  await page.getByTestId('slide-more-tools').click();
  await page.getByTestId('slide-images').click();
  const thumbnail = page.getByTestId('slide-associated-thumbnail');
  const overview = page.getByTestId('slide-associated-overview');
  await expect(thumbnail).toHaveAttribute('data-colour', 'managed');
  await expect.poll(async () => near(await middleColour(page, thumbnail), [40, 200, 60]), { timeout: 20_000 }).toBe(true);
  await expect.poll(async () => near(await middleColour(page, overview), [40, 200, 60]), { timeout: 20_000 }).toBe(true);
  await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'colour-associated.png') });
  // … and as stored when it is off.
  await page.getByTestId('colour-toggle').click();
  await expect.poll(async () => near(await middleColour(page, thumbnail), STORED), { timeout: 20_000 }).toBe(true);
  await expect.poll(async () => near(await middleColour(page, overview), STORED), { timeout: 20_000 }).toBe(true);
  // The strip's thumbnail of that slide follows its viewer's toggle; the other slide's stays as it was.
  await expect(profiled).not.toHaveAttribute('data-colour', 'managed');
  await expect.poll(async () => near(await middleColour(page, profiled), STORED), { timeout: 20_000 }).toBe(true);
  await page.getByTestId('colour-toggle').click();
  await expect(profiled).toHaveAttribute('data-colour', 'managed');
  await expect.poll(async () => near(await middleColour(page, profiled), [40, 200, 60]), { timeout: 20_000 }).toBe(true);
  await expect.poll(async () => near(await middleColour(page, plain), STORED), { timeout: 20_000 }).toBe(true);
});
