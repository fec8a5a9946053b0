/**
 * `triptych tile SLIDE --level L --col C --row R [--focal Z] [--path K] --out FILE [--decode]`:
 * one tile of a slide (a DICOM file, or a folder: its first slide series), written exactly as
 * stored, or with --decode as a PNG of its decoded samples clipped to the image bounds (decoded by
 * the viewer's codecs). Prints the tile's content type. A tile absent from a sparse level: a
 * message and exit code 3.
 */
import { encode } from 'fast-png';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CaseSession } from '../services/case/caseSession.js';
import { openCase } from '../services/case/openCase.js';
import { ServiceError, badFile } from '../services/errors.js';
import { cropFrame, decodeFrame, type DecodedFrame } from '../services/slides/decode/decodeFrame.js';
import { writeFileAtomically } from '../services/slides/dicom/write/dicomFileWriter.js';
import type { SlideSource } from '../services/sources.js';
// ---- HealthImaging (#9) ----
import { parseHealthImagingUrl } from '../../shared/model/healthImaging.js';
import { openStandaloneHealthImagingSlide } from '../services/healthimaging/standaloneImaging.js';
// ---- end HealthImaging ----

export type TileOptions = {
  slide: string;
  level: number;
  col: number;
  row: number;
  focal: number;
  path: number;
  out: string;
  decode: boolean;
};

/** The options of `triptych tile …`, or undefined when they do not make a tile request (usage). */
export function parseTileArgs(args: string[]): TileOptions | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        level: { type: 'string' },
        col: { type: 'string' },
        row: { type: 'string' },
        focal: { type: 'string' },
        path: { type: 'string' },
        out: { type: 'string' },
        decode: { type: 'boolean' },
      },
    });
  } catch {
    return undefined;
  }
  const { values, positionals } = parsed;
  const int = (value: string | undefined, fallback?: number) =>
    value === undefined ? fallback : /^\d{1,9}$/.test(value) ? Number(value) : undefined;
  const level = int(values.level);
  const col = int(values.col);
  const row = int(values.row);
  const focal = int(values.focal, 0);
  const path = int(values.path, 0);
  if (positionals.length !== 1 || !values.out) return undefined;
  if (level === undefined || col === undefined || row === undefined || focal === undefined || path === undefined)
    return undefined;
  return { slide: positionals[0], level, col, row, focal, path, out: values.out, decode: values.decode === true };
}

/** Exit code of a tile absent from a TILED_SPARSE level. */
export const ABSENT_TILE = 3;

export async function tileCommand(options: TileOptions): Promise<number> {
  // ---- HealthImaging (#9): healthimaging://REGION/DATASTORE/IMAGESET, credentials as the SDK finds them ----
  const remote = parseHealthImagingUrl(options.slide);
  // ---- end HealthImaging ----
  const slidePath = remote ? options.slide : resolve(options.slide);
  const session = remote ? undefined : new CaseSession(await openCase(slidePath));
  try {
    let source: SlideSource;
    if (remote) source = await openStandaloneHealthImagingSlide(remote);
    else {
      const ref = session!.summary.slides[0];
      if (!ref) throw badFile(slidePath, 'no DICOM whole-slide image here');
      source = (await session!.slide(ref.id))!;
    }
    const info = source.describe();
    const level = info.levels[options.level];
    const where = `level ${options.level}`;
    if (!level) throw badFile(slidePath, `the slide has no ${where} (levels 0–${info.levels.length - 1})`);
    if (options.col >= level.columns || options.row >= level.rows) {
      throw badFile(
        slidePath,
        `${where} has ${level.columns} × ${level.rows} tiles: no column ${options.col}, row ${options.row}`,
      );
    }
    if (options.focal >= info.focalPlanes) throw badFile(slidePath, `the slide has ${info.focalPlanes} focal plane(s)`);
    const paths = Math.max(1, info.opticalPaths.length);
    if (options.path >= paths) throw badFile(slidePath, `the slide has ${paths} optical path(s)`);
    const tile = await source.readTile(options.level, options.col, options.row, options.focal, options.path);
    if (!tile) {
      console.error(
        `${slidePath}: tile (${options.col}, ${options.row}) of ${where}, plane ${options.focal}, path ${options.path} is absent (sparse level)`,
      );
      return ABSENT_TILE;
    }
    if (!options.decode) {
      await writeFileAtomically(options.out, [tile.bytes]);
      console.log(tile.contentType);
      return 0;
    }
    const format = level.pixelFormat ?? info.pixelFormat;
    if (!format) throw badFile(slidePath, 'the slide does not describe its pixels');
    let frame: DecodedFrame;
    try {
      frame = await decodeFrame(tile.bytes, tile.contentType, format, level.tileWidth, level.tileHeight);
    } catch (error) {
      if (error instanceof ServiceError) throw new ServiceError(error.code, error.message, slidePath);
      throw badFile(slidePath, error instanceof Error ? error.message : String(error));
    }
    const clipped = cropFrame(
      frame,
      Math.min(level.tileWidth, level.width - options.col * level.tileWidth),
      Math.min(level.tileHeight, level.height - options.row * level.tileHeight),
    );
    await writeFileAtomically(options.out, [toPng(clipped)]);
    console.log(tile.contentType);
    return 0;
  } finally {
    await session?.close();
  }
}

/** 8-bit samples as an 8-bit PNG, wider ones as 16-bit (signed values keep their bits). */
function toPng(frame: DecodedFrame): Uint8Array {
  const wide = frame.data.BYTES_PER_ELEMENT === 2;
  const data = wide ? new Uint16Array(frame.data.buffer, frame.data.byteOffset, frame.data.length) : (frame.data as Uint8Array);
  return encode({ width: frame.width, height: frame.height, data, depth: wide ? 16 : 8, channels: frame.components });
}
