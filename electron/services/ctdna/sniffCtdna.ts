/** Whether a file is one of our ctDNA CSV forms, told from its header line alone. */
import { open } from 'node:fs/promises';
import { parseCsv } from './csv.js';
import { csvLayout } from './csvLayout.js';

const HEAD_BYTES = 4096;

export async function sniffCtdna(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
      const head = buffer.subarray(0, bytesRead).toString('utf8');
      const firstLine = head
        .replace(/^\uFEFF/, '')
        .split(/\r\n|\n|\r/)
        .find((line) => line.trim() !== '');
      const header = firstLine === undefined ? undefined : parseCsv(firstLine).rows[0]?.cells;
      return header !== undefined && csvLayout(header) !== null;
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}
