/**
 * One ctDNA file -> the model, whatever its form (told by content, see sniffCtdna.ts): our CSV
 * (docs/ctdna-csv.md), our JSON (docs/ctdna-json.md, schemas/ctdna.schema.json), FHIR R4 or a
 * cBioPortal timeline. A row or resource that cannot be used is left out and named in `warnings`
 * (file, line or resource id, reason); a file that cannot be read at all is refused (BAD_FILE).
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CtdnaSeries } from '../../../shared/model/ctdna.js';
import { badFile, ServiceError } from '../errors.js';
import { mergeCtdnaSeries } from './mergeCtdnaSeries.js';
import { readCtdnaCsv } from './readCtdnaCsv.js';
import { readCtdnaFhir } from './readCtdnaFhir.js';
import { readCtdnaJson } from './readCtdnaJson.js';
import { readCtdnaTimeline } from './readCtdnaTimeline.js';
import { sourceOf } from './seriesSource.js';
import { ctdnaFormOf } from './sniffCtdna.js';

export { mergeCtdnaSeries } from './mergeCtdnaSeries.js';
export { sniffCtdna, sniffCtdnaForm } from './sniffCtdna.js';
export { DEFAULT_UNIT } from './readCtdnaCsv.js';

export type CtdnaReadOptions = {
  /** Day 0 of relative-day inputs (cBioPortal timelines): the case's diagnosis date. */
  anchorDate?: string;
  /** The case's patient, when a file holds several (FHIR Bundle, timeline). */
  patientId?: string;
};

/** A ctDNA file is a few hundred rows or resources; anything this big is not one. */
const MAX_BYTES = 50 * 1024 * 1024;

export async function readCtdnaFile(path: string, options: CtdnaReadOptions = {}): Promise<CtdnaSeries> {
  const text = await readText(path);
  const name = basename(path);
  const form = ctdnaFormOf(text.slice(0, 64 * 1024));
  let series: CtdnaSeries;
  switch (form) {
    case 'json':
    case 'fhir': {
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (error) {
        throw badFile(path, `not valid JSON (${(error as Error).message})`);
      }
      series = form === 'json' ? readCtdnaJson(data, path, name) : readCtdnaFhir(data, path, name, options);
      break;
    }
    case 'timeline':
      series = readCtdnaTimeline(text, path, name, options);
      break;
    default:
      if (/^\uFEFF?\s*[{[]/.test(text.slice(0, 100)))
        throw badFile(
          path,
          'JSON, but neither a Triptych ctDNA document ("format": "triptych-ctdna") nor a FHIR resource or Bundle',
        );
      series = readCtdnaCsv(text, path, name);
  }
  const merged = mergeCtdnaSeries([series]);
  return sourceOf.set(merged, { ...sourceOf(series), file: name });
}

async function readText(path: string): Promise<string> {
  try {
    const { size } = await stat(path);
    if (size > MAX_BYTES) throw badFile(path, `${(size / 1024 / 1024).toFixed(0)} MB is too large for a ctDNA file`);
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    const code = (error as { code?: string }).code;
    throw badFile(path, code === 'ENOENT' ? 'the file does not exist' : `cannot read the file (${code ?? String(error)})`);
  }
}
