/**
 * What each data source (folder) provides to the case service. One interface per kind of data, so
 * the case service, the binary handler and the CLI never know file formats.
 */
import type { CtdnaSeries } from '../../shared/model/ctdna.js';
import type { AssociatedImageType, SlideInfo } from '../../shared/model/slide.js';
import type { VariantTable } from '../../shared/model/variants.js';

export type Bytes = { bytes: Uint8Array; contentType: string };

/** An opened DICOM WSI series (levels + associated images). */
export interface SlideSource {
  /** Slide metadata; `id` and URLs are filled in by the caller (it knows the id and the mount). */
  describe(): Omit<SlideInfo, 'id' | 'tileUrlTemplate' | 'associated'> & {
    associated: Array<{ type: AssociatedImageType; width: number; height: number }>;
  };
  /**
   * One tile exactly as stored (all fragments of the frame); null when absent (sparse). `signal`
   * is aborted when nobody wants the tile any more (remote sources cancel the request).
   */
  readTile(
    level: number,
    col: number,
    row: number,
    focalPlane?: number,
    opticalPath?: number,
    signal?: AbortSignal,
  ): Promise<Bytes | null>;
  /** The associated image (LABEL / OVERVIEW / THUMBNAIL) as stored, whole. */
  readAssociated(type: AssociatedImageType): Promise<Bytes | null>;
  close(): Promise<void>;
}

/** Read a variant file (VCF / MAF / SEG); the result minus fileId / fileName, which the caller knows. */
export type VariantReader = (path: string) => Promise<Omit<VariantTable, 'fileId' | 'fileName'>>;

/** Read a ctDNA file (CSV results or events, JSON, FHIR, cBioPortal timeline). */
export type CtdnaReader = (path: string) => Promise<CtdnaSeries>;
