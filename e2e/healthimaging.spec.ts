/// <reference lib="dom" />
/**
 * HealthImaging slides in the slide pane, through the HTTP host in Chromium: a case whose
 * case.json names image sets on the loopback HealthImaging stand-in (`triptych serve` reaches it
 * through the SDK's own environment, 20 ms added per request). The JPEG slide's pixels on screen
 * come from the right frames (passed to the browser as stored), the HTJ2K slide is decoded in the
 * workers; "Add from HealthImaging" finds the patient's slides and adds one to the case; "Make
 * available offline" fetches the levels chosen (the reductions first, then the rest), and the
 * case then opens with the service unreachable. A slide only partly cached opens offline: the
 * cached tiles are drawn, the others are grey placeholders, the pane says it is offline, and the
 * placeholders fill in when the service is back.
 */
import { expect, test, type Page } from '@playwright/test';
import { decode } from 'fast-png';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GRID, gridColour, PLANE_COLOURS } from '../tests/services/slides/fixtures/codecCase.js';
import { IMAGING, startImagingWorld, type ImagingWorld } from '../tests/support/aws/imagingWorld.js';
import { startSwitchableEndpoint } from '../tests/support/aws/switchableEndpoint.js';
import { startHost, type RunningHost } from './support/host.js';
import { E2E_CACHE, REPO_ROOT } from './support/paths.js';

type Rgb = [number, number, number];
const entry = (imageSetId: string, label?: string) => ({
  source: 'healthimaging',
  region: IMAGING.region,
  datastoreId: IMAGING.datastoreId,
  imageSetId,
  ...(label ? { label } : {}),
});

test.describe.configure({ mode: 'serial' });

let world: ImagingWorld;
let host: RunningHost | undefined;
let dir: string;
let caseDir: string;

test.beforeAll(async () => {
  mkdirSync(E2E_CACHE, { recursive: true });
  dir = mkdtempSync(join(E2E_CACHE, 'healthimaging-'));
  world = await startImagingWorld(join(dir, 'world'), { latencyMs: 20 });
  caseDir = join(dir, 'case');
  mkdirSync(caseDir);
  writeFileSync(
    join(caseDir, 'case.json'),
    JSON.stringify({
      title: 'PAT-0042 (HealthImaging)',
      patient: { id: IMAGING.patientId },
      healthImaging: [entry(IMAGING.grid, 'Resection H&E (HealthImaging)'), entry(IMAGING.htj2k, 'Focal planes (HealthImaging)')],
    }),
  );
});
test.afterEach(async () => host?.stop());
test.afterAll(async () => world?.server.close());

/** Open the slide named (a case of one slide has no strip: it is open already), fitted. */
async function openSlide(page: Page, name: RegExp | null): Promise<void> {
  await expect(page.getByTestId('pane-slide')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  if (name) await page.getByTestId('slide-card').filter({ hasText: name }).click();
  await expect(page.getByTestId('slide-viewer')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await page.getByTestId('slide-fit').click();
  await page.waitForTimeout(800); // the opening animation
}

async function colourAt(page: Page, x: number, y: number): Promise<Rgb> {
  const png = decode(await page.screenshot({ clip: { x: x - 2, y: y - 2, width: 5, height: 5 } }));
  const sums = [0, 0, 0];
  for (let i = 0; i < png.data.length; i += png.channels) for (let c = 0; c < 3; c++) sums[c] += png.data[i + c];
  const n = png.data.length / png.channels;
  return sums.map((s) => Math.round(s / n)) as Rgb;
}

async function expectColour(page: Page, x: number, y: number, expected: Rgb, tolerance = 14): Promise<void> {
  await expect
    .poll(
      async () => {
        const got = await colourAt(page, x, y);
        return got.every((v, i) => Math.abs(v - expected[i]) <= tolerance) || got;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
}

async function fittedPoint(page: Page, width: number, height: number, ix: number, iy: number) {
  const box = (await page.getByTestId('slide-viewer').boundingBox())!;
  const scale = Math.min(box.width / width, box.height / height);
  return { x: box.x + box.width / 2 + (ix - width / 2) * scale, y: box.y + box.height / 2 + (iy - height / 2) * scale };
}

test('a JPEG image set: the pixels on screen come from the right frames; HTJ2K decoded in the workers', async ({ page }) => {
  host = await startHost({ casePath: caseDir, env: world.server.env() });
  await page.goto(host.url);
  await openSlide(page, /Resection H&E/);
  for (const [col, row] of [
    [0, 0],
    [5, 2],
    [3, 4],
  ]) {
    const p = await fittedPoint(page, GRID.width, GRID.height, (col + 0.5) * GRID.tile, (row + 0.5) * GRID.tile);
    await expectColour(page, p.x, p.y, gridColour(col, row));
  }
  expect(world.server.requests.filter((r) => r.operation === 'GetImageFrame' && r.status === 200).length).toBeGreaterThan(0);
  await page.screenshot({ path: join(E2E_CACHE, 'healthimaging-grid.png') });

  await openSlide(page, /Focal planes/);
  const p = await fittedPoint(page, 512, 256, 128, 128);
  await expectColour(page, p.x, p.y, PLANE_COLOURS[0], 6);
  await expect(page.getByTestId('pane-slide')).not.toContainText(/could not|failed/i);
});

test("Add from HealthImaging: find the patient's slides, add one, make the case available offline", async ({ page }) => {
  host = await startHost({ casePath: caseDir, env: world.server.env() });
  await page.goto(host.url);
  await expect(page.getByTestId('pane-slide')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await page.getByTestId('open-healthimaging').click();
  const dialog = page.getByTestId('healthimaging-dialog');
  await dialog.getByTestId('healthimaging-connection-check').click();
  await expect(dialog.getByTestId('hi-store')).toContainText('pathology');
  await expect(dialog.getByTestId('hi-patient')).toHaveValue(IMAGING.patientId);
  await dialog.getByTestId('hi-search').click();
  const rows = dialog.getByTestId('hi-image-set');
  await expect(rows).toHaveCount(7);
  await expect(dialog.getByTestId('hi-skipped')).toContainText('20 image sets of other modalities');
  // The series description and size come from each image set's metadata.
  await expect(rows.filter({ hasText: IMAGING.grid }).getByTestId('hi-series')).toHaveText(
    'Grid of known colours (JPEG) · 2,048 × 1,536 px',
  );
  await page.screenshot({ path: join(E2E_CACHE, 'healthimaging-dialog.png') });
  await rows.filter({ hasText: IMAGING.sparse }).getByRole('checkbox').check();
  await dialog.getByTestId('healthimaging-add').click();
  await expect
    .poll(() => (JSON.parse(readFileSync(join(caseDir, 'case.json'), 'utf8')).healthImaging as unknown[]).length)
    .toBe(3);
  await expect(dialog.getByTestId('hi-case-count')).toContainText('names 3 HealthImaging slides');
  // "Make available offline" level by level: first every level but the full resolutions.
  const frameRequests = () => world.server.requests.filter((r) => r.operation === 'GetImageFrame').length;
  const picker = dialog.getByTestId('hi-offline-levels');
  const gridLevels = picker.getByTestId('hi-offline-slide').filter({ hasText: 'Resection H&E' }).getByTestId('hi-offline-level');
  await expect(picker.getByTestId('hi-offline-slide')).toHaveCount(3);
  await expect(gridLevels).toHaveCount(2);
  await expect(gridLevels.nth(0)).toContainText('2,048 × 1,536 px');
  await expect(gridLevels.nth(0)).toContainText('48 tiles');
  await expect(gridLevels.nth(1)).toContainText('512 × 384 px');
  await expect(gridLevels.nth(1)).toContainText('4 tiles');
  for (const level of await picker.locator('[data-testid="hi-offline-level"][data-level="0"]').all()) {
    await level.getByRole('checkbox').uncheck();
  }
  await expect(picker.getByTestId('hi-offline-total')).toContainText('To fetch: 4 tiles');
  await page.screenshot({ path: join(E2E_CACHE, 'healthimaging-offline-levels.png') });
  const beforeReduced = frameRequests();
  await dialog.getByTestId('healthimaging-offline').click();
  await expect(dialog.getByTestId('task-progress')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  // Only the grid's reduction was fetched (4 frames at most: the viewer may have fetched some already).
  expect(frameRequests() - beforeReduced).toBeLessThanOrEqual(4);
  await expect(gridLevels.nth(1).getByTestId('hi-offline-kept')).toHaveText('offline already');
  await expect(gridLevels.nth(0).getByTestId('hi-offline-kept')).toHaveCount(0);

  // The choice is kept by the service: the page loaded again shows it.
  await page.reload();
  await expect(page.getByTestId('pane-slide')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await page.getByTestId('open-healthimaging').click();
  await expect(gridLevels.nth(0).getByRole('checkbox')).not.toBeChecked();
  await expect(gridLevels.nth(1).getByRole('checkbox')).toBeChecked();

  // Then every level: the full resolutions are fetched now.
  for (const level of await picker.locator('[data-testid="hi-offline-level"]').all()) await level.getByRole('checkbox').check();
  const reduced = frameRequests();
  await dialog.getByTestId('healthimaging-offline').click();
  await expect.poll(frameRequests, { timeout: 90_000 }).toBeGreaterThan(reduced);
  await expect(dialog.getByTestId('task-progress')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(gridLevels.getByTestId('hi-offline-kept')).toHaveText(['offline already', 'offline already']);

  // Offline: the same data folder, the service unreachable; the slides open and draw from the cache.
  const dataDir = host.dataDir;
  await host.stop();
  host = await startHost({ casePath: caseDir, dataDir, env: world.server.env({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9' }) });
  const before = world.server.requests.length;
  await page.goto(host.url);
  await openSlide(page, /Resection H&E/);
  const p = await fittedPoint(page, GRID.width, GRID.height, 5.5 * GRID.tile, 2.5 * GRID.tile);
  await expectColour(page, p.x, p.y, gridColour(5, 2));
  expect(world.server.requests.length).toBe(before);
});

test('an image set that is not there: the pane says which and why, the other panes work', async ({ page }) => {
  const broken = join(dir, 'broken-case');
  mkdirSync(broken, { recursive: true });
  writeFileSync(
    join(broken, 'case.json'),
    JSON.stringify({ title: 'Missing slide', healthImaging: [entry('99999999999999999999999999999999', 'Gone')] }),
  );
  host = await startHost({ casePath: broken, env: world.server.env() });
  await page.goto(host.url);
  await expect(page.getByTestId('pane-slide')).toContainText(/image set 99999999999999999999999999999999.*was not found/, {
    timeout: 60_000,
  });
});

test('partly cached, offline: cached tiles drawn, the rest grey, the pane says so; back online, the grey fills in', async ({
  page,
}) => {
  const partly = join(dir, 'partly-cached');
  mkdirSync(partly, { recursive: true });
  writeFileSync(
    join(partly, 'case.json'),
    JSON.stringify({ title: 'Partly cached', healthImaging: [entry(IMAGING.grid, 'Partly cached H&E')] }),
  );
  // Two of the four tiles of level 1 (what "fit" draws) are cached, by the CLI, in the app's data folder.
  const dataDir = mkdtempSync(join(E2E_CACHE, 'data-'));
  const url = `healthimaging://${IMAGING.region}/${IMAGING.datastoreId}/${IMAGING.grid}`;
  for (const [col, row] of [
    [0, 0],
    [1, 1],
  ]) {
    await promisify(execFile)(
      process.execPath,
      [
        join(REPO_ROOT, 'bin/triptych.mjs'),
        'tile',
        url,
        '--level',
        '1',
        '--col',
        String(col),
        '--row',
        String(row),
        '--out',
        join(dataDir, 'tile.jpg'),
      ],
      { env: { ...process.env, ...world.server.env(), TRIPTYCH_DATA_DIR: dataDir } },
    );
  }
  // The app reaches the service through a relay that is down: connections are refused.
  const relay = await startSwitchableEndpoint({ port: world.server.port });
  await relay.down();
  try {
    host = await startHost({ casePath: partly, dataDir, env: world.server.env({ AWS_ENDPOINT_URL: relay.endpoint }) });
    await page.goto(host.url);
    await openSlide(page, null);
    const at = (col: number, row: number) =>
      fittedPoint(page, GRID.width, GRID.height, (col + 0.5) * GRID.tile, (row + 0.5) * GRID.tile);
    // Level-1 tile (0, 0) covers level-0 tiles 0–3 × 0–3, (1, 1) covers 4–7 × 4–5: drawn from the cache.
    for (const [col, row] of [
      [1, 1],
      [3, 2],
      [5, 4],
    ]) {
      const p = await at(col, row);
      await expectColour(page, p.x, p.y, gridColour(col, row));
    }
    // The other two are grey placeholders, and the pane says the slide is offline.
    const grey: Rgb = [0x3a, 0x3a, 0x3a];
    for (const [col, row] of [
      [6, 1],
      [2, 5],
    ]) {
      const p = await at(col, row);
      await expectColour(page, p.x, p.y, grey, 6);
    }
    await expect(page.getByTestId('slide-offline')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('slide-offline')).toContainText('Offline');
    await page.screenshot({ path: join(E2E_CACHE, 'healthimaging-partly-offline.png') });

    // The service is back: the placeholders are asked for again and fill in.
    const before = world.server.requests.filter((r) => r.operation === 'GetImageFrame').length;
    await relay.up();
    for (const [col, row] of [
      [6, 1],
      [2, 5],
    ]) {
      const p = await at(col, row);
      await expectColour(page, p.x, p.y, gridColour(col, row));
    }
    await expect(page.getByTestId('slide-offline')).toHaveCount(0);
    await expect(page.getByTestId('pane-slide')).not.toContainText(/tiles? not loaded/);
    expect(world.server.requests.filter((r) => r.operation === 'GetImageFrame').length).toBeGreaterThan(before);
    await page.screenshot({ path: join(E2E_CACHE, 'healthimaging-partly-back.png') });
  } finally {
    await host?.stop();
    await relay.close();
  }
});
