/**
 * The HealthOmics data an open case names in its case.json: read sets become alignment tracks,
 * a reference (the one case.json names, else the one the read sets were aligned to) the genome's
 * sequence as an indexed FASTA (igv.js shows reads' mismatches against it and decodes CRAM with
 * it), run outputs (bgzip VCF + tbi, SEG) variant tracks, each served to igv.js by the binary handler
 * under an opaque id like a local file. Each remote file is opened once per case (its metadata
 * fetched, or read from the cache when offline).
 */
import { createHash } from 'node:crypto';
import type { AwsConnection } from '../../../shared/model/aws.js';
import { parseOmicsUrl } from '../../../shared/model/healthOmics.js';
import type { GenomeTrack, Region, VariantRegion, VariantTable } from '../../../shared/model/variants.js';
import { readCaseJson, type CaseJsonHealthOmics } from '../case/caseJson.js';
import { ServiceError } from '../errors.js';
import type { TrackSource } from '../variants/genomeTracks.js';
import { IndexedVcf } from '../variants/vcf/indexedVcf.js';
import type { PartedFile, RangeSource } from './partedFile.js';
import { openReadSet, type OpenedReadSet, type RemoteDeps } from './readSetSource.js';
import { bamContigs } from './bamContigs.js';
import { firstCramReadsLocus, firstReadsLocus } from './firstReadsLocus.js';
import { faiContigs, openReference, type OpenedReference } from './referenceSource.js';
import { readRemoteVariantTable } from './remoteVariantTable.js';
import { openS3Object, type OpenedS3Object } from './s3ObjectSource.js';

export type RemoteTrackProblem = { url: string; message: string };

type Opened = { source: RangeSource };

export class CaseHealthOmics {
  /** id → how to open the bytes behind it. */
  private readonly files = new Map<string, { url: string; open: () => Promise<Opened> }>();
  private readonly opened = new Map<string, Promise<Opened>>();
  private readonly readSets = new Map<string, Promise<OpenedReadSet>>();
  private readonly references = new Map<string, Promise<OpenedReference>>();
  /** Run outputs that are variant files (VCF, MAF, SEG), by track id: they are tables too. */
  private readonly variantOutputs = new Map<string, { url: string; fileName: string; indexUrl: string | null }>();
  private readonly variantTables = new Map<string, Promise<VariantTable>>();
  /** Bgzipped VCF run outputs with an index, read by region (and their first variants) over S3 ranges. */
  private readonly indexedVcfs = new Map<string, Promise<IndexedVcf>>();
  /** The index found beside each bgzipped VCF output: X.tbi, else X.csi, else none (null). */
  private readonly indexUrls = new Map<string, Promise<string | null>>();
  readonly problems: RemoteTrackProblem[] = [];

  private constructor(
    readonly entries: CaseJsonHealthOmics,
    private readonly deps: () => Promise<RemoteDeps>,
    private readonly connection: (region: string) => Promise<AwsConnection>,
  ) {}

  /** From the case.json of an open case (none: an empty set). */
  static async of(
    source: TrackSource,
    deps: () => Promise<RemoteDeps>,
    connection: (region: string) => Promise<AwsConnection>,
  ): Promise<CaseHealthOmics> {
    const file = source.summary.files.find((f) => f.kind === 'case-json');
    const path = file && source.filePath(file.id);
    const entries = path ? ((await readCaseJson(path, file.name)).value.healthOmics ?? {}) : {};
    return new CaseHealthOmics(entries, deps, connection);
  }

  /** Genome tracks of the read sets and run outputs; one that cannot be opened is listed in `problems`. */
  async tracks(): Promise<GenomeTrack[]> {
    this.problems.length = 0;
    const tracks: GenomeTrack[] = [];
    for (const entry of this.entries.readSets ?? []) {
      try {
        const opened = await this.readSet(entry.url);
        const fileId = idOf(entry.url);
        this.register(fileId, entry.url, async () => opened.source);
        const track: GenomeTrack = {
          fileId,
          fileName: entry.label ?? opened.summary.name ?? entry.url,
          format: opened.format,
          bgzipped: opened.format === 'BAM',
        };
        if (opened.index) {
          const indexFileId = idOf(`${entry.url}#index`);
          const index = opened.index;
          this.register(indexFileId, entry.url, async () => index);
          Object.assign(track, { indexFileId, indexFormat: opened.format === 'BAM' ? 'bai' : 'crai' });
          // Best effort: a view with no variant to go to starts there (none said: it starts as before).
          const findFirst = opened.format === 'BAM' ? firstReadsLocus : firstCramReadsLocus;
          const readsLocus = await findFirst(opened.source, index).catch(() => null);
          if (readsLocus) track.readsLocus = readsLocus;
        }
        tracks.push(track);
      } catch (error) {
        this.problems.push({ url: entry.url, message: (error as Error).message });
      }
    }
    const reference = await this.referenceTrack();
    if (reference) tracks.unshift(reference);
    for (const entry of this.entries.runOutputs ?? []) {
      const name = entry.url.toLowerCase();
      const format = /\.vcf(\.gz)?$/.test(name)
        ? 'VCF'
        : /\.seg(\.txt)?$/.test(name)
          ? 'SEG'
          : /\.maf(\.txt)?$/.test(name)
            ? 'MAF'
            : null;
      if (!format) continue;
      const fileId = idOf(entry.url);
      this.register(fileId, entry.url, () => this.s3(entry.url));
      const bgzipped = name.endsWith('.gz');
      const track: GenomeTrack = { fileId, fileName: entry.label ?? entry.url.split('/').pop()!, format, bgzipped };
      const indexUrl = format === 'VCF' && bgzipped ? await this.variantIndexUrl(entry.url) : null;
      this.variantOutputs.set(fileId, { url: entry.url, fileName: track.fileName, indexUrl });
      if (indexUrl) {
        const indexFileId = idOf(indexUrl);
        this.register(indexFileId, indexUrl, () => this.s3(indexUrl));
        Object.assign(track, { indexFileId, indexFormat: indexUrl.endsWith('.csi') ? 'csi' : 'tbi' });
      }
      tracks.push(track);
    }
    return tracks;
  }

  /**
   * The genome's sequence: the first reference case.json names, else the reference of the first
   * read set that names one. One that cannot be opened is a problem; the read sets stay drawn.
   */
  private async referenceTrack(): Promise<GenomeTrack | null> {
    const named = this.entries.references?.[0];
    const url = await this.genomeReferenceUrl();
    if (!url) return null;
    try {
      const opened = await this.reference(url);
      const misfit = await this.misfitReadSet(opened);
      if (misfit) {
        this.problems.push({ url, message: misfit });
        return null;
      }
      const fileId = idOf(url);
      const indexFileId = idOf(`${url}#index`);
      this.register(fileId, url, async () => opened.source);
      this.register(indexFileId, url, async () => opened.index);
      return {
        fileId,
        fileName: named?.label ?? opened.name ?? url,
        format: 'FASTA',
        bgzipped: false,
        indexFileId,
        indexFormat: 'fai',
      };
    } catch (error) {
      this.problems.push({ url, message: `The reference sequence cannot be shown: ${(error as Error).message}` });
      return null;
    }
  }

  /** Why the reference does not fit a BAM read set of the case (no contig name in common), or null. */
  private async misfitReadSet(reference: OpenedReference): Promise<string | null> {
    const fai = faiContigs(await reference.index.read(0, reference.index.size - 1)).map((c) => c.name);
    for (const entry of this.entries.readSets ?? []) {
      const readSet = await this.readSet(entry.url).catch(() => null);
      if (readSet?.format !== 'BAM') continue;
      const names = await bamContigs(readSet.source).catch(() => null);
      if (!names || names.some((n) => fai.includes(n))) continue;
      const few = (list: string[]) => list.slice(0, 4).join(', ') + (list.length > 4 ? ', …' : '');
      return `The reference ${reference.name ?? reference.url} (contigs ${few(fai)}) names none of the contigs of read set ${readSet.summary.name ?? entry.url} (${few(names)}): the genome view keeps its built-in genome, with no sequence.`;
    }
    return null;
  }

  private async genomeReferenceUrl(): Promise<string | null> {
    const named = this.entries.references?.[0];
    if (named) return named.url;
    for (const entry of this.entries.readSets ?? []) {
      const summary = await this.readSet(entry.url).then(
        (r) => r.summary,
        () => null,
      );
      if (summary?.reference) return summary.reference;
    }
    return null;
  }

  /**
   * The variant table of a run output (read once per case), or undefined for an id that is not one.
   * A bgzipped VCF with an index is read up to the table's cap only (its count from the index);
   * other outputs are read whole.
   */
  variantTable(fileId: string): Promise<VariantTable> | undefined {
    const output = this.variantOutputs.get(fileId);
    if (!output) return undefined;
    let table = this.variantTables.get(fileId);
    if (!table) {
      table = (async () => {
        const source = (await this.open(fileId)).source;
        if (!output.indexUrl) return readRemoteVariantTable(output.url, source, fileId, output.fileName);
        const first = await (await this.indexedVcf(fileId)).firstVariants();
        return { ...first, fileId, fileName: output.fileName };
      })();
      this.variantTables.set(fileId, table);
      table.catch(() => this.variantTables.delete(fileId));
    }
    return table;
  }

  /** The variants of a region of an indexed VCF run output, or undefined for an id that is not one. */
  async variantRegion(fileId: string, region: Region): Promise<VariantRegion | undefined> {
    const output = this.variantOutputs.get(fileId);
    if (!output) return undefined;
    if (!output.indexUrl) {
      throw new ServiceError(
        'UNSUPPORTED',
        `${output.url} has no tabix index beside it (${output.url}.tbi or .csi): it is read whole, not by region.`,
        output.url,
      );
    }
    return (await this.indexedVcf(fileId)).region(fileId, region);
  }

  private indexedVcf(fileId: string): Promise<IndexedVcf> {
    let vcf = this.indexedVcfs.get(fileId);
    if (!vcf) {
      const { url, indexUrl } = this.variantOutputs.get(fileId)!;
      vcf = (async () => {
        const [data, index] = await Promise.all([this.open(fileId), this.open(idOf(indexUrl!))]);
        return IndexedVcf.over(url, data.source, indexUrl!, await index.source.read(0, index.source.size - 1));
      })();
      this.indexedVcfs.set(fileId, vcf);
      vcf.catch(() => this.indexedVcfs.delete(fileId));
    }
    return vcf;
  }

  /**
   * X.tbi when it is there, else X.csi, else null. Only "not found" moves on: any other failure
   * (throttled, offline with nothing cached) keeps X.tbi, asked again next time.
   */
  private variantIndexUrl(url: string): Promise<string | null> {
    let found = this.indexUrls.get(url);
    if (!found) {
      found = (async () => {
        for (const candidate of [`${url}.tbi`, `${url}.csi`]) {
          try {
            await this.s3(candidate);
            return candidate;
          } catch (error) {
            if (!(error instanceof ServiceError && error.code === 'NOT_FOUND')) throw error;
          }
        }
        return null;
      })();
      this.indexUrls.set(url, found);
      found.catch(() => this.indexUrls.delete(url));
    }
    return found.catch(() => `${url}.tbi`);
  }

  /** The bytes behind a track id (opened on first use), or undefined for an id not of this case. */
  async source(fileId: string): Promise<RangeSource | undefined> {
    const file = this.files.get(fileId);
    if (!file) return undefined;
    return (await this.open(fileId)).source;
  }

  /**
   * Make every read set (with its index) and run output of the case available offline: fetch
   * what is not on disk yet (so a cancelled copy resumes where it stopped), then pin it all.
   */
  async makeAvailableOffline(
    signal: AbortSignal,
    progress: (done: number, total: number, message: string) => void,
  ): Promise<{ files: number; bytes: number }> {
    const jobs: Array<{ url: string; files: PartedFile[]; pin: () => Promise<boolean> }> = [];
    for (const entry of this.entries.readSets ?? []) {
      const opened = await this.readSet(entry.url);
      jobs.push({ url: entry.url, files: [opened.source, ...(opened.index ? [opened.index] : [])], pin: opened.pin });
    }
    // The references case.json names, and the one the read sets are drawn against.
    const referenceUrls = new Set((this.entries.references ?? []).map((e) => e.url));
    const implied = await this.genomeReferenceUrl();
    if (implied) referenceUrls.add(implied);
    for (const url of referenceUrls) {
      const opened = await this.reference(url);
      jobs.push({ url, files: [opened.source, opened.index], pin: opened.pin });
    }
    for (const entry of this.entries.runOutputs ?? []) {
      const index = /\.vcf\.gz$/i.test(entry.url) ? await this.variantIndexUrl(entry.url) : null;
      for (const url of [entry.url, ...(index ? [index] : [])]) {
        const opened = await this.s3(url).catch((error: unknown) => {
          if (url !== entry.url) return null; // an index that is not there
          throw error;
        });
        if (opened) jobs.push({ url, files: [opened.source], pin: opened.pin });
      }
    }
    const total = jobs.reduce((sum, j) => sum + j.files.reduce((s2, f) => s2 + f.size, 0), 0);
    let done = 0;
    for (const job of jobs) {
      for (const file of job.files) {
        const before = done;
        await file.fetchAll(signal, (blocks) => {
          done = before + Math.min(file.size, blocks * file.blockSize);
          progress(done, total, `${job.url}`);
        });
        done = before + file.size;
      }
      if (!(await job.pin())) throw new Error(`${job.url}: a part went missing from the cache while it was pinned`);
    }
    progress(total, total, 'available offline');
    return { files: jobs.length, bytes: total };
  }

  private open(fileId: string): Promise<Opened> {
    let opened = this.opened.get(fileId);
    if (!opened) {
      opened = this.files.get(fileId)!.open();
      this.opened.set(fileId, opened);
      opened.catch(() => this.opened.delete(fileId));
    }
    return opened;
  }

  private register(fileId: string, url: string, open: () => Promise<Opened | RangeSource>): void {
    if (this.files.has(fileId)) return;
    this.files.set(fileId, {
      url,
      open: async () => {
        const got = await open();
        return 'source' in got ? got : { source: got };
      },
    });
  }

  private readSet(url: string): Promise<OpenedReadSet> {
    let opened = this.readSets.get(url);
    if (!opened) {
      const r = parseOmicsUrl(url);
      if (r?.kind !== 'read-set') throw new Error(`${url}: not a read set URL`);
      opened = (async () => openReadSet(await this.connection(r.region), r.sequenceStoreId, r.readSetId, await this.deps()))();
      this.readSets.set(url, opened);
      opened.catch(() => this.readSets.delete(url));
    }
    return opened;
  }

  private reference(url: string): Promise<OpenedReference> {
    let opened = this.references.get(url);
    if (!opened) {
      const r = parseOmicsUrl(url);
      if (r?.kind !== 'reference') return Promise.reject(new Error(`${url}: not a reference URL`));
      opened = (async () =>
        openReference(await this.connection(r.region), r.referenceStoreId, r.referenceId, await this.deps()))();
      this.references.set(url, opened);
      opened.catch(() => this.references.delete(url));
    }
    return opened;
  }

  private async s3(url: string): Promise<OpenedS3Object> {
    const r = parseOmicsUrl(url);
    if (r?.kind !== 's3') throw new Error(`${url}: not an S3 URL`);
    return openS3Object(await this.connection(''), r.bucket, r.key, await this.deps());
  }
}

/** An opaque id for a remote file (the binary handler's id alphabet). */
const idOf = (url: string): string => `o${createHash('sha256').update(url).digest('hex').slice(0, 32)}`;
