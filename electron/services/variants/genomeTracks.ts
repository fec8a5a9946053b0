/**
 * The tracks of the genome view: every variant file of the case and every alignment file (BAM or
 * CRAM, told by content), each with the index found beside it by name. Also the region reader of
 * indexed VCFs, opened once per case.
 */
import type { CaseSummary } from '../../../shared/model/case.js';
import type { GenomeTrack, Region, VariantRegion } from '../../../shared/model/variants.js';
import { ServiceError } from '../errors.js';
import { isBgzfFile, sniffAlignment } from './sniffAlignment.js';
import { sniffVariantFormat } from './sniffVariantFormat.js';
import { readTextHead } from './textSource.js';
import { IndexedVcf } from './vcf/indexedVcf.js';

/** What the genome-track listing needs of an open case (CaseSession provides it). */
export type TrackSource = { summary: CaseSummary; filePath(fileId: string): string | undefined };

const INDEX_SUFFIXES: Record<GenomeTrack['format'], Array<GenomeTrack['indexFormat']>> = {
  VCF: ['tbi', 'csi'],
  MAF: [],
  SEG: [],
  BAM: ['bai', 'csi'],
  CRAM: ['crai'],
  FASTA: ['fai'],
};

/** A plain FASTA reference by name (`.fa`, `.fasta`, `.fna`) and content (`>` first). */
const FASTA_NAME = /\.(fa|fasta|fna)$/i;
async function isFasta(path: string): Promise<boolean> {
  try {
    return (await readTextHead(path, 1)) === '>';
  } catch {
    return false;
  }
}

/** The index beside a data file: `X.tbi` for `X`, or `X.bai` for `X.bam` (samtools' two spellings). */
export function findIndex(
  name: string,
  format: GenomeTrack['format'],
  indexNames: Map<string, string>,
): { indexFileId: string; indexFormat: NonNullable<GenomeTrack['indexFormat']> } | undefined {
  for (const suffix of INDEX_SUFFIXES[format]) {
    if (!suffix) continue;
    const candidates = [`${name}.${suffix}`, `${name.replace(/\.(bam|cram)$/i, '')}.${suffix}`];
    for (const candidate of candidates) {
      const id = indexNames.get(candidate);
      if (id) return { indexFileId: id, indexFormat: suffix };
    }
  }
  return undefined;
}

export async function listGenomeTracks(source: TrackSource): Promise<GenomeTrack[]> {
  const { files } = source.summary;
  const indexNames = new Map(files.filter((f) => f.kind === 'index').map((f) => [f.name, f.id]));
  const tracks: GenomeTrack[] = [];
  for (const file of files) {
    const path = source.filePath(file.id);
    if (!path) continue;
    let format: GenomeTrack['format'] | null = null;
    if (file.kind === 'variants') format = await sniffVariantFormat(path);
    else if (file.kind === 'alignments') format = await sniffAlignment(path);
    else if (file.kind === 'unknown' && FASTA_NAME.test(file.name) && (await isFasta(path))) format = 'FASTA';
    if (!format) continue;
    const bgzipped = format === 'VCF' ? await isBgzfFile(path) : format === 'BAM';
    // An index only means something for a bgzipped VCF (or an alignment file, or a reference).
    const index = format !== 'VCF' || bgzipped ? findIndex(file.name, format, indexNames) : undefined;
    // A reference igv.js cannot read without its index (a whole genome) is no track.
    if (format === 'FASTA' && !index) continue;
    tracks.push({ fileId: file.id, fileName: file.name, format, bgzipped, ...index });
  }
  return tracks;
}

/** Opened region readers, per case (the session object), per file. */
const openedVcfs = new WeakMap<object, Map<string, Promise<IndexedVcf>>>();

/** A region the readers can answer, or BAD_PARAMS. */
export function checkRegion(region: Region): void {
  if (region.end < region.start)
    throw new ServiceError('BAD_PARAMS', `The region ends (${region.end}) before it starts (${region.start}).`);
}

export async function readRegion(source: TrackSource, fileId: string, region: Region): Promise<VariantRegion> {
  checkRegion(region);
  let opened = openedVcfs.get(source);
  if (!opened) openedVcfs.set(source, (opened = new Map()));
  let vcf = opened.get(fileId);
  if (!vcf) {
    const track = (await listGenomeTracks(source)).find((t) => t.fileId === fileId);
    if (!track) throw new ServiceError('NOT_FOUND', `No variant file ${fileId} in this case.`);
    if (track.format !== 'VCF' || !track.indexFileId) {
      throw new ServiceError(
        'UNSUPPORTED',
        `${track.fileName} has no tabix index beside it: it is read whole, not by region.`,
        track.fileName,
      );
    }
    vcf = IndexedVcf.open(source.filePath(fileId)!, source.filePath(track.indexFileId)!);
    opened.set(fileId, vcf);
    const cache = opened;
    vcf.catch(() => cache.delete(fileId));
  }
  return (await vcf).region(fileId, region);
}
