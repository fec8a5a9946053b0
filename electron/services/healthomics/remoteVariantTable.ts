/**
 * A run output in S3 (VCF, MAF, SEG) as a variant table, like a local file: the variant readers
 * take a path, so the object's bytes (from the disk cache when it has them, so this works offline
 * too) are copied to a scratch file under the object's own name, read, and the copy removed.
 * Messages name the S3 URL, not the scratch path.
 */
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { VariantTable } from '../../../shared/model/variants.js';
import { ServiceError } from '../errors.js';
import { readVariantFile } from '../variants/readVariantFile.js';
import type { RangeSource } from './partedFile.js';

/** Run outputs larger than this are not copied whole (a somatic VCF is megabytes; a germline WGS one can be gigabytes). */
export const MAX_REMOTE_VARIANT_BYTES = 2 * 2 ** 30;
const STEP = 8 << 20;

export async function readRemoteVariantTable(
  url: string,
  source: RangeSource,
  fileId: string,
  fileName: string,
): Promise<VariantTable> {
  if (source.size > MAX_REMOTE_VARIANT_BYTES) {
    throw new ServiceError(
      'UNSUPPORTED',
      `${url} holds ${(source.size / 2 ** 30).toFixed(1)} GiB: too large to read as a table (up to 2 GiB).`,
      url,
    );
  }
  const scratch = await mkdtemp(join(tmpdir(), 'triptych-run-output-'));
  const path = join(scratch, basename(new URL(url).pathname) || 'output');
  try {
    const file = await open(path, 'w');
    try {
      for (let at = 0; at < source.size; at += STEP) {
        const bytes = await source.read(at, Math.min(source.size, at + STEP) - 1);
        await file.write(bytes, 0, bytes.byteLength, at);
      }
    } finally {
      await file.close();
    }
    const read = await readVariantFile(path);
    return { ...read, fileId, fileName, warnings: read.warnings.map((w) => w.replaceAll(path, url)) };
  } catch (error) {
    if (error instanceof ServiceError) throw new ServiceError(error.code, error.message.replaceAll(path, url), url);
    throw error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
