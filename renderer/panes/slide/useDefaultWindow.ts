/**
 * The default VOI window of a 16-bit monochrome slide: the file's Window Center / Width, else the
 * range of the data, measured by decoding (in the workers) up to 16 tiles of the smallest level.
 */
import { useEffect, useState } from 'react';
import type { PixelWindow, SlideInfo } from '../../../shared/model/slide.js';
import { decoderPool } from './decode/decoderPool.js';
import { withQuery } from './pyramid.js';

export function needsWindow(info: SlideInfo): boolean {
  const format = info.pixelFormat;
  return !!format && format.samplesPerPixel === 1 && format.bitsAllocated > 8;
}

const SAMPLED_TILES = 16;

export function windowFromRange(min: number, max: number): PixelWindow {
  const width = Math.max(1, max - min + 1);
  return { center: min + width / 2, width };
}

/** undefined while measuring; null when the slide needs no window. */
export function useDefaultWindow(info: SlideInfo): {
  window: PixelWindow | null | undefined;
  range: { min: number; max: number } | null;
} {
  const [state, setState] = useState<{ window: PixelWindow | null | undefined; range: { min: number; max: number } | null }>(
    () => (!needsWindow(info) ? { window: null, range: null } : { window: undefined, range: null }),
  );
  useEffect(() => {
    if (!needsWindow(info)) return;
    let cancelled = false;
    const smallest = [...info.levels].sort((a, b) => a.width - b.width)[0];
    const cells: Array<[number, number]> = [];
    const total = smallest.columns * smallest.rows;
    const step = Math.max(1, Math.floor(total / SAMPLED_TILES));
    for (let i = 0; i < total && cells.length < SAMPLED_TILES; i += step)
      cells.push([i % smallest.columns, Math.floor(i / smallest.columns)]);
    const pool = decoderPool();
    void Promise.allSettled(
      cells.map(async ([col, row]) => {
        const url = withQuery(
          info.tileUrlTemplate
            .replace('{level}', String(smallest.index))
            .replace('{col}', String(col))
            .replace('{row}', String(row)),
        );
        const response = await fetch(url, { credentials: 'same-origin' });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return pool.range({
          bytes: await response.arrayBuffer(),
          contentType: response.headers.get('content-type') ?? info.tileContentType,
          format: smallest.pixelFormat ?? info.pixelFormat,
          width: smallest.tileWidth,
          height: smallest.tileHeight,
          render: {},
        });
      }),
    ).then((results) => {
      if (cancelled) return;
      const ranges = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const bits = info.pixelFormat?.bitsStored ?? 16;
      const range = ranges.length
        ? { min: Math.min(...ranges.map((r) => r.min)), max: Math.max(...ranges.map((r) => r.max)) }
        : { min: 0, max: 2 ** bits - 1 };
      setState({ window: info.window ?? windowFromRange(range.min, range.max), range });
    });
    return () => {
      cancelled = true;
    };
  }, [info]);
  return state;
}
