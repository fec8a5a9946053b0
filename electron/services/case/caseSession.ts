import type { CaseSummary } from '../../../shared/model/case.js';
import type { CtdnaSeries } from '../../../shared/model/ctdna.js';
import type { SlideInfo } from '../../../shared/model/slide.js';
import type { VariantTable } from '../../../shared/model/variants.js';
import { HTTP_PATHS } from '../../../shared/contract.js';
import { mergeCtdnaSeries, readCtdnaFile } from '../ctdna/readCtdnaFile.js';
import { ServiceError } from '../errors.js';
import type { BinaryRegistry } from '../binary/binaryHandler.js';
import type { SlideSource } from '../sources.js';
import { openDicomSlide } from '../slides/dicom/index.js';
import { readVariantFile } from '../variants/readVariantFile.js';
import type { CaseIndex } from './openCase.js';
// ---- HealthImaging (#9) ----
import type { HealthImagingRef } from '../../../shared/model/healthImaging.js';
import { openStandaloneHealthImagingSlide } from '../healthimaging/standaloneImaging.js';

/** Opens a HealthImaging image set of the case (the host's: its cache, queue and AWS choice). */
export type RemoteSlideOpener = (ref: HealthImagingRef) => Promise<SlideSource>;
// ---- end HealthImaging ----

/**
 * One open case: what it holds, and the readers opened for it on first use (slides, variant
 * tables, ctDNA), each kept until the case closes so the work is done once.
 */
export class CaseSession implements BinaryRegistry {
  private readonly slideSources = new Map<string, Promise<SlideSource>>();
  private readonly variantTables = new Map<string, Promise<VariantTable>>();
  private ctdna: Promise<CtdnaSeries> | undefined;

  constructor(
    private readonly index: CaseIndex,
    private readonly openRemoteSlide: RemoteSlideOpener = openStandaloneHealthImagingSlide,
  ) {}

  /** The HealthImaging image set behind a slide id, when it is one. */
  remoteSlide(slideId: string): HealthImagingRef | undefined {
    return this.index.remoteSlides?.get(slideId);
  }

  get summary(): CaseSummary {
    return this.index.summary;
  }

  /** The case folder on this machine (never sent to the page for the demo). */
  get root(): string {
    return this.index.root;
  }

  filePath(fileId: string): string | undefined {
    return this.index.paths.get(fileId);
  }

  /** The files of a slide's series (their headers place the image on the slide). */
  slideFilePaths(slideId: string): string[] {
    return this.index.slidePaths.get(slideId) ?? [];
  }

  async slide(slideId: string): Promise<SlideSource | undefined> {
    const paths = this.index.slidePaths.get(slideId);
    const remote = this.remoteSlide(slideId);
    if (!paths && !remote) return undefined;
    let source = this.slideSources.get(slideId);
    if (!source) {
      source = paths ? openDicomSlide(paths) : this.openRemoteSlide(remote!);
      this.slideSources.set(slideId, source);
      // A failed open is not cached: the user may fix the file and retry.
      source.catch(() => this.slideSources.delete(slideId));
    }
    return source;
  }

  async slideInfo(slideId: string): Promise<SlideInfo> {
    const source = await this.slide(slideId);
    if (!source) throw new ServiceError('NOT_FOUND', `No slide ${slideId} in this case.`);
    const described = source.describe();
    const base = `${HTTP_PATHS.binary}slides/${slideId}`;
    return {
      ...described,
      id: slideId,
      tileUrlTemplate: `${base}/tiles/{level}/{col}/{row}`,
      associated: described.associated.map((a) => ({ ...a, url: `${base}/associated/${a.type}` })),
    };
  }

  variantTable(fileId: string): Promise<VariantTable> {
    const path = this.index.paths.get(fileId);
    const file = this.index.summary.files.find((f) => f.id === fileId);
    if (!path || !file || file.kind !== 'variants') {
      return Promise.reject(new ServiceError('NOT_FOUND', `No variant file ${fileId} in this case.`));
    }
    let table = this.variantTables.get(fileId);
    if (!table) {
      table = readVariantFile(path).then((read) => ({ ...read, fileId, fileName: file.name }));
      this.variantTables.set(fileId, table);
      table.catch(() => this.variantTables.delete(fileId));
    }
    return table;
  }

  ctdnaSeries(): Promise<CtdnaSeries> {
    if (!this.ctdna) {
      // Timelines in relative days are put on dates from the diagnosis; other patients' resources are left out.
      const { patient } = this.index.summary;
      const options = { anchorDate: patient.diagnosisDate, patientId: patient.id };
      const reads = this.index.summary.ctdnaFileIds.map((id) => readCtdnaFile(this.index.paths.get(id)!, options));
      this.ctdna = Promise.all(reads).then(mergeCtdnaSeries);
      this.ctdna.catch(() => (this.ctdna = undefined));
    }
    return this.ctdna;
  }

  async close(): Promise<void> {
    const sources = await Promise.allSettled(this.slideSources.values());
    await Promise.all(sources.map((s) => (s.status === 'fulfilled' ? s.value.close() : undefined)));
    this.slideSources.clear();
  }
}
