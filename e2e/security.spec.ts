/// <reference lib="dom" />
/**
 * "No file can run code in the viewer" and "patient data never leaves the machine", in Chromium
 * through the HTTP host: a case whose every text field carries HTML and script is opened and
 * walked through; no script may run, no element may be injected, no request may leave the origin.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seriesUID, writeInstance } from '../tests/services/slides/fixtures/slideFixtures.js';
import { E2E_CACHE } from './support/paths.js';
import { startHost, type RunningHost } from './support/host.js';
import { hasPoppler, printSummary, readPdf } from './support/pdf.js';

const payload = (tag: string) =>
  `<img src=x onerror="window.__xss=(window.__xss||[]).concat('${tag}')"><script>window.__xss=['${tag}-script']</script>`;

async function hostileCase(): Promise<string> {
  const dir = mkdtempSync(join(E2E_CACHE, 'hostile-case-'));
  const series = seriesUID('hostile');
  await writeInstance(dir, series, {
    fileName: 'slide.dcm',
    width: 512,
    height: 512,
    tileWidth: 256,
    tileHeight: 256,
    seriesDescription: payload('series'),
    extra: { PatientName: payload('dicom-name'), ContainerIdentifier: payload('container') },
  });
  mkdirSync(join(dir, 'variants'));
  const info = `GENE=${payload('gene').replace(/[;=\s]/g, '_')};NOTE=%3Cimg%20src%3Dx%20onerror%3Dwindow.__xss%3D1%3E`;
  writeFileSync(
    join(dir, 'variants', `${'<b>'}evil.vcf`),
    [
      '##fileformat=VCFv4.2',
      '##INFO=<ID=GENE,Number=1,Type=String,Description="gene">',
      '##INFO=<ID=NOTE,Number=1,Type=String,Description="note">',
      '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="depths">',
      `#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t<i>TUMOR</i>`,
      `chr4\t1801841\t<svg/onload=window.__xss=2>\tC\tG\t50\tPASS\t${info}\tAD\t10,12`,
      '',
    ].join('\n'),
  );
  mkdirSync(join(dir, 'ctdna'));
  writeFileSync(
    join(dir, 'ctdna', 'events.csv'),
    `type,label,start,end,result\nsurgery,"${payload('event').replace(/"/g, '""')}",2025-01-02,,\nimaging,CT,2025-03-01,,"${payload('imaging').replace(/"/g, '""')}"\n`,
  );
  writeFileSync(
    join(dir, 'ctdna', 'results.csv'),
    `date,value,unit,status,lod,assay\n2025-01-10,3.2,MTM/mL,DETECTED,0.01,"${payload('assay').replace(/"/g, '""')}"\n`,
  );
  writeFileSync(
    join(dir, 'case.json'),
    JSON.stringify({
      title: payload('title'),
      patient: { id: payload('id'), name: payload('name'), diagnosis: payload('diagnosis') },
    }),
  );
  return dir;
}

/** Every request the page makes outside its own origin (data: and blob: URLs stay in the page). */
function recordForeignRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:') foreign.push(request.url());
  });
  return foreign;
}

async function injected(page: Page): Promise<{ xss: unknown; images: number; scripts: number }> {
  return page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss,
    images: document.querySelectorAll('img[src="x"], svg[onload]').length,
    scripts: Array.from(document.scripts).filter((s) => !s.src).length,
  }));
}

test('a case with HTML and script in every text field shows it as text and runs none of it', async ({ page }) => {
  const host: RunningHost = await startHost({ casePath: await hostileCase() });
  const foreign = recordForeignRequests(page, host.origin);
  try {
    await page.goto(host.url);
    for (const pane of ['slide', 'variants', 'ctdna']) {
      await expect(page.getByTestId(`pane-${pane}`)).not.toHaveAttribute('data-state', 'loading', { timeout: 60_000 });
    }
    await page.getByTestId('patient-name-toggle').click();
    await expect(page.getByTestId('patient-name')).toContainText('<img');
    await expect(page.locator('body')).toContainText('onerror');
    // Walk through what can show file text: table rows, chart tooltips.
    const rows = page.getByTestId('variant-row');
    if ((await rows.count()) > 0) await rows.first().click();
    const chart = page.getByTestId('ctdna-chart');
    const box = await chart.boundingBox();
    if (box) for (let x = box.x + 10; x < box.x + box.width; x += 25) await page.mouse.move(x, box.y + box.height / 3);
    await page.waitForTimeout(500);
    expect(await injected(page)).toEqual({ xss: undefined, images: 0, scripts: 0 });
    expect(foreign).toEqual([]);
    if (process.env.TRIPTYCH_SHOT) await page.screenshot({ path: process.env.TRIPTYCH_SHOT });

    // The one-page summary (identifiers asked for) prints the same fields as text.
    const pdf = await printSummary(page, { identifiers: true });
    expect(await injected(page)).toEqual({ xss: undefined, images: 0, scripts: 0 });
    if (hasPoppler()) {
      const { text } = readPdf(pdf, join(mkdtempSync(join(E2E_CACHE, 'hostile-pdf-')), 'summary.pdf'), false);
      expect(text).toContain('<img src=x onerror=');
    }
  } finally {
    await host.stop();
  }
});

test('the demo case makes no request outside the page origin while used', async ({ page }) => {
  const host = await startHost();
  const foreign = recordForeignRequests(page, host.origin);
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('pane-slide')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await page.getByTestId('slide-viewer').click();
    for (const key of ['+', '+', '+', 'ArrowRight', 'ArrowDown', '-', '0']) await page.keyboard.press(key);
    await page.getByTestId('variant-row').first().click();
    const chart = page.getByTestId('ctdna-chart');
    const box = (await chart.boundingBox())!;
    for (let x = box.x + 10; x < box.x + box.width; x += 30) await page.mouse.move(x, box.y + box.height / 3);
    await page.waitForLoadState('networkidle');
    expect(foreign).toEqual([]);
  } finally {
    await host.stop();
  }
});
