import { expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

/** Whether poppler's pdftotext/pdfinfo are installed (Debian poppler-utils; .ci/run installs it). */
export function hasPoppler(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Write a PDF and read it back with poppler: its page count and its text. */
export function readPdf(pdf: Buffer, file: string, layout = true): { pages: number; text: string } {
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1] ?? 0);
  const text = execFileSync('pdftotext', [...(layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
  return { pages, text };
}

/** Open "Summary", prepare the page, and print it to PDF as the browser's print-to-PDF does. */
export async function printSummary(page: Page, options: { identifiers?: boolean } = {}): Promise<Buffer> {
  await page.getByTestId('open-summary').click();
  if (options.identifiers) await page.getByTestId('summary-identifiers').check();
  await page.getByTestId('summary-prepare').click();
  await expect(page.getByTestId('summary-ready')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  return page.pdf({ format: 'A4', printBackground: true });
}
