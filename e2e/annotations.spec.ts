/// <reference lib="dom" />
/**
 * Annotations end to end, in Chromium through the HTTP host, on a generated slide of known pixel
 * spacing (0.5 µm): a polygon drawn with the keyboard and the mouse has the area its vertices
 * make; undo and redo; it is saved in the case folder and found again after a reload; the
 * rectangle tool, moving and deleting.
 */
import { expect, test, type Page } from '@playwright/test';
import { decode } from 'fast-png';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GRID, writeGridSlide } from '../tests/services/slides/fixtures/codecCase.js';
import { E2E_CACHE, REPO_ROOT } from './support/paths.js';
import { startHost, type RunningHost } from './support/host.js';

const caseDir = join(E2E_CACHE, `annotations-case-${process.pid}`);
let host: RunningHost;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  rmSync(caseDir, { recursive: true, force: true });
  mkdirSync(caseDir, { recursive: true });
  await writeGridSlide(caseDir);
  host = await startHost({ casePath: caseDir });
});
test.afterAll(async () => {
  await host?.stop();
  rmSync(caseDir, { recursive: true, force: true });
});

async function openSlide(page: Page): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByTestId('slide-viewer')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await page.waitForTimeout(800); // the opening animation
}

/** Where level-0 pixel (ix, iy) is on screen in the home (fitted) view. */
async function fittedPoint(page: Page, ix: number, iy: number) {
  const box = (await page.getByTestId('slide-viewer').boundingBox())!;
  const scale = Math.min(box.width / GRID.width, box.height / GRID.height);
  return {
    x: box.x + box.width / 2 + (ix - GRID.width / 2) * scale,
    y: box.y + box.height / 2 + (iy - GRID.height / 2) * scale,
    scale,
  };
}

const annotationFiles = () => {
  const dir = join(caseDir, '.triptych', 'annotations');
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json')) : [];
};

test('a polygon drawn with P and clicks has the area its vertices make; undo, redo; saved and found after a reload', async ({
  page,
}) => {
  await openSlide(page);
  await page.getByTestId('slide-viewer').click({ position: { x: 5, y: 5 } }); // focus
  await page.keyboard.press('p');
  await expect(page.getByTestId('annotation-tool-polygon')).toHaveAttribute('aria-pressed', 'true');
  // A 1024 × 512 px quadrilateral with a notch: (256,256) (1280,256) (1280,768) (768,512) (256,768).
  const vertices = [
    [256, 256],
    [1280, 256],
    [1280, 768],
    [768, 512],
    [256, 768],
  ];
  for (const [ix, iy] of vertices) {
    const p = await fittedPoint(page, ix, iy);
    await page.mouse.click(p.x, p.y);
    await page.waitForTimeout(350); // not a double-click
  }
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('annotation-list-toggle')).toContainText('1');

  await page.getByTestId('annotation-list-toggle').click();
  const measurement = page.getByTestId('annotation-measurement');
  await expect(measurement).toBeVisible();
  // 1024·512 less the notch (a triangle of base 1024 and height 256) = 393,216 px², at 0.25 µm²/px².
  const expected = (1024 * 512 - (1024 * 256) / 2) * GRID.mpp * GRID.mpp;
  const { scale } = await fittedPoint(page, 0, 0);
  // Each click lands within a screen pixel: ~1/scale image pixels along a 3,000 px outline.
  const slack = (3100 / scale) * GRID.mpp * GRID.mpp * 2;
  const area = Number(await measurement.getAttribute('data-area-um2'));
  expect(Math.abs(area - expected)).toBeLessThan(slack);
  await expect(measurement).toHaveText(/^0\.09\d mm² · perimeter \d\.\d\d mm$/);
  await expect(page.getByTestId('annotation-saved')).toBeVisible();
  expect(annotationFiles()).toHaveLength(1);

  // Undo takes it away (and saves that), redo brings it back.
  await page.getByTestId('slide-viewer').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Escape'); // leave the polygon tool
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('annotation-list-toggle')).toContainText('0');
  await expect(page.getByTestId('annotation-empty')).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('annotation-list-toggle')).toContainText('1');
  await expect(page.getByTestId('annotation-saved')).toBeVisible();
  await expect
    .poll(() => readFileSync(join(caseDir, '.triptych', 'annotations', annotationFiles()[0]), 'utf8'))
    .toContain('"polygon"');

  // Reload: it is there, with the same area.
  await page.reload();
  await expect(page.getByTestId('slide-viewer')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('annotation-list-toggle')).toContainText('1');
  await page.getByTestId('annotation-list-toggle').click();
  await page.getByTestId('annotation-row').first().click();
  await expect(page.getByTestId('annotation-measurement')).toHaveAttribute('data-area-um2', String(area));
  await page.waitForTimeout(900); // the flight to it
  await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'annotations-polygon.png') });
});

test('the rectangle tool (R) with a class and a label; moved by dragging; deleted with Delete', async ({ page }) => {
  await openSlide(page);
  // The list beside the slide narrows the view: fit the slide again (0) so that fittedPoint holds.
  await page.getByTestId('annotation-list-toggle').click();
  await page.getByTestId('slide-more-tools').click();
  await page.getByTestId('annotation-class').selectOption('Necrosis');
  await page.keyboard.press('Escape'); // the More tools panel closes
  await page.getByTestId('slide-viewer').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('0');
  await page.waitForTimeout(900);
  await page.keyboard.press('r');
  await expect(page.getByTestId('annotation-tool-rectangle')).toHaveAttribute('aria-pressed', 'true');
  const a = await fittedPoint(page, 1536, 256);
  const b = await fittedPoint(page, 1792, 512);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 6 });
  await page.mouse.up();
  await expect(page.getByTestId('annotation-edit-class')).toHaveValue('Necrosis');
  const area = Number(await page.getByTestId('annotation-measurement').getAttribute('data-area-um2'));
  expect(Math.abs(area - 256 * 256 * 0.25)).toBeLessThan((1100 / a.scale) * 0.25 * 2);
  await page.getByTestId('annotation-edit-label').fill('necrotic focus');
  await page.getByTestId('annotation-edit-label').press('Enter');
  await page.getByTestId('annotation-edit-discuss').check();

  // Select tool, drag the rectangle by its middle 256 px to the left.
  await page.getByTestId('slide-viewer').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Escape'); // deselect
  await page.keyboard.press('Escape'); // leave the rectangle tool
  await expect(page.getByTestId('annotation-tool-select')).toHaveAttribute('aria-pressed', 'true');
  const mid = await fittedPoint(page, 1664, 384);
  const to = await fittedPoint(page, 1408, 384);
  await page.mouse.move(mid.x, mid.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
  await expect(page.getByTestId('annotation-editor')).toBeVisible();
  await expect(page.getByTestId('annotation-edit-label')).toHaveValue('necrotic focus');
  await expect
    .poll(async () => {
      const stored = JSON.parse(readFileSync(join(caseDir, '.triptych', 'annotations', annotationFiles()[0]), 'utf8'));
      const rect = stored.annotations.find((x: { label: string }) => x.label === 'necrotic focus');
      return rect ? Math.round(rect.shape.x / 16) * 16 : null;
    })
    .toBe(1280);
  await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'annotations-rectangle.png') });

  await page.getByTestId('slide-viewer').focus();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('annotation-editor')).toHaveCount(0);
  await expect(page.getByTestId('annotation-list-toggle')).toContainText('1');

  // Undone, it is back, flagged: the printed summary lists it.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('annotation-list-toggle')).toContainText('2');
  await expect(page.getByTestId('annotation-saved')).toBeVisible();
  await page.getByTestId('open-summary').click();
  await page.getByTestId('summary-prepare').click();
  await expect(page.getByTestId('summary-ready')).toBeVisible();
  await expect(page.getByTestId('summary-annotations')).toContainText('necrotic focus');
  await expect(page.getByTestId('summary-annotations')).toContainText(/0\.01\d mm²/);
});

test('a damaged annotations file is named, never written over, and can be set aside', async ({ page }) => {
  const file = join(caseDir, '.triptych', 'annotations', annotationFiles()[0]);
  const damaged = readFileSync(file, 'utf8').slice(0, 200);
  writeFileSync(file, damaged);
  await openSlide(page);
  await expect(page.getByTestId('annotation-problem')).toContainText('not loaded');
  await page.getByTestId('annotation-problem').click();
  await expect(page.getByTestId('annotation-load-error')).toContainText(/\.triptych\/annotations\/.*\.json: .*not valid JSON/);
  expect(readFileSync(file, 'utf8')).toBe(damaged);
  await page.getByTestId('annotation-set-aside').click();
  await expect(page.getByTestId('annotation-empty')).toBeVisible();
  await expect(page.getByTestId('annotation-problem')).toHaveCount(0);
  expect(readdirSync(join(caseDir, '.triptych', 'annotations')).some((n) => n.includes('.damaged-'))).toBe(true);
});

test('a GeoJSON file imported in the list is one step: undo takes every feature away, redo brings them back, each saved', async ({
  page,
}) => {
  // 25,000 small squares in a grid (more than one save used to carry), as QuPath writes them.
  const count = 25_000;
  const features = Array.from({ length: count }, (_, i) => {
    const x = (i % 200) * 10;
    const y = Math.floor(i / 200) * 10;
    return {
      type: 'Feature',
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + 6, y],
            [x + 6, y + 6],
            [x, y + 6],
            [x, y],
          ],
        ],
      },
      properties: { objectType: 'annotation', classification: { name: 'Tumor', color: [200, 0, 0] } },
    };
  });
  const file = join(E2E_CACHE, `annotations-import-${process.pid}.geojson`);
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
  const stored = () => {
    const names = annotationFiles().filter((n) => !n.includes('.damaged-'));
    if (names.length !== 1) return -1;
    return (JSON.parse(readFileSync(join(caseDir, '.triptych', 'annotations', names[0]), 'utf8')).annotations as unknown[])
      .length;
  };

  await openSlide(page);
  const toggle = page.getByTestId('annotation-list-toggle');
  await expect(toggle).toHaveText('0');
  await toggle.click();
  await page.getByTestId('annotation-import-file').setInputFiles(file);
  await expect(page.getByTestId('annotation-notice')).toContainText(`${count.toLocaleString('en-US')} annotations imported`, {
    timeout: 60_000,
  });
  await expect(toggle).toHaveText(count.toLocaleString('en-US'));
  expect(stored()).toBe(count);

  await page.getByTestId('slide-viewer').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(toggle).toHaveText('0');
  await expect(page.getByTestId('annotation-empty')).toBeVisible();
  await expect.poll(stored, { timeout: 30_000 }).toBe(0);

  await page.keyboard.press('Control+Shift+z');
  await expect(toggle).toHaveText(count.toLocaleString('en-US'));
  await expect.poll(stored, { timeout: 30_000 }).toBe(count);
  await expect(page.getByTestId('annotation-saved')).toBeVisible();
  await expect(page.getByTestId('annotation-save-error')).toHaveCount(0);

  // Found again after a reload, and nothing left to undo there (history is the page's).
  await page.reload();
  await expect(page.getByTestId('slide-viewer')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(toggle).toHaveText(count.toLocaleString('en-US'), { timeout: 30_000 });
  rmSync(file, { force: true });
});

// TRIPTYCH_TESTDATA: where a git worktree's ../shared is not the shared folder.
const dicomDir = join(process.env.TRIPTYCH_TESTDATA ?? join(REPO_ROOT, '..', 'shared', 'testdata'), 'dicom');
const haveDicom = existsSync(join(dicomDir, 'sm_annotations.dcm')) && existsSync(join(dicomDir, 'sm_image.dcm'));

test.describe('DICOM bulk annotations', () => {
  test.skip(!haveDicom, `${dicomDir} has no sm_annotations.dcm / sm_image.dcm`);
  let bulkHost: RunningHost;
  const bulkCase = join(E2E_CACHE, `bulk-annotations-${process.pid}`);
  test.beforeAll(async () => {
    rmSync(bulkCase, { recursive: true, force: true });
    mkdirSync(bulkCase, { recursive: true });
    copyFileSync(join(dicomDir, 'sm_image.dcm'), join(bulkCase, 'sm_image.dcm'));
    copyFileSync(join(dicomDir, 'sm_annotations.dcm'), join(bulkCase, 'nuclei.dcm'));
    bulkHost = await startHost({ casePath: bulkCase });
  });
  test.afterAll(async () => {
    await bulkHost?.stop();
    rmSync(bulkCase, { recursive: true, force: true });
  });

  test('the real file’s two nuclei are drawn where its 2D coordinates say, read-only', async ({ page }) => {
    await page.goto(bulkHost.url);
    await expect(page.getByTestId('slide-viewer')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    await page.waitForTimeout(800);
    await expect(page.getByTestId('annotation-list-toggle')).toContainText('2');
    await page.getByTestId('annotation-list-toggle').click();
    await expect(page.getByTestId('annotation-imported')).toContainText('nuclei.dcm');
    await expect(page.getByTestId('annotation-imported')).toContainText('image coordinates');
    await page.getByTestId('slide-viewer').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('0');
    await page.waitForTimeout(900);
    // 50 × 50 px, fitted to the view.
    const box = (await page.getByTestId('slide-viewer').boundingBox())!;
    const scale = Math.min(box.width / 50, box.height / 50);
    const at = (ix: number, iy: number) => ({
      x: box.x + box.width / 2 + (ix - 25) * scale,
      y: box.y + box.height / 2 + (iy - 25) * scale,
    });
    // The points as pydicom reads them from DoublePointCoordinatesData: (34.6, 18.4) and (28.7, 34.9).
    const cyan = (c: number[]) => c[0] < 60 && c[1] > 160 && c[2] > 160;
    const colourAt = async (p: { x: number; y: number }) => {
      const png = decode(await page.screenshot({ clip: { x: p.x - 1, y: p.y - 1, width: 3, height: 3 } }));
      const middle = (png.width + 1) * png.channels;
      return [0, 1, 2].map((c) => png.data[middle + c]);
    };
    await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'annotations-dicom.png') });
    for (const [ix, iy] of [
      [34.6, 18.4],
      [28.7, 34.9],
    ]) {
      await expect.poll(async () => cyan(await colourAt(at(ix, iy)))).toBe(true);
      // 12 screen pixels away there is no dot.
      expect(cyan(await colourAt({ x: at(ix, iy).x + 12, y: at(ix, iy).y }))).toBe(false);
    }
    // Hidden with A.
    await page.keyboard.press('a');
    await expect.poll(async () => cyan(await colourAt(at(34.6, 18.4)))).toBe(false);
  });
});
