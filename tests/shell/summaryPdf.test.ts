import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron is not installed here: its dialog, app paths and the window's printToPDF are stand-ins.
const documents = mkdtempSync(join(tmpdir(), 'triptych-documents-'));
const dialog = { showSaveDialog: vi.fn() };
vi.mock('electron', () => ({ dialog, app: { getPath: () => documents } }));

const { createSummaryPdfSaver, SUMMARY_PDF_OPTIONS } = await import('../../electron/shell/summaryPdf.js');

const PDF = Buffer.from('%PDF-1.7\n% one page\n%%EOF\n');

function window(destroyed = false) {
  const printToPDF = vi.fn(async () => PDF);
  return { win: { isDestroyed: () => destroyed, webContents: { printToPDF } }, printToPDF };
}

beforeEach(() => dialog.showSaveDialog.mockReset());

describe('saving the summary as PDF in Electron', () => {
  it('prints A4 without margins (the page sets its own) and writes the file where the dialog says', async () => {
    const { win, printToPDF } = window();
    const target = join(mkdtempSync(join(tmpdir(), 'triptych-pdf-')), 'board.pdf');
    writeFileSync(target, 'an older summary');
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    const save = createSummaryPdfSaver(() => win as never);
    expect(await save('summary_case.pdf')).toBe(target);
    expect(printToPDF).toHaveBeenCalledWith(SUMMARY_PDF_OPTIONS);
    expect(SUMMARY_PDF_OPTIONS).toMatchObject({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(
      win,
      expect.objectContaining({ defaultPath: join(documents, 'summary_case.pdf') }),
    );
    expect(readFileSync(target)).toEqual(PDF);
    // Written through a temp file and a rename: nothing else is left beside it.
    expect(readdirSync(join(target, '..'))).toEqual(['board.pdf']);
  });

  it('writes nothing when the dialog is cancelled, and says when there is no window', async () => {
    const { win } = window();
    dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(await createSummaryPdfSaver(() => win as never)('s.pdf')).toBeNull();
    await expect(createSummaryPdfSaver(() => undefined)('s.pdf')).rejects.toThrow('no window');
    await expect(createSummaryPdfSaver(() => window(true).win as never)('s.pdf')).rejects.toThrow('no window');
  });
});
