/** A DICOM WSI series opened as a SlideSource: levels, tiles by grid position, associated images. */
import { ServiceError, badFile } from '../../errors.js';
import type { Bytes, SlideSource } from '../../sources.js';
import type { AssociatedImageType, SlideLevel } from '../../../../shared/model/slide.js';
import { buildFrameIndex, type FrameIndex } from './frameIndex.js';
import { readHeaderOf } from './header.js';
import { PositionalFile } from './positionalFile.js';
import { buildPyramid, type PyramidLevel } from './pyramid.js';
import {
  acquisitionDate,
  defaultWindow,
  objectivePower,
  opticalPaths,
  slideName,
  specimenDescription,
  stain,
} from './slideMetadata.js';
import { toSlideInstance, type SlideInstance } from './slideInstance.js';
import { tileContentType } from './transferSyntax.js';

type Description = ReturnType<SlideSource['describe']>;

const ASSOCIATED_TYPES: AssociatedImageType[] = ['LABEL', 'OVERVIEW', 'THUMBNAIL'];

/** Open one series (all its files). File handles stay open until close(). */
export async function openDicomSlide(paths: string[]): Promise<SlideSource> {
  if (paths.length === 0) throw new ServiceError('BAD_PARAMS', 'no files were given for the slide');
  const files: PositionalFile[] = [];
  try {
    const instances = new Map<string, SlideInstance>();
    for (const path of new Set(paths)) {
      const file = await PositionalFile.open(path);
      files.push(file);
      const instance = toSlideInstance(file, await readHeaderOf(file));
      // The same instance under two names is read once.
      if (!instances.has(instance.header.sopInstanceUID)) instances.set(instance.header.sopInstanceUID, instance);
    }
    return new DicomSlide([...instances.values()]);
  } catch (error) {
    await Promise.allSettled(files.map((file) => file.close()));
    throw error;
  }
}

/** Exported so a remote store of the same model (HealthImaging) reads frames its own way: readFrame. */
export class DicomSlide implements SlideSource {
  private readonly levels: PyramidLevel[];
  protected readonly associated = new Map<AssociatedImageType, SlideInstance>();
  protected readonly description: Description;
  /** Frame indexes, built on first use of each file and kept. */
  private readonly frameIndexes = new Map<SlideInstance, Promise<FrameIndex>>();
  private closed = false;

  constructor(protected readonly instances: SlideInstance[]) {
    const [first] = instances;
    const series = first.header.seriesInstanceUID;
    for (const instance of instances) {
      if (instance.header.seriesInstanceUID !== series) {
        throw badFile(
          instance.file.path,
          `belongs to series ${instance.header.seriesInstanceUID}, not ${series} like ${first.file.path}`,
        );
      }
    }
    const volumes = instances.filter((instance) => instance.kind === 'VOLUME');
    if (volumes.length === 0) throw badFile(first.file.path, 'the series has no VOLUME image (no pyramid level)');
    const paths = opticalPaths(volumes);
    this.levels = buildPyramid(
      volumes,
      paths.map((path) => path.id),
    );
    for (const type of ASSOCIATED_TYPES) {
      // Only single-frame associated images can be served whole, as stored.
      const candidates = instances.filter((instance) => instance.kind === type && instance.numberOfFrames === 1);
      const largest = candidates.sort((a, b) => b.width * b.height - a.width * a.height)[0];
      if (largest) this.associated.set(type, largest);
    }
    const base = this.levels[0].parts[0];
    this.description = {
      name: slideName(base),
      seriesInstanceUID: series ?? '',
      transferSyntax: base.header.transferSyntaxUID,
      tileContentType: tileContentType(base.header.transferSyntaxUID),
      levels: this.levels.map((level, index) => this.describeLevel(level, index)),
      associated: [...this.associated].map(([type, instance]) => {
        // contentType and pixelFormat ride along to SlideInfo (the case session copies each entry).
        const entry = {
          type,
          width: instance.width,
          height: instance.height,
          contentType: tileContentType(instance.header.transferSyntaxUID),
          pixelFormat: instance.pixelFormat,
        };
        return entry;
      }),
      focalPlanes: this.levels[0].grid.focalPlanes,
      opticalPaths: paths,
      objectivePower: objectivePower(base),
      specimenDescription: specimenDescription(base),
      stain: stain(base),
      acquisitionDate: acquisitionDate(base),
      pixelFormat: base.pixelFormat,
      window: defaultWindow(base),
    };
  }

  private describeLevel(level: PyramidLevel, index: number): SlideLevel {
    return {
      index,
      width: level.width,
      height: level.height,
      tileWidth: level.tileWidth,
      tileHeight: level.tileHeight,
      columns: level.grid.columns,
      rows: level.grid.rows,
      downsample: this.levels[0].width / level.width,
      tileCount: level.grid.tileCount,
      pixelFormat: level.parts[0].pixelFormat,
      ...(level.mppX !== undefined ? { mppX: level.mppX } : {}),
      ...(level.mppY !== undefined ? { mppY: level.mppY } : {}),
    };
  }

  describe(): Description {
    return this.description;
  }

  async readTile(
    level: number,
    col: number,
    row: number,
    focalPlane = 0,
    opticalPath = 0,
    signal?: AbortSignal,
  ): Promise<Bytes | null> {
    this.assertOpen();
    const pyramidLevel = this.levels[level];
    const ref = pyramidLevel?.grid.get(opticalPath, focalPlane, col, row);
    if (!ref) return null;
    return this.readFrame(pyramidLevel.parts[ref.part], ref.frame, signal);
  }

  async readAssociated(type: AssociatedImageType): Promise<Bytes | null> {
    this.assertOpen();
    const instance = this.associated.get(type);
    if (!instance) return null;
    return this.readFrame(instance, 0);
  }

  /** Where the pyramid's frames (stored frame `frame` of `instance`) come from: the file here. */
  protected async readFrame(instance: SlideInstance, frame: number, _signal?: AbortSignal): Promise<Bytes | null> {
    const frames = await this.frameIndexOf(instance);
    if (frame >= frames.frameCount) return null;
    return { bytes: await frames.read(frame), contentType: tileContentType(instance.header.transferSyntaxUID) };
  }

  /** The pyramid as built (level 0 first), for sources that need to walk every frame. */
  protected get pyramid(): readonly PyramidLevel[] {
    return this.levels;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled(this.instances.map((instance) => instance.file.close()));
  }

  protected assertOpen(): void {
    if (this.closed) throw new ServiceError('NOT_FOUND', 'the slide has been closed');
  }

  private frameIndexOf(instance: SlideInstance): Promise<FrameIndex> {
    let index = this.frameIndexes.get(instance);
    if (!index) {
      const { header } = instance;
      index = buildFrameIndex({
        file: instance.file,
        transferSyntaxUID: header.transferSyntaxUID,
        numberOfFrames: instance.numberOfFrames,
        pixelData: header.pixelData!,
        extendedOffsetTable: header.extendedOffsetTable,
        extendedOffsetTableLengths: header.extendedOffsetTableLengths,
        nativeFrameBytes: instance.nativeFrameBytes,
      });
      this.frameIndexes.set(instance, index);
    }
    return index;
  }
}
