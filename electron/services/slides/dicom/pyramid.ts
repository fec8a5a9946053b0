/**
 * The pyramid of a series: VOLUME instances grouped by total pixel matrix size (several instances
 * make one level when they are parts of a concatenation or hold other optical paths / planes),
 * level 0 the largest, with the tile grid that maps each tile to its stored frame.
 */
import { ServiceError, badFile } from '../../errors.js';
import { item, items, number, numbers, text } from './datasetValues.js';
import type { SlideInstance } from './slideInstance.js';
import { TileGrid } from './tileGrid.js';

export type PyramidLevel = {
  width: number;
  height: number;
  tileWidth: number;
  tileHeight: number;
  /** The instances holding this level's frames; FrameRef.part indexes this list. */
  parts: SlideInstance[];
  grid: TileGrid;
  mppX?: number;
  mppY?: number;
};

/** Grid cells (tiles × planes × paths) of one level we are ready to index: ~100 MB at most. */
const MAX_GRID_SLOTS = 16_000_000;

export function buildPyramid(volumes: SlideInstance[], opticalPathIds: string[]): PyramidLevel[] {
  const bySize = new Map<string, SlideInstance[]>();
  for (const instance of volumes) {
    const key = `${instance.width}x${instance.height}`;
    bySize.set(key, [...(bySize.get(key) ?? []), instance]);
  }
  const levels = [...bySize.values()].map((parts) => buildLevel(orderParts(parts), opticalPathIds));
  return levels.sort((a, b) => b.width - a.width || b.height - a.height);
}

/** Concatenation parts in frame order; other instances keep the order they came in. */
function orderParts(parts: SlideInstance[]): SlideInstance[] {
  return parts
    .map((part, index) => ({ part, index }))
    .sort((a, b) => {
      const sameConcatenation = a.part.concatenationUID && a.part.concatenationUID === b.part.concatenationUID;
      return sameConcatenation ? a.part.concatenationFrameOffset - b.part.concatenationFrameOffset : a.index - b.index;
    })
    .map(({ part }) => part);
}

function buildLevel(parts: SlideInstance[], opticalPathIds: string[]): PyramidLevel {
  const [first] = parts;
  for (const part of parts) {
    if (part.tileWidth !== first.tileWidth || part.tileHeight !== first.tileHeight) {
      throw new ServiceError(
        'UNSUPPORTED',
        `two images of the same level have different tile sizes (${first.tileWidth}×${first.tileHeight} and ${part.tileWidth}×${part.tileHeight})`,
        part.file.path,
      );
    }
  }
  const columns = Math.ceil(first.width / first.tileWidth);
  const rows = Math.ceil(first.height / first.tileHeight);
  const sparsePositions = new Map(
    parts.filter((p) => p.organization === 'TILED_SPARSE').map((p) => [p, framePositions(p)] as const),
  );
  const zKeys = distinctZ([...sparsePositions.values()].flat());
  const fullPlanes = parts.filter((p) => p.organization === 'TILED_FULL').map((p) => p.focalPlanes);
  const focalPlanes = Math.max(1, zKeys.length, ...fullPlanes);
  const paths = Math.max(1, opticalPathIds.length);
  if (columns * rows * focalPlanes * paths > MAX_GRID_SLOTS) {
    throw badFile(
      first.file.path,
      `a tile grid of ${columns} × ${rows} tiles × ${focalPlanes} planes × ${paths} paths is implausibly large`,
    );
  }
  const grid = new TileGrid(columns, rows, focalPlanes, paths);
  const pathIndex = (id: string | undefined, part: SlideInstance) => {
    const index = opticalPathIds.indexOf(id ?? part.opticalPathIds[0]);
    if (index < 0) throw badFile(part.file.path, `frame refers to unknown optical path ${id}`);
    return index;
  };
  parts.forEach((part, partIndex) => {
    if (part.organization === 'TILED_FULL') placeTiledFull(grid, part, partIndex, pathIndex);
    else placeTiledSparse(grid, part, partIndex, pathIndex, sparsePositions.get(part)!, zKeys);
  });
  return {
    width: first.width,
    height: first.height,
    tileWidth: first.tileWidth,
    tileHeight: first.tileHeight,
    parts,
    grid,
    ...pixelSpacing(first),
  };
}

/**
 * TILED_FULL (PS3.3 C.8.12.4.1.4): frames run along a row, then down the rows, then through the
 * focal planes, then through the optical paths; a concatenation part starts at its frame offset.
 */
function placeTiledFull(
  grid: TileGrid,
  part: SlideInstance,
  partIndex: number,
  pathIndex: (id: string | undefined, part: SlideInstance) => number,
) {
  const perPlane = grid.columns * grid.rows;
  const perPath = perPlane * part.focalPlanes;
  const total = perPath * part.opticalPathIds.length;
  for (let frame = 0; frame < part.numberOfFrames; frame++) {
    const position = part.concatenationFrameOffset + frame;
    if (position >= total) throw badFile(part.file.path, `frame ${frame + 1} lies beyond the TILED_FULL grid (${total} tiles)`);
    const column = position % grid.columns;
    const row = Math.floor(position / grid.columns) % grid.rows;
    const plane = Math.floor(position / perPlane) % part.focalPlanes;
    const path = pathIndex(part.opticalPathIds[Math.floor(position / perPath)], part);
    grid.set(path, plane, column, row, { part: partIndex, frame });
  }
}

type FramePosition = { column: number; row: number; z: number; pathId?: string };

/** TILED_SPARSE: each frame says where it is (1-based pixel positions) in its functional groups. */
function framePositions(part: SlideInstance): FramePosition[] {
  const ds = part.header.dataset;
  const perFrame = items(ds, 'PerFrameFunctionalGroupsSequence');
  if (perFrame.length < part.numberOfFrames) {
    throw badFile(
      part.file.path,
      `TILED_SPARSE image has ${perFrame.length} per-frame functional groups for ${part.numberOfFrames} frames`,
    );
  }
  const sharedPathId = text(
    item(ds, 'SharedFunctionalGroupsSequence', 'OpticalPathIdentificationSequence'),
    'OpticalPathIdentifier',
  );
  return perFrame.slice(0, part.numberOfFrames).map((groups, frame) => {
    const position = item(groups, 'PlanePositionSlideSequence');
    const column = number(position, 'ColumnPositionInTotalImagePixelMatrix');
    const row = number(position, 'RowPositionInTotalImagePixelMatrix');
    if (column === undefined || row === undefined)
      throw badFile(part.file.path, `frame ${frame + 1} has no position in the total pixel matrix`);
    const pathId = text(item(groups, 'OpticalPathIdentificationSequence'), 'OpticalPathIdentifier') ?? sharedPathId;
    return { column, row, z: number(position, 'ZOffsetInSlideCoordinateSystem') ?? 0, pathId };
  });
}

const zKey = (z: number) => Math.round(z * 1e6);

/** Focal planes of sparse frames: their distinct Z offsets, lowest first. */
function distinctZ(positions: FramePosition[]): number[] {
  return [...new Set(positions.map(({ z }) => zKey(z)))].sort((a, b) => a - b);
}

function placeTiledSparse(
  grid: TileGrid,
  part: SlideInstance,
  partIndex: number,
  pathIndex: (id: string | undefined, part: SlideInstance) => number,
  positions: FramePosition[],
  zKeys: number[],
) {
  positions.forEach((position, frame) => {
    // Positions are 1-based pixels; a tile off the grid is placed in the grid cell holding its corner.
    const column = Math.floor((position.column - 1) / part.tileWidth);
    const row = Math.floor((position.row - 1) / part.tileHeight);
    const plane = zKeys.indexOf(zKey(position.z));
    const path = pathIndex(position.pathId, part);
    if (!grid.contains(path, plane, column, row)) {
      throw badFile(
        part.file.path,
        `frame ${frame + 1} at (${position.column}, ${position.row}) lies outside the total pixel matrix`,
      );
    }
    grid.set(path, plane, column, row, { part: partIndex, frame });
  });
}

/** Pixel Spacing is (row spacing, column spacing) in mm: y first. */
function pixelSpacing(instance: SlideInstance): { mppX?: number; mppY?: number } {
  const ds = instance.header.dataset;
  const spacing = numbers(item(ds, 'SharedFunctionalGroupsSequence', 'PixelMeasuresSequence'), 'PixelSpacing');
  if (spacing.length === 2 && spacing[0] > 0 && spacing[1] > 0) return { mppY: spacing[0] * 1000, mppX: spacing[1] * 1000 };
  const volumeWidth = number(ds, 'ImagedVolumeWidth');
  const volumeHeight = number(ds, 'ImagedVolumeHeight');
  return {
    mppX: volumeWidth ? (volumeWidth * 1000) / instance.width : undefined,
    mppY: volumeHeight ? (volumeHeight * 1000) / instance.height : undefined,
  };
}
