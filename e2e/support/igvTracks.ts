/// <reference lib="dom" />
/** Reading what igv.js drew, for the genome-view specs (its canvases live in its shadow root). */
import type { Locator, Page } from '@playwright/test';

/** The viewport of the igv.js track whose label holds `label`. */
export const trackViewport = (page: Page, label: string): Locator =>
  page.locator('.igv-viewport', { has: page.locator('.igv-track-label', { hasText: label }) }).first();

/** How many (sampled) pixels of a track's canvases are painted: reads drawn give hundreds. */
export const paintedPixels = (viewport: Locator): Promise<number> =>
  viewport.locator('canvas').evaluateAll((canvases) => {
    let painted = 0;
    for (const canvas of canvases as HTMLCanvasElement[]) {
      if (!canvas.width || !canvas.height) continue;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < data.length; i += 4 * 7) if (data[i] > 0) painted++;
    }
    return painted;
  });
