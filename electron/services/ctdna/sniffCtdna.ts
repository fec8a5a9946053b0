/**
 * Which ctDNA form a file is, told from its content (never its name): our JSON by its format
 * marker, FHIR by its resourceType, a cBioPortal timeline by its header columns, our CSV by its
 * header line.
 */
import { open } from 'node:fs/promises';
import { CTDNA_JSON_FORMAT } from './ctdnaJson.js';
import { parseCsv } from './csv.js';
import { csvLayout } from './csvLayout.js';
import { FHIR_RESOURCE_TYPES } from './readCtdnaFhir.js';
import { timelineHeader } from './readCtdnaTimeline.js';

export type CtdnaForm = 'csv' | 'json' | 'fhir' | 'timeline';

const HEAD_BYTES = 64 * 1024;
const FHIR_TYPES = new Set<string>(FHIR_RESOURCE_TYPES);

/** The form of a file whose first bytes are `head`, or null when it is none of ours. */
export function ctdnaFormOf(head: string): CtdnaForm | null {
  const text = head.replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (start.startsWith('{')) {
    if (new RegExp(`"format"\\s*:\\s*"${CTDNA_JSON_FORMAT}"`).test(text)) return 'json';
    for (const match of text.matchAll(/"resourceType"\s*:\s*"(\w+)"/g)) if (FHIR_TYPES.has(match[1]!)) return 'fhir';
    return null;
  }
  const lines = text.split(/\r\n|\n|\r/);
  const firstData = lines.find((line) => line.trim() !== '' && !line.startsWith('#'));
  if (firstData !== undefined && timelineHeader(firstData)) return 'timeline';
  const firstLine = lines.find((line) => line.trim() !== '');
  const header = firstLine === undefined ? undefined : parseCsv(firstLine).rows[0]?.cells;
  return header !== undefined && csvLayout(header) !== null ? 'csv' : null;
}

export async function sniffCtdnaForm(path: string): Promise<CtdnaForm | null> {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
      return ctdnaFormOf(buffer.subarray(0, bytesRead).toString('utf8'));
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

/** Whether a file is one of the ctDNA forms Triptych reads. */
export async function sniffCtdna(path: string): Promise<boolean> {
  return (await sniffCtdnaForm(path)) !== null;
}
