/// <reference lib="dom" />
/**
 * The variants pane through the HTTP host in Chromium: the tumor-board filter, table ↔ igv.js
 * linking, file content that tries to inject HTML, and no request leaving the page's origin.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bgzfCompress } from '../electron/services/variants/bgzf.js';
import { tabixIndexVcf, type IndexedLine } from '../electron/services/variants/tabixIndex.js';
import { startHost, type RunningHost } from './support/host.js';
import { E2E_CACHE } from './support/paths.js';

/** Every request the page makes, and every CSP violation it reports. */
async function watchRequests(page: Page): Promise<{ urls: string[]; violations: () => Promise<string[]> }> {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  // Awaited: a page loaded before the script is registered would have no violation list.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile.replace(/^.*\//, '')}`),
    );
  });
  return {
    urls,
    violations: async () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
  };
}

/** Only the page's own origin: the app itself, /api and /binary; never igv.org, NCBI, Google… */
function expectOnlyOwnOrigin(urls: string[], host: RunningHost): void {
  const foreign = urls.filter(
    (url) => !url.startsWith(`${host.origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'),
  );
  expect(foreign).toEqual([]);
  const own = urls.filter((url) => url.startsWith(`${host.origin}/`)).map((url) => new URL(url).pathname);
  const unexpected = own.filter((path) => !/^\/(api\/|binary\/|assets\/|$|\?|favicon)/.test(path));
  expect(unexpected).toEqual([]);
}

async function openVariants(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('pane-variants')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('genome-view')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
}

/** The span igv.js shows, from its current locus ("chr4:1801791-1801891"). */
async function igvLocus(page: Page): Promise<{ chrom: string; start: number; end: number }> {
  const locus = (await page.getByTestId('genome-view').getAttribute('data-locus')) ?? '';
  const match = /^(\S+):([\d,]+)-([\d,]+)$/.exec(locus.trim());
  if (!match) return { chrom: locus, start: NaN, end: NaN };
  return { chrom: match[1]!, start: Number(match[2]!.replace(/,/g, '')), end: Number(match[3]!.replace(/,/g, '')) };
}

test.describe('the demo case', () => {
  let host: RunningHost;
  test.beforeEach(async () => {
    host = await startHost();
  });
  test.afterEach(async () => {
    await host.stop();
  });

  test('tumor-board preset, then a row click takes igv.js to the variant; nothing leaves the origin', async ({ page }) => {
    const requests = await watchRequests(page);
    await openVariants(page, host.url);
    // A fresh case opens on its first variant, not the whole genome (where igv.js draws none).
    await expect.poll(async () => (await igvLocus(page)).chrom, { timeout: 20_000 }).toMatch(/^chr\d+$/);

    await page.getByTestId('variant-preset-tumor-board').click();
    await expect(page.getByTestId('variant-preset-tumor-board')).toHaveAttribute('aria-pressed', 'true');
    const rows = page.getByTestId('variant-row');
    await expect(rows.first()).toBeVisible();
    // Every row shown is PASS, coding, VAF ≥ 5 %.
    const shown = await rows.evaluateAll((elements) =>
      elements.map((row) => ({
        filter: row.querySelector('.vt-col-filter')?.textContent ?? '',
        csq: row.querySelector('.csq-tag')?.className ?? '',
        vaf: Number(row.querySelector('.vaf-value')?.textContent ?? 'NaN'),
      })),
    );
    expect(shown.length).toBeGreaterThan(5);
    for (const row of shown) {
      expect(row.filter).toBe('PASS');
      expect(row.csq).toMatch(/csq-(missense|truncating|inframe)/);
      expect(row.vaf).toBeGreaterThanOrEqual(0.05);
    }
    // TP53 R273H (VAF 8 %) passes, the weak-evidence passengers do not.
    await expect(page.getByTestId('variant-count')).toContainText(/^\d+ of 51$/);

    await page.locator('[data-testid=variant-row][data-gene=FGFR3]').click();
    await expect.poll(async () => (await igvLocus(page)).chrom, { timeout: 20_000 }).toBe('chr4');
    const locus = await igvLocus(page);
    expect(locus.start).toBeLessThanOrEqual(1801841);
    expect(locus.end).toBeGreaterThanOrEqual(1801841);
    expect(locus.end - locus.start).toBeLessThan(200);
    await expect(page.getByTestId('variant-detail')).toContainText('p.S249C');

    expectOnlyOwnOrigin(requests.urls, host);
    expect(requests.urls.some((url) => url.includes('/binary/files/'))).toBe(true);
    expect(await requests.violations()).toEqual([]);
  });

  test('a click on a genotype call in igv.js selects its variant’s row, as a click on the variant does', async ({ page }) => {
    await openVariants(page, host.url);
    await page.locator('[data-testid=variant-row][data-gene=FGFR3]').click();
    await expect.poll(async () => (await igvLocus(page)).chrom, { timeout: 20_000 }).toBe('chr4');
    await page.waitForTimeout(500); // igv.js draws the calls after it has moved
    // igv.js draws the variant band (10 px margin, one 10 px row, 2 px gap), then one 12 px row of
    // calls per sample: NORMAL, then TUMOR. Click each sample's call at the variant (the centre).
    const viewport = page
      .locator('.igv-viewport', { has: page.locator('.igv-track-label', { hasText: 'somatic.vcf.gz' }) })
      .first();
    for (const [sample, y] of [
      ['TUMOR', 22 + 12 + 6],
      ['NORMAL', 22 + 6],
    ] as const) {
      if (await page.getByTestId('genome-popup').isVisible())
        await page.getByTestId('genome-popup').getByRole('button', { name: 'Close' }).click();
      await page.getByTestId('variant-detail').getByRole('button', { name: 'Clear the selection' }).click();
      await expect(page.locator('[data-testid=variant-row][aria-selected=true]')).toHaveCount(0);
      // Measured now: the detail strip going away moved the genome view.
      const box = (await viewport.boundingBox())!;
      const frame = (await page.locator('.gv-frame').boundingBox())!;
      expect(box.y + y).toBeGreaterThan(frame.y);
      expect(box.y + y).toBeLessThan(frame.y + frame.height);
      await page.mouse.click(box.x + box.width / 2, box.y + y);
      await expect(page.locator('[data-testid=variant-row][aria-selected=true]'), sample).toHaveAttribute('data-gene', 'FGFR3');
      await expect(page.getByTestId('variant-detail')).toContainText('p.S249C');
      await expect(page.getByTestId('genome-popup')).toContainText('p.S249C');
      await expect(page.getByTestId('genome-popup-call')).toHaveText(sample);
    }
  });

  test('the genome view is resized by its edge (drag or keys), and keeps its height when the case reopens', async ({ page }) => {
    await openVariants(page, host.url);
    const view = page.getByTestId('genome-view');
    const before = (await view.boundingBox())!.height;
    const edge = (await page.getByTestId('genome-view-resizer').boundingBox())!;
    await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
    await page.mouse.down();
    await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2 - 150, { steps: 6 });
    await page.mouse.up();
    await expect.poll(async () => (await view.boundingBox())!.height).toBeCloseTo(before + 150, -1);
    await page.getByTestId('genome-view-resizer').press('ArrowDown');
    const after = (await view.boundingBox())!.height;
    expect(after).toBeCloseTo(before + 110, -1);
    // The frame igv.js draws in (and scrolls, for tall alignment tracks) grows with it.
    await expect.poll(async () => (await page.locator('.gv-frame').boundingBox())!.height).toBeGreaterThan(before);

    await page.reload();
    await openVariants(page, host.url);
    await expect.poll(async () => (await view.boundingBox())!.height).toBeCloseTo(after, -1);
  });

  test('exports the filtered table as CSV', async ({ page }) => {
    await openVariants(page, host.url);
    await page.getByTestId('variant-preset-tumor-board').click();
    const count = Number((await page.getByTestId('variant-count').locator('strong').textContent())?.replace(/,/g, ''));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('variant-export').click()]);
    expect(download.suggestedFilename()).toMatch(/_tumor-board_\d{4}-\d\d-\d\d\.csv$/);
    const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^Gene,Protein,HGVSc,Consequence,Chromosome,Position,Ref,Alt,VAF,Depth,Filter,Sample$/);
    expect(lines).toHaveLength(count + 1);
    expect(text).toContain('FGFR3,p.S249C,c.746C>G,missense_variant,chr4,1801841,C,G,');
  });
});

/** Clicks the centre of a variant track's viewport, where the variant igv.js was sent to is drawn. */
async function clickVariantInIgv(page: Page, trackName: string): Promise<void> {
  const viewport = page.locator('.igv-viewport', { has: page.locator('.igv-track-label', { hasText: trackName }) }).first();
  const box = (await viewport.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + 14);
}

const XSS = '<img src=x onerror=window.__xss=1>';
const XSS_ENCODED = '%3Cimg%20src%3Dx%20onerror%3Dwindow.__xss%3D2%3E';
const XSS_ID = '<b>bold</b><img/src=x/onerror=window.__xss=3>';

/** A case folder with a bgzipped, indexed VCF (igv.js reads it itself) whose fields carry HTML. */
function xssCase(): string {
  const dir = mkdtempSync(join(E2E_CACHE, 'xss-case-'));
  mkdirSync(join(dir, 'variants'));
  const header = [
    '##fileformat=VCFv4.3',
    '##reference=GRCh38',
    '##contig=<ID=chr4,length=190214555>',
    '##INFO=<ID=NOTE,Number=1,Type=String,Description="Plain HTML">',
    '##INFO=<ID=ENC,Number=1,Type=String,Description="Percent-encoded HTML">',
    '##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|SYMBOL|HGVSp">',
    '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
  ].join('\n');
  const line = `chr4\t1801841\t${XSS_ID}\tC\tG\t50\tPASS\tNOTE=${XSS};ENC=${XSS_ENCODED};CSQ=G|missense_variant|FGFR3|p.Ser249Cys`;
  const text = `${header}\n${line}\n`;
  const compressed = bgzfCompress(Buffer.from(text));
  const start = Buffer.byteLength(`${header}\n`);
  const indexed: IndexedLine[] = [
    { chrom: 'chr4', begin: 1801840, end: 1801841, textStart: start, textEnd: start + Buffer.byteLength(`${line}\n`) },
  ];
  writeFileSync(join(dir, 'variants', 'xss.vcf.gz'), compressed.bytes);
  writeFileSync(join(dir, 'variants', 'xss.vcf.gz.tbi'), tabixIndexVcf(indexed, compressed));
  writeFileSync(join(dir, 'variants', 'xss-plain.vcf'), text);
  return dir;
}

test('HTML in INFO values and IDs stays text in the table, the detail and the popup', async ({ page }) => {
  const host = await startHost({ casePath: xssCase() });
  try {
    const requests = await watchRequests(page);
    await openVariants(page, host.url);
    // Both files in the table, each a track.
    await page.getByTestId('variant-file-picker').selectOption({ label: 'All 2 files' });
    await expect(page.getByTestId('variant-row')).toHaveCount(2);

    // The INFO fields as columns.
    await page.getByTestId('variant-columns').click();
    for (const key of ['NOTE', 'ENC'])
      await page.getByTestId('variant-columns-list').locator(`input[data-value="info:${key}"]`).check();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('variant-table')).toContainText(XSS);

    await page.locator('[data-testid=variant-row]').first().click();
    await expect(page.getByTestId('variant-detail')).toContainText(XSS_ID);
    await expect.poll(async () => (await igvLocus(page)).chrom, { timeout: 20_000 }).toBe('chr4');
    // Clear the selection, then pick the variant in igv.js: its row is selected again.
    await page.getByTestId('variant-detail').getByRole('button', { name: 'Clear the selection' }).click();
    await expect(page.locator('[data-testid=variant-row][aria-selected=true]')).toHaveCount(0);
    await clickVariantInIgv(page, 'variants/xss.vcf.gz');
    await expect(page.locator('[data-testid=variant-row][aria-selected=true]')).toHaveCount(1);
    const popup = page.getByTestId('genome-popup');
    await expect(popup).toContainText(XSS);
    await expect(popup).toContainText(XSS_ID);
    await expect(popup).toContainText('FGFR3');

    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('.genome-view b, .variants-pane b').count()).toBe(0);
    // igv.js's own popup never opened.
    expect(await page.locator('.igv-popover, .igv-ui-popover').filter({ hasText: 'NOTE' }).count()).toBe(0);
    expectOnlyOwnOrigin(requests.urls, host);
    expect(await requests.violations()).toEqual([]);
  } finally {
    await host.stop();
  }
});
