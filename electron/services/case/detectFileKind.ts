import { basename } from 'node:path';
import type { FileKind } from '../../../shared/model/case.js';
import { sniffCtdna } from '../ctdna/readCtdnaFile.js';
import { isBulkAnnotationsFile, isDicomFile } from '../slides/dicom/index.js';
import { sniffVariantFormat } from '../variants/readVariantFile.js';
import { sniffAlignment } from '../variants/sniffAlignment.js';

const INDEX_EXTENSIONS = /\.(tbi|csi|bai|crai|fai|gzi)$/i;

/**
 * What a file in a case folder is, by its content (DICOM preamble, VCF/MAF/SEG headers, BAM/CRAM
 * magic, ctDNA headers) rather than by its extension; the extension only names index files, which have no
 * header of their own to sniff.
 */
export async function detectFileKind(path: string): Promise<FileKind> {
  const name = basename(path);
  if (name === 'case.json') return 'case-json';
  if (INDEX_EXTENSIONS.test(name)) return 'index';
  if (await isDicomFile(path)) return (await isBulkAnnotationsFile(path)) ? 'annotations' : 'slide';
  if (await sniffVariantFormat(path)) return 'variants';
  if (await sniffAlignment(path)) return 'alignments';
  if (await sniffCtdna(path)) return 'ctdna';
  return 'unknown';
}
