/// <reference lib="dom" />
/**
 * Two slides in step, end to end in Chromium through the HTTP host. The case holds the same
 * "tissue" scanned twice at different pixel spacings: the grid slide (2048 × 1536 px at 0.5 µm)
 * and a copy of it at 1 µm (1024 × 768 px). Opened side by side and linked, panning or zooming
 * either moves the other by the same amount in µm (and the same colours sit at the same place on
 * screen); rotation follows; an offset set by Alt+drag, or from a point pair, is kept; a rotation
 * between them, typed or from two point pairs, turns the right slide and pans it the same way on
 * screen; unlinked, they move alone; the comparison comes back after a reload (case session).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { decode } from 'fast-png';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { GRID, gridColour, writeGridSlide } from '../tests/services/slides/fixtures/codecCase.js';
import { writeCodecSlide } from '../tests/services/slides/fixtures/codecSlides.js';
import { E2E_CACHE, REPO_ROOT } from './support/paths.js';
import { startHost, type RunningHost } from './support/host.js';

const caseDir = join(E2E_CACHE, `compare-case-${process.pid}`);
let host: RunningHost;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  rmSync(caseDir, { recursive: true, force: true });
  mkdirSync(caseDir, { recursive: true });
  await writeGridSlide(caseDir);
  // The same grid at 1 µm per pixel: pixel (x, y) is the grid slide's pixel (2x, 2y).
  await writeCodecSlide({
    dir: caseDir,
    name: 'grid-1um',
    seriesDescription: 'Same grid at 1 um per pixel',
    codec: 'jpeg',
    levels: [
      { width: GRID.width / 2, height: GRID.height / 2 },
      { width: GRID.width / 8, height: GRID.height / 8 },
    ],
    tileSize: 256,
    components: 3,
    bits: 8,
    mpp: 1,
    pixel: (level, x, y) => {
      const factor = level === 0 ? 2 : 8;
      return gridColour(Math.floor((x * factor) / GRID.tile), Math.floor((y * factor) / GRID.tile));
    },
  });
  host = await startHost({ casePath: caseDir });
});
test.afterAll(async () => {
  await host?.stop();
  rmSync(caseDir, { recursive: true, force: true });
});

type View = { x: number; y: number; pxPerUm: number; rotation: number };

async function viewOf(side: Locator): Promise<View> {
  const d = await side.evaluate((e) => ({ ...(e as HTMLElement).dataset }));
  return { x: Number(d.umX), y: Number(d.umY), pxPerUm: Number(d.pxPerUm), rotation: Number(d.rotation) };
}

/**
 * Both views once they stop changing (the animation after a drag or a scroll): the same over
 * three reads, as a loaded machine may draw no frame for more than one interval.
 */
async function settled(page: Page): Promise<{ left: View; right: View }> {
  let last = '';
  let same = 0;
  for (let i = 0; i < 60 && same < 3; i++) {
    await page.waitForTimeout(150);
    const now = JSON.stringify([await viewOf(left(page)), await viewOf(right(page))]);
    same = now === last ? same + 1 : 0;
    last = now;
  }
  const [l, r] = JSON.parse(last) as [View, View];
  return { left: l, right: r };
}

const left = (page: Page) => page.getByTestId('compare-left');
const right = (page: Page) => page.getByTestId('compare-right');

async function drag(page: Page, side: Locator, dx: number, dy: number): Promise<void> {
  const box = (await side.getByTestId('slide-viewer').boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 5 });
  await page.mouse.move(x + dx, y + dy, { steps: 5 });
  await page.mouse.up();
}

/** The colour on screen `dx`, `dy` screen pixels from the middle of a side's viewer. */
async function colourAt(page: Page, side: Locator, dx = 0, dy = 0): Promise<number[]> {
  const box = (await side.getByTestId('slide-viewer').boundingBox())!;
  const x = Math.round(box.x + box.width / 2 + dx);
  const y = Math.round(box.y + box.height / 2 + dy);
  const png = decode(await page.screenshot({ clip: { x: x - 1, y: y - 1, width: 3, height: 3 } }));
  const middle = (png.width + 1) * png.channels;
  return [0, 1, 2].map((c) => png.data[middle + c]);
}

const close = (a: number, b: number, tolerance = 0.5) => Math.abs(a - b) <= tolerance;

test('linked: pan, zoom and rotation follow in µm across pixel spacings; Alt+drag sets the offset; unlinked they move alone', async ({
  page,
}) => {
  await page.goto(host.url);
  await expect(page.getByTestId('slide-viewer')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await page.getByTestId('compare-pick').selectOption({ index: 1 });
  await expect(left(page).getByTestId('slide-viewer')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(right(page).getByTestId('slide-viewer')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('compare-link')).toHaveAttribute('aria-pressed', 'true');

  // In step from the start: the same centre in µm, the same screen pixels per µm.
  let v = await settled(page);
  expect(v.left.pxPerUm).toBeGreaterThan(0);
  expect(close(v.right.x, v.left.x) && close(v.right.y, v.left.y)).toBe(true);
  expect(v.right.pxPerUm).toBeCloseTo(v.left.pxPerUm, 4);

  // Zoom in on the right slide (it leads now): the left follows to the same µm per pixel.
  const rightBox = (await right(page).getByTestId('slide-viewer').boundingBox())!;
  await page.mouse.move(rightBox.x + rightBox.width / 2, rightBox.y + rightBox.height / 2);
  await page.mouse.wheel(0, -300);
  const zoomedFrom = v.left.pxPerUm;
  v = await settled(page);
  expect(v.right.pxPerUm).toBeGreaterThan(zoomedFrom * 1.3);
  expect(v.left.pxPerUm).toBeCloseTo(v.right.pxPerUm, 4);
  expect(close(v.right.x, v.left.x) && close(v.right.y, v.left.y)).toBe(true);
  // The same tissue at the same place on both: the grid's tile colours 64 µm (half a tile) right
  // of and below the centre (the centre itself is a tile corner), within JPEG's error.
  const quarter = 64 * v.left.pxPerUm;
  const same = async () => {
    const [a, b] = [await colourAt(page, left(page), quarter, quarter), await colourAt(page, right(page), quarter, quarter)];
    return a.every((value, i) => Math.abs(value - b[i]) <= 6);
  };
  await expect.poll(same, { timeout: 20_000 }).toBe(true);

  // Pan the left slide: both centres move by the same distance in µm.
  const before = v;
  await drag(page, left(page), -160, -90);
  v = await settled(page);
  const moved = { x: v.left.x - before.left.x, y: v.left.y - before.left.y };
  expect(moved.x).toBeCloseTo(160 / v.left.pxPerUm, 0);
  expect(moved.y).toBeCloseTo(90 / v.left.pxPerUm, 0);
  expect(v.right.x - before.right.x).toBeCloseTo(moved.x, 0);
  expect(v.right.y - before.right.y).toBeCloseTo(moved.y, 0);
  await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'compare-linked.png') });

  // Rotation follows.
  await left(page).getByTestId('slide-rotate').click();
  await expect.poll(async () => (await viewOf(right(page))).rotation).toBe(90);
  await left(page).getByTestId('slide-rotate').click();
  await left(page).getByTestId('slide-rotate').click();
  await left(page).getByTestId('slide-rotate').click();
  await expect.poll(async () => (await viewOf(right(page))).rotation).toBe(0);

  // Alt+drag the right slide: the left stays, the offset becomes the difference.
  v = await settled(page);
  const fixedLeft = v.left;
  await page.keyboard.down('Alt');
  await drag(page, right(page), 120, 0);
  await page.keyboard.up('Alt');
  v = await settled(page);
  expect(close(v.left.x, fixedLeft.x) && close(v.left.y, fixedLeft.y)).toBe(true);
  const offset = page.getByTestId('compare-offset');
  const offsetX = Number(await offset.getAttribute('data-x'));
  expect(offsetX).toBeCloseTo(-120 / v.right.pxPerUm, 0);
  expect(offsetX).toBeCloseTo(v.right.x - v.left.x, 1);

  // Pan the left again: the right follows and keeps the offset.
  await drag(page, left(page), 100, 60);
  v = await settled(page);
  expect(v.left.x).not.toBeCloseTo(fixedLeft.x, 0);
  expect(v.right.x - v.left.x).toBeCloseTo(offsetX, 1);
  expect(v.right.y - v.left.y).toBeCloseTo(Number(await offset.getAttribute('data-y')), 1);
  await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'compare-offset.png') });

  // Unlinked: the left moves alone.
  await page.getByTestId('compare-link').click();
  await expect(page.getByTestId('compare-link')).toHaveAttribute('aria-pressed', 'false');
  const unlinked = await settled(page);
  await drag(page, left(page), -150, 0);
  v = await settled(page);
  expect(v.left.x - unlinked.left.x).toBeCloseTo(150 / v.left.pxPerUm, 0);
  expect(close(v.right.x, unlinked.right.x) && close(v.right.y, unlinked.right.y)).toBe(true);

  // Linked again: the right comes back in step, with the offset.
  await page.getByTestId('compare-link').click();
  v = await settled(page);
  expect(v.right.x - v.left.x).toBeCloseTo(offsetX, 1);

  // Reset offset: centred on the same point again.
  await page.getByTestId('compare-reset').click();
  v = await settled(page);
  expect(close(v.right.x, v.left.x) && close(v.right.y, v.left.y)).toBe(true);

  // Align by a point pair: a landmark at the left's centre, the same one 100 px right of and 40 px
  // above the right's centre: the offset is that distance in µm, and the right slide re-centres.
  await page.getByTestId('compare-align').click();
  await expect(page.getByTestId('slide-compare')).toHaveAttribute('data-align', 'left');
  const leftBox = (await left(page).getByTestId('slide-viewer').boundingBox())!;
  await page.mouse.click(leftBox.x + leftBox.width / 2, leftBox.y + leftBox.height / 2);
  await expect(page.getByTestId('slide-compare')).toHaveAttribute('data-align', 'right');
  const box = (await right(page).getByTestId('slide-viewer').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2 + 100, box.y + box.height / 2 - 40);
  // The offset is set; a second pair would set the rotation too. Finished here, without.
  await expect(page.getByTestId('slide-compare')).toHaveAttribute('data-align', 'left2');
  await page.getByTestId('compare-align').click();
  await expect(page.getByTestId('slide-compare')).not.toHaveAttribute('data-align', /./);
  expect(Number(await offset.getAttribute('data-rotation'))).toBe(0);
  v = await settled(page);
  const aligned = { x: Number(await offset.getAttribute('data-x')), y: Number(await offset.getAttribute('data-y')) };
  expect(aligned.x).toBeCloseTo(100 / v.right.pxPerUm, 0);
  expect(aligned.y).toBeCloseTo(-40 / v.right.pxPerUm, 0);
  expect(v.right.x - v.left.x).toBeCloseTo(aligned.x, 1);
  expect(v.right.y - v.left.y).toBeCloseTo(aligned.y, 1);
});

/** Screen pixels (from the viewer's centre) → µm on the slide, for a side's view. */
const micronsAt = (view: View, dx: number, dy: number) => {
  const r = (-view.rotation * Math.PI) / 180;
  return {
    x: view.x + (Math.cos(r) * dx - Math.sin(r) * dy) / view.pxPerUm,
    y: view.y + (Math.sin(r) * dx + Math.cos(r) * dy) / view.pxPerUm,
  };
};
/** µm on the slide → screen pixels from the viewer's centre. */
const screenOf = (view: View, p: { x: number; y: number }) => {
  const r = (view.rotation * Math.PI) / 180;
  const dx = (p.x - view.x) * view.pxPerUm;
  const dy = (p.y - view.y) * view.pxPerUm;
  return { x: Math.cos(r) * dx - Math.sin(r) * dy, y: Math.sin(r) * dx + Math.cos(r) * dy };
};
const degrees = (d: number) => ((d % 360) + 360) % 360;

test('a rotation between the slides: typed or by Alt+Shift+drag, kept while panning and after a reload; two landmark pairs set it so both pairs line up', async ({
  page,
}) => {
  await page.goto(host.url);
  await expect(page.getByTestId('slide-viewer').first()).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  if ((await page.getByTestId('compare-pick').inputValue()) === '')
    await page.getByTestId('compare-pick').selectOption({ index: 1 });
  await expect(right(page).getByTestId('slide-viewer')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  if (await page.getByTestId('compare-reset').isEnabled()) await page.getByTestId('compare-reset').click();
  let v = await settled(page);
  const before = v;

  // 30°: the right slide is shown turned 30° more, about the tissue both show now.
  await page.getByTestId('compare-rotation').fill('30');
  await page.getByTestId('compare-rotation').press('Enter');
  const offset = page.getByTestId('compare-offset');
  await expect(offset).toHaveAttribute('data-rotation', '30');
  v = await settled(page);
  expect(degrees(v.right.rotation - v.left.rotation)).toBeCloseTo(30, 3);
  expect(close(v.left.x, before.left.x) && close(v.left.y, before.left.y)).toBe(true);
  expect(close(v.right.x, before.right.x) && close(v.right.y, before.right.y)).toBe(true);
  await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'compare-rotation.png') });

  // Pan the left 160 px to the left on screen: the right moves the same way on its screen, which
  // on its slide is that move turned by −30°.
  await drag(page, left(page), -160, 0);
  const panned = await settled(page);
  const d = 160 / panned.left.pxPerUm;
  expect(panned.left.x - v.left.x).toBeCloseTo(d, 0);
  expect(panned.right.x - v.right.x).toBeCloseTo(d * Math.cos(Math.PI / 6), 0);
  expect(panned.right.y - v.right.y).toBeCloseTo(-d * Math.sin(Math.PI / 6), 0);
  expect(degrees(panned.right.rotation - panned.left.rotation)).toBeCloseTo(30, 3);

  // Kept in the case session.
  await page.reload();
  await expect(right(page).getByTestId('slide-viewer')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('compare-rotation')).toHaveValue('30');
  v = await settled(page);
  expect(degrees(v.right.rotation - v.left.rotation)).toBeCloseTo(30, 3);

  // Reset: none again.
  await page.getByTestId('compare-reset').click();
  await expect(offset).toHaveAttribute('data-rotation', '0');
  v = await settled(page);
  expect(degrees(v.right.rotation - v.left.rotation)).toBeCloseTo(0, 3);

  // Alt+Shift+drag a quarter turn clockwise about the right slide's centre: it turns 90°, about the
  // tissue at its centre; the left stays as it was.
  const still = v;
  const rb = (await right(page).getByTestId('slide-viewer').boundingBox())!;
  const [cx, cy] = [rb.x + rb.width / 2, rb.y + rb.height / 2];
  await page.keyboard.down('Alt');
  await page.keyboard.down('Shift');
  await page.mouse.move(cx + 100, cy);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++)
    await page.mouse.move(cx + 100 * Math.cos((i * Math.PI) / 20), cy + 100 * Math.sin((i * Math.PI) / 20));
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await page.keyboard.up('Alt');
  await expect(offset).toHaveAttribute('data-rotation', '90');
  v = await settled(page);
  expect(degrees(v.right.rotation - v.left.rotation)).toBeCloseTo(90, 3);
  expect(v.left.rotation).toBe(still.left.rotation);
  expect(close(v.left.x, still.left.x) && close(v.left.y, still.left.y)).toBe(true);
  expect(close(v.right.x, still.right.x) && close(v.right.y, still.right.y)).toBe(true);
  await page.getByTestId('compare-reset').click();
  v = await settled(page);

  // Two pairs: (left centre, right centre + (60, −30)), then 100 px to the right of the first on
  // the left and 100 px below the first on the right: the right slide must turn −90° (what lies
  // to the right on the left slide lies below on the right one).
  const at = async (side: Locator, dx: number, dy: number) => {
    const b = (await side.getByTestId('slide-viewer').boundingBox())!;
    await page.mouse.click(b.x + b.width / 2 + dx, b.y + b.height / 2 + dy);
  };
  await page.getByTestId('compare-align').click();
  const first = await settled(page);
  await at(left(page), 0, 0);
  await at(right(page), 60, -30);
  await expect(page.getByTestId('slide-compare')).toHaveAttribute('data-align', 'left2');
  const second = await settled(page);
  // The first pair now lines up (the left followed the right, where the last click was): the
  // second landmark on the left is 100 px to the right of where the first one is shown now.
  const l1 = micronsAt(first.left, 0, 0);
  const l1Now = screenOf(second.left, l1);
  await at(left(page), l1Now.x + 100, l1Now.y);
  await expect(page.getByTestId('slide-compare')).toHaveAttribute('data-align', 'right2');
  await at(right(page), 60, 70);
  await expect(page.getByTestId('slide-compare')).not.toHaveAttribute('data-align', /./);
  await expect(offset).toHaveAttribute('data-rotation', '-90');
  v = await settled(page);
  expect(degrees(v.right.rotation - v.left.rotation)).toBeCloseTo(270, 3);
  // Where the landmarks were clicked, in µm on each slide …
  const r1 = micronsAt(first.right, 60, -30);
  const l2 = micronsAt(second.left, l1Now.x + 100, l1Now.y);
  const r2 = micronsAt(second.right, 60, 70);
  // … and now each pair is at the same place on both screens.
  for (const [l, r] of [
    [l1, r1],
    [l2, r2],
  ]) {
    const a = screenOf(v.left, l);
    const b = screenOf(v.right, r);
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeLessThan(2);
  }
  await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'compare-two-pairs.png') });
});

test('the comparison is kept in the case session: after a reload both slides are shown, linked', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('slide-compare')).toBeVisible({ timeout: 60_000 });
  await expect(right(page).getByTestId('slide-viewer')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('compare-link')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('compare-close').click();
  await expect(page.getByTestId('slide-compare')).toHaveCount(0);
  await expect(page.getByTestId('slide-viewer')).toHaveCount(1);
});

test('side by side in the default layout, each half keeps one row of tools: nothing wraps, the rest is under More tools', async ({
  page,
}) => {
  await page.goto(host.url);
  await expect(page.getByTestId('slide-viewer').first()).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  if ((await page.getByTestId('compare-pick').inputValue()) === '')
    await page.getByTestId('compare-pick').selectOption({ index: 1 });
  await expect(right(page).getByTestId('slide-viewer')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  for (const side of [left(page), right(page)]) {
    const toolbar = side.getByRole('toolbar', { name: 'Slide view' });
    const fit = (await side.getByTestId('slide-fit').boundingBox())!;
    const more = (await side.getByTestId('slide-more-tools').boundingBox())!;
    const list = (await side.getByTestId('annotation-list-toggle').boundingBox())!;
    // One row: the first and the last tool and the list on the same line, the bar one tool high,
    // and nothing cut off at its end.
    expect(Math.abs(more.y - fit.y)).toBeLessThan(2);
    expect(Math.abs(list.y + list.height / 2 - (fit.y + fit.height / 2))).toBeLessThan(2);
    expect((await toolbar.boundingBox())!.height).toBeLessThan(fit.height * 2);
    expect(await toolbar.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
  }
  await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'compare-toolbars.png') });

  // The rest is one click away: flip the right slide from its More tools.
  await expect(right(page).getByTestId('slide-flip')).toHaveCount(0);
  await right(page).getByTestId('slide-more-tools').click();
  await expect(right(page).getByTestId('slide-more-panel')).toBeVisible();
  await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'compare-more-tools.png') });
  await right(page).getByTestId('slide-flip').click();
  await expect(right(page).getByTestId('slide-flip')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');
  await expect(right(page).getByTestId('slide-more-panel')).toHaveCount(0);
  // The annotation tools are there too, and their keys still work.
  await right(page).getByTestId('slide-more-tools').click();
  await expect(right(page).getByTestId('annotation-tool-polygon')).toBeVisible();
});
