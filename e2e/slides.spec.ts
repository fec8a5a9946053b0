/// <reference lib="dom" />
/**
 * The slide pane end to end, in Chromium through the HTTP host, on a generated case of slides in
 * several codecs (tests/services/slides/fixtures/codecCase.ts): pixels on screen come from the right
 * tile, HTJ2K and 16-bit JPEG-LS tiles are decoded in the workers, the focal plane and the channels
 * change the colours, and the ruler measures a known distance.
 */
import { expect, test, type Page } from '@playwright/test';
import { decode } from 'fast-png';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { GRID, PLANE_COLOURS, gridColour, writeCodecCase } from '../tests/services/slides/fixtures/codecCase.js';
import { E2E_CACHE, REPO_ROOT } from './support/paths.js';
import { startHost, type RunningHost } from './support/host.js';

type Rgb = [number, number, number];
const caseDir = join(E2E_CACHE, `codec-case-${process.pid}`);
let host: RunningHost;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  rmSync(caseDir, { recursive: true, force: true });
  mkdirSync(caseDir, { recursive: true });
  await writeCodecCase(caseDir);
  host = await startHost({ casePath: caseDir });
});
test.afterAll(async () => {
  await host?.stop();
  rmSync(caseDir, { recursive: true, force: true });
});

async function openSlide(page: Page, name: RegExp): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByTestId('pane-slide')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  // The viewer must show the slide picked: a case session restored just after the click can put
  // back the slide an earlier test left open (found on a loaded machine), so pick until it holds.
  await expect(async () => {
    await page.getByTestId('slide-card').filter({ hasText: name }).click();
    await expect(page.getByTestId('slide-viewer')).toHaveAttribute('aria-label', new RegExp(`^Slide ${name.source}`), {
      timeout: 5_000,
    });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('slide-viewer')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  // The case's session puts back where an earlier test left this slide: start from the whole slide.
  await page.getByTestId('slide-fit').click();
}

/** Mean colour of a small square of the screen around (x, y). */
async function colourAt(page: Page, x: number, y: number): Promise<Rgb> {
  const png = decode(await page.screenshot({ clip: { x: x - 2, y: y - 2, width: 5, height: 5 } }));
  const sums = [0, 0, 0];
  const channels = png.channels;
  for (let i = 0; i < png.data.length; i += channels) for (let c = 0; c < 3; c++) sums[c] += png.data[i + c];
  const n = png.data.length / channels;
  return sums.map((s) => Math.round(s / n)) as Rgb;
}

const near = (a: Rgb, b: Rgb, tolerance = 12) => a.every((v, i) => Math.abs(v - b[i]) <= tolerance);

async function expectColour(page: Page, x: number, y: number, expected: Rgb, tolerance = 12): Promise<void> {
  await expect
    .poll(async () => near(await colourAt(page, x, y), expected, tolerance) || (await colourAt(page, x, y)), { timeout: 20_000 })
    .toBe(true);
}

/** Where level-0 image pixel (ix, iy) is on screen when the whole image is fitted (home view). */
async function fittedPoint(page: Page, width: number, height: number, ix: number, iy: number) {
  const box = (await page.getByTestId('slide-viewer').boundingBox())!;
  const scale = Math.min(box.width / width, box.height / height);
  return { x: box.x + box.width / 2 + (ix - width / 2) * scale, y: box.y + box.height / 2 + (iy - height / 2) * scale, scale };
}

test('a JPEG slide: the pixels on screen come from the right tile, before and after zooming in', async ({ page }) => {
  const fullResolution: string[] = [];
  page.on('response', (r) => {
    const m = /\/tiles\/0\/(\d+)\/(\d+)/.exec(r.url());
    if (m && r.status() === 200) fullResolution.push(`${m[1]},${m[2]}`);
  });
  await openSlide(page, /Grid of known colours/);
  await page.waitForTimeout(800); // the opening animation
  for (const [col, row] of [
    [0, 0],
    [5, 2],
    [6, 4], // (7, 5) is under the navigator
  ]) {
    const p = await fittedPoint(page, GRID.width, GRID.height, (col + 0.5) * GRID.tile, (row + 0.5) * GRID.tile);
    await expectColour(page, p.x, p.y, gridColour(col, row));
  }
  // Zoom in on tile (5, 2) with the wheel: OSD keeps the point under the mouse, and loads level 0.
  const target = await fittedPoint(page, GRID.width, GRID.height, 5.5 * GRID.tile, 2.5 * GRID.tile);
  await page.mouse.move(target.x, target.y);
  for (let i = 0; i < 4; i++) {
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(150);
  }
  await expect.poll(() => fullResolution.includes('5,2'), { timeout: 20_000 }).toBe(true);
  await expectColour(page, target.x, target.y, gridColour(5, 2));
  // Tile (5, 2)'s neighbours are off screen or at its edges: the point is not their colour.
  expect(near(await colourAt(page, target.x, target.y), gridColour(4, 2), 6)).toBe(false);
});

test('an HTJ2K slide is decoded in the workers and its focal planes change the colours', async ({ page }) => {
  await openSlide(page, /Focal planes \(HTJ2K\)/);
  await expect(page.getByTestId('slide-viewer')).toHaveAttribute('data-decoding', 'workers');
  const p = await fittedPoint(page, 768, 512, 60, 60);
  await expectColour(page, p.x, p.y, PLANE_COLOURS[0], 4);

  const planeTiles: string[] = [];
  page.on('response', (r) => {
    if (/\/tiles\/.*[?&]z=2/.test(r.url()) && r.status() === 200) planeTiles.push(r.headers()['content-type'] ?? '');
  });
  await page.getByTestId('slide-focal').fill('2');
  await expect(page.getByTestId('slide-focal-readout')).toHaveText('3/3');
  await expectColour(page, p.x, p.y, PLANE_COLOURS[2], 4);
  expect(planeTiles.length).toBeGreaterThan(0);
  expect(new Set(planeTiles)).toEqual(new Set(['image/jph']));
  await page.getByTestId('slide-more-tools').click();
  await page.getByTestId('slide-info').click();
  await expect(page.getByTestId('slide-info-decoding')).toContainText(/htj2k \d+/);
});

test('16-bit JPEG-LS fluorescence: channels blended in pseudo-colour, switched off and recoloured', async ({ page }) => {
  await openSlide(page, /Fluorescence/);
  const bands = await Promise.all([0, 1, 2].map((k) => fittedPoint(page, 768, 512, k * 256 + 128, 256)));
  // Default window = the data's range (100–4000): a bright band is its channel's full colour.
  const dapi: Rgb = [110, 60, 255];
  await expectColour(page, bands[0].x, bands[0].y, dapi, 6);
  await expectColour(page, bands[2].x, bands[2].y, [255, 40, 40], 6); // Cy5, 647 nm

  await page.getByTestId('slide-channels').click();
  await page.getByTestId('slide-channel-0-toggle').uncheck();
  await expectColour(page, bands[0].x, bands[0].y, [0, 0, 0], 6);
  await expectColour(page, bands[2].x, bands[2].y, [255, 40, 40], 6);

  await page.getByTestId('slide-channel-2-colour').fill('#00ff00');
  await expectColour(page, bands[2].x, bands[2].y, [0, 255, 0], 6);
});

test('the ruler measures a known distance in µm, and Escape cancels it', async ({ page }) => {
  await openSlide(page, /Grid of known colours/);
  await page.waitForTimeout(800);
  const a = await fittedPoint(page, GRID.width, GRID.height, 256, 512);
  const b = await fittedPoint(page, GRID.width, GRID.height, 1280, 512);
  await page.getByTestId('slide-viewer').click({ position: { x: 5, y: 5 } }); // focus
  await page.keyboard.press('m');
  await expect(page.getByTestId('slide-ruler')).toHaveAttribute('aria-pressed', 'true');
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 8 });
  await page.mouse.up();
  const readout = page.getByTestId('slide-ruler-readout');
  await expect(readout).toBeVisible();
  // 1024 level-0 pixels at 0.5 µm/px; a screen pixel is ~1/scale image pixels.
  const um = Number(await readout.getAttribute('data-um'));
  expect(Math.abs(um - 512)).toBeLessThan(1.5 * GRID.mpp * (1 / a.scale) + 0.5);
  await expect(readout).toHaveText(/^5\d\d µm$/);
  await page.keyboard.press('Escape');
  await expect(readout).toHaveCount(0);
});

test('one slide in the default layout keeps its toolbar on one row: nothing wraps, the rarer tools are under More tools', async ({
  page,
}) => {
  for (const [name, shot] of [
    [/Grid of known colours/, 'slide-toolbar-grid.png'],
    [/Focal planes \(HTJ2K\)/, 'slide-toolbar-focal.png'],
    [/Fluorescence/, 'slide-toolbar-fluorescence.png'],
  ] as const) {
    await openSlide(page, name);
    const toolbar = page.getByRole('toolbar', { name: 'Slide view' });
    const fit = (await page.getByTestId('slide-fit').boundingBox())!;
    const last = (await page.getByTestId('slide-more-tools').boundingBox())!;
    const list = (await page.getByTestId('annotation-list-toggle').boundingBox())!;
    // One row: the first and the last tool and the list on the same line, the bar one tool high,
    // and nothing cut off at its end.
    expect(Math.abs(last.y - fit.y)).toBeLessThan(2);
    expect(Math.abs(list.y + list.height / 2 - (fit.y + fit.height / 2))).toBeLessThan(2);
    expect((await toolbar.boundingBox())!.height).toBeLessThan(fit.height * 2);
    expect(await toolbar.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    await page.screenshot({ path: join(REPO_ROOT, 'test-results', shot) });
  }
  // The rest is one click away: flip from More tools; the drawing tools stay in the row.
  await expect(page.getByTestId('annotation-tool-polygon')).toBeVisible();
  await expect(page.getByTestId('slide-flip')).toHaveCount(0);
  await page.getByTestId('slide-more-tools').click();
  await expect(page.getByTestId('slide-more-panel')).toBeVisible();
  await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'slide-more-tools.png') });
  await page.getByTestId('slide-flip').click();
  await expect(page.getByTestId('slide-flip')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('slide-more-panel')).toHaveCount(0);
});
