/**
 * The one-page summary saved as a PDF by Electron itself: the page (whose print stylesheet shows only
 * the summary) printed with printToPDF on A4, then written where the save dialog says, atomically.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { writeFileAtomic } from '../services/storage/atomicWrite.js';

export const SUMMARY_PDF_OPTIONS = {
  pageSize: 'A4',
  printBackground: true,
  preferCSSPageSize: true,
  margins: { top: 0, bottom: 0, left: 0, right: 0 },
} as const;

export function createSummaryPdfSaver(window: () => BrowserWindow | undefined): (fileName: string) => Promise<string | null> {
  return async (fileName) => {
    const target = window();
    if (!target || target.isDestroyed()) throw new Error('There is no window to print.');
    const pdf = await target.webContents.printToPDF(SUMMARY_PDF_OPTIONS);
    const { canceled, filePath } = await dialog.showSaveDialog(target, {
      title: 'Save the summary as PDF',
      defaultPath: join(app.getPath('documents'), fileName),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (canceled || !filePath) return null;
    await writeFileAtomic(filePath, pdf);
    return filePath;
  };
}
