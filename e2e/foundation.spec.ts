/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_VERSION } from '../electron/services/demo/ensureDemoCase.js';
import { E2E_CACHE, SHARED_DATA_DIR } from './support/paths.js';
import { startHost, type RunningHost } from './support/host.js';

const PANES = ['slide', 'variants', 'ctdna'] as const;

async function openViewer(page: Page, host: RunningHost): Promise<void> {
  await page.goto(host.url);
  for (const pane of PANES) {
    await expect(page.getByTestId(`pane-${pane}`)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  }
}

const widthOf = async (page: Page, testId: string): Promise<number> => (await page.getByTestId(testId).boundingBox())?.width ?? 0;

test.describe('the demo case through the HTTP host', () => {
  let host: RunningHost;
  test.beforeEach(async () => {
    host = await startHost();
  });
  test.afterEach(async () => {
    await host.stop();
  });

  test('opens in three panes with the patient name masked until asked', async ({ page }) => {
    await openViewer(page, host);
    await expect(page.getByTestId('variant-row').first()).toBeVisible();
    await expect(page.getByText('FGFR3').first()).toBeVisible();
    await expect(page.getByTestId('ctdna-chart')).toBeVisible();
    await expect(page.getByTestId('slide-viewer')).toBeVisible();
    const name = page.getByTestId('patient-name');
    await expect(name).not.toContainText('SYNTHETIC');
    await page.getByTestId('patient-name-toggle').click();
    await expect(name).toContainText(/SYNTHETIC/i);
  });

  test('draws slide tiles from the binary handler', async ({ page }) => {
    const tiles: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/binary/slides/') && r.status() === 200) tiles.push(r.headers()['content-type'] ?? '');
    });
    await openViewer(page, host);
    await expect.poll(() => tiles.length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(tiles.every((type) => type === 'image/jpeg')).toBe(true);
    // The slide viewer's canvas shows tissue, not only the empty glass or the page background.
    const shot = await page.getByTestId('slide-viewer').screenshot();
    const { fraction, meanRgb } = await colourfulPixels(page, shot);
    expect(fraction).toBeGreaterThan(0.02);
    // H&E: eosin pink and haematoxylin purple have more red than blue (a blue cast would mean the
    // brightfield slide was drawn as a fluorescence channel).
    expect(meanRgb[0]).toBeGreaterThan(meanRgb[2]);
  });

  test('resizes and collapses panes, and keeps the layout across a reload', async ({ page }) => {
    await openViewer(page, host);
    const before = await widthOf(page, 'pane-slide');
    const handle = page.getByTestId('resize-handle-0');
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x - 200, box.y + box.height / 2, { steps: 10 });
    await page.mouse.up();
    await expect.poll(() => widthOf(page, 'pane-slide')).toBeLessThan(before - 100);

    await page.getByTestId('pane-ctdna-collapse').click();
    await expect.poll(() => widthOf(page, 'pane-ctdna')).toBeLessThan(60);
    const resized = await widthOf(page, 'pane-slide');

    await page.waitForTimeout(1000); // the layout is saved debounced
    await page.reload();
    await expect(page.getByTestId('pane-slide')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect.poll(() => widthOf(page, 'pane-ctdna')).toBeLessThan(60);
    expect(Math.abs((await widthOf(page, 'pane-slide')) - resized)).toBeLessThan(30);
  });

  test('maximizes a pane and restores it', async ({ page }) => {
    await openViewer(page, host);
    const before = await widthOf(page, 'pane-variants');
    await page.getByTestId('pane-variants-maximize').click();
    await expect.poll(() => widthOf(page, 'pane-variants')).toBeGreaterThan(1400);
    await page.getByTestId('pane-variants-restore').click();
    await expect.poll(() => widthOf(page, 'pane-variants')).toBeLessThan(before + 30);
  });

  test('refuses requests without the token or from a foreign host', async ({ request }) => {
    const base = host.origin;
    expect((await request.get(`${base}/`, { maxRedirects: 0 })).status()).toBe(401);
    expect((await request.post(`${base}/api/case.current`, { data: {} })).status()).toBe(401);
    const token = new URL(host.url).searchParams.get('token');
    const foreign = await request.get(`${base}/?token=${token}`, {
      headers: { Host: `evil.example:${new URL(base).port}` },
      maxRedirects: 0,
    });
    expect(foreign.status()).toBe(421);
  });
});

test('a broken variant file fails in its pane while the others keep working', async ({ page }) => {
  const demo = join(SHARED_DATA_DIR, 'demo-case', `v${DEMO_VERSION}`);
  const caseDir = mkdtempSync(join(E2E_CACHE, 'broken-case-'));
  cpSync(demo, caseDir, { recursive: true });
  // The demo's own VCF replaced by one with a record before its #CHROM header line.
  const vcf = readdirSync(join(caseDir, 'variants')).find((f) => f.endsWith('.vcf.gz'))!;
  rmSync(join(caseDir, 'variants', `${vcf}.tbi`));
  writeFileSync(join(caseDir, 'variants', vcf), '##fileformat=VCFv4.2\nchr4\t1801841\t.\tC\tG\t.\tPASS\t.\n');
  const host = await startHost({ casePath: caseDir });
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('pane-variants')).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
    await expect(page.getByTestId('pane-variants-error')).toContainText(vcf);
    await expect(page.getByTestId('pane-slide')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('pane-ctdna')).toHaveAttribute('data-state', 'ready');
  } finally {
    await host.stop();
  }
});

/** Share of pixels in a PNG that are clearly coloured (stained tissue), and their mean colour. */
async function colourfulPixels(page: Page, png: Buffer): Promise<{ fraction: number; meanRgb: number[] }> {
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    let coloured = 0;
    const sum = [0, 0, 0];
    for (let i = 0; i < data.length; i += 4) {
      const max = Math.max(data[i], data[i + 1], data[i + 2]);
      const min = Math.min(data[i], data[i + 1], data[i + 2]);
      if (max - min > 40) {
        coloured++;
        for (let c = 0; c < 3; c++) sum[c] += data[i + c];
      }
    }
    return { fraction: coloured / (data.length / 4), meanRgb: sum.map((v) => v / Math.max(1, coloured)) };
  }, png.toString('base64'));
}
