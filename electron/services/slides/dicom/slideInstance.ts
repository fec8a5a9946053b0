/** One instance (file) of a WSI series, with the attributes that place its frames. */
import { badFile } from '../../errors.js';
import { item, items, number, text } from './datasetValues.js';
import { WSI_SOP_CLASS_UID, type DicomHeaderSummary } from './header.js';
import type { PositionalFile } from './positionalFile.js';
import type { PixelFormat } from '../../../../shared/model/slide.js';

export type InstanceKind = 'VOLUME' | 'LABEL' | 'OVERVIEW' | 'THUMBNAIL';
export type DimensionOrganization = 'TILED_FULL' | 'TILED_SPARSE';

export type SlideInstance = {
  file: PositionalFile;
  header: DicomHeaderSummary;
  /** ImageType value 3; undefined for flavours we do not show (e.g. LOCALIZER). */
  kind?: InstanceKind;
  /** Total pixel matrix. */
  width: number;
  height: number;
  tileWidth: number;
  tileHeight: number;
  numberOfFrames: number;
  nativeFrameBytes: number;
  pixelFormat: PixelFormat;
  organization: DimensionOrganization;
  /** TILED_FULL frame layout: planes and optical paths in this instance (or its concatenation). */
  focalPlanes: number;
  opticalPathIds: string[];
  concatenationUID?: string;
  /** Frames of the concatenation held by earlier parts (ConcatenationFrameOffsetNumber). */
  concatenationFrameOffset: number;
};

const KINDS = new Set<string>(['VOLUME', 'LABEL', 'OVERVIEW', 'THUMBNAIL']);

export function describeNonSlide(header: DicomHeaderSummary): string {
  return `not a slide: SOP class ${header.sopClassUID} is not VL Whole Slide Microscopy Image (${WSI_SOP_CLASS_UID})`;
}

export function toSlideInstance(file: PositionalFile, header: DicomHeaderSummary): SlideInstance {
  const ds = header.dataset;
  if (header.sopClassUID !== WSI_SOP_CLASS_UID) throw badFile(file.path, describeNonSlide(header));
  if (!header.pixelData) throw badFile(file.path, 'the slide image has no Pixel Data');
  const tileWidth = number(ds, 'Columns');
  const tileHeight = number(ds, 'Rows');
  if (!tileWidth || !tileHeight) throw badFile(file.path, 'Rows or Columns is missing or zero');
  const width = number(ds, 'TotalPixelMatrixColumns') ?? tileWidth;
  const height = number(ds, 'TotalPixelMatrixRows') ?? tileHeight;
  if (!(width > 0 && height > 0) || !Number.isSafeInteger(width) || !Number.isSafeInteger(height)) {
    throw badFile(file.path, `impossible total pixel matrix ${width} × ${height}`);
  }
  const numberOfFrames = number(ds, 'NumberOfFrames') ?? 1;
  // Every frame takes at least a byte of the file: a larger count is a lie, not an allocation.
  if (!Number.isSafeInteger(numberOfFrames) || numberOfFrames < 1 || numberOfFrames > file.size) {
    throw badFile(file.path, `impossible Number of Frames ${numberOfFrames} for a file of ${file.size} bytes`);
  }
  const samples = number(ds, 'SamplesPerPixel') ?? 1;
  const bitsAllocated = number(ds, 'BitsAllocated') ?? 8;
  const kindValue = header.imageType[2];
  const pathIds = items(ds, 'OpticalPathSequence')
    .map((path) => text(path, 'OpticalPathIdentifier'))
    .filter((id): id is string => !!id);
  const hasFramePositions = !!item(ds, 'PerFrameFunctionalGroupsSequence', 'PlanePositionSlideSequence');
  const declared = text(ds, 'DimensionOrganizationType');
  return {
    file,
    header,
    kind: kindValue && KINDS.has(kindValue) ? (kindValue as InstanceKind) : undefined,
    width,
    height,
    tileWidth,
    tileHeight,
    numberOfFrames,
    nativeFrameBytes: (tileWidth * tileHeight * samples * bitsAllocated) / 8,
    pixelFormat: {
      samplesPerPixel: samples,
      bitsAllocated,
      bitsStored: number(ds, 'BitsStored') ?? bitsAllocated,
      pixelRepresentation: number(ds, 'PixelRepresentation') ?? 0,
      photometricInterpretation: (text(ds, 'PhotometricInterpretation') ?? (samples === 1 ? 'MONOCHROME2' : 'RGB')).toUpperCase(),
      planarConfiguration: number(ds, 'PlanarConfiguration') ?? 0,
    },
    organization: declared === 'TILED_SPARSE' || (declared !== 'TILED_FULL' && hasFramePositions) ? 'TILED_SPARSE' : 'TILED_FULL',
    focalPlanes: Math.max(1, number(ds, 'TotalPixelMatrixFocalPlanes') ?? 1),
    opticalPathIds: pathIds.length > 0 ? pathIds : ['1'],
    concatenationUID: text(ds, 'ConcatenationUID'),
    concatenationFrameOffset: number(ds, 'ConcatenationFrameOffsetNumber') ?? 0,
  };
}
