import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppServices } from '../../../electron/services/createAppServices.js';

const dataDir = () => mkdtempSync(join(tmpdir(), 'triptych-data-'));

describe('summary.savePdf', () => {
  it('is refused in the HTTP host, whose browser prints PDFs itself', async () => {
    const services = await createAppServices({ dataDir: dataDir(), host: 'http', emit: () => {} });
    expect(await services.dispatch('summary.savePdf', { fileName: 'summary.pdf' })).toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED', message: expect.stringContaining('Save as PDF') },
    });
    await services.dispose();
  });

  it('hands the file name to the host that prints, and takes only a plain .pdf name', async () => {
    const asked: string[] = [];
    const services = await createAppServices({
      dataDir: dataDir(),
      host: 'electron',
      emit: () => {},
      saveSummaryPdf: async (fileName) => (asked.push(fileName), fileName === 'cancel.pdf' ? null : `/docs/${fileName}`),
    });
    expect(await services.dispatch('summary.savePdf', { fileName: 'summary_case.pdf' })).toEqual({
      ok: true,
      value: { path: '/docs/summary_case.pdf' },
    });
    expect(await services.dispatch('summary.savePdf', { fileName: 'cancel.pdf' })).toEqual({ ok: true, value: { path: null } });
    for (const fileName of ['../up.pdf', 'dir/x.pdf', 'x.exe', '']) {
      expect(await services.dispatch('summary.savePdf', { fileName })).toMatchObject({
        ok: false,
        error: { code: 'BAD_PARAMS' },
      });
    }
    expect(asked).toEqual(['summary_case.pdf', 'cancel.pdf']);
    await services.dispose();
  });
});
