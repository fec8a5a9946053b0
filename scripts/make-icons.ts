/**
 * Draw the Triptych app icon (three arched panels, the middle one taller, in the UI's accent colour
 * on the reading-room dark grey) and write it as PNGs for electron-builder:
 *   assets/icons/512x512.png, assets/icons/256x256.png
 * Run once after changing the design: `npx tsx scripts/make-icons.ts`.
 */
import { encode } from 'fast-png';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

type Rgb = readonly [number, number, number];

const BACKGROUND: Rgb = [0x27, 0x29, 0x2d]; // --bg-raised of the dark theme
const ACCENT: Rgb = [0x5a, 0xa2, 0xff]; // palette accent, dark theme
const SIDE_PANEL_OPACITY = 0.72;
const SIZES = [512, 256] as const;
/** Samples per pixel along each axis: smooth edges without a drawing library. */
const SUPERSAMPLE = 4;

/** Coordinates are fractions of the icon's side, so each size is drawn, not resampled. */
interface Panel {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const PLATE = { inset: 0.07, radius: 0.18 };
const PANELS: Record<'left' | 'middle' | 'right', Panel> = {
  left: { left: 0.2, right: 0.355, top: 0.33, bottom: 0.77 },
  middle: { left: 0.385, right: 0.615, top: 0.23, bottom: 0.77 },
  right: { left: 0.645, right: 0.8, top: 0.33, bottom: 0.77 },
};

function insideRoundedSquare(x: number, y: number): boolean {
  const { inset, radius } = PLATE;
  const min = inset + radius;
  const max = 1 - inset - radius;
  const cx = Math.min(Math.max(x, min), max);
  const cy = Math.min(Math.max(y, min), max);
  return x >= inset && x <= 1 - inset && y >= inset && y <= 1 - inset && (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** A panel with a round-arched top, like the wings and centre of an altarpiece. */
function insideArchedPanel(x: number, y: number, panel: Panel): boolean {
  if (x < panel.left || x > panel.right || y > panel.bottom || y < panel.top) return false;
  const radius = (panel.right - panel.left) / 2;
  const springLine = panel.top + radius;
  if (y >= springLine) return true;
  return (x - (panel.left + radius)) ** 2 + (y - springLine) ** 2 <= radius ** 2;
}

/** Colour and opacity of one sample point. */
function sample(x: number, y: number): { rgb: Rgb; alpha: number } {
  if (!insideRoundedSquare(x, y)) return { rgb: BACKGROUND, alpha: 0 };
  if (insideArchedPanel(x, y, PANELS.middle)) return { rgb: ACCENT, alpha: 1 };
  if (insideArchedPanel(x, y, PANELS.left) || insideArchedPanel(x, y, PANELS.right)) {
    return { rgb: mix(BACKGROUND, ACCENT, SIDE_PANEL_OPACITY), alpha: 1 };
  }
  return { rgb: BACKGROUND, alpha: 1 };
}

function mix(from: Rgb, to: Rgb, amount: number): Rgb {
  return [0, 1, 2].map((i) => from[i]! + (to[i]! - from[i]!) * amount) as unknown as Rgb;
}

export function drawIcon(size: number): Uint8Array {
  const data = new Uint8Array(size * size * 4);
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Premultiplied accumulation, so edge pixels against transparency keep their colour.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const { rgb, alpha } = sample((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          r += rgb[0] * alpha;
          g += rgb[1] * alpha;
          b += rgb[2] * alpha;
          a += alpha;
        }
      }
      const offset = (py * size + px) * 4;
      data[offset] = a ? Math.round(r / a) : 0;
      data[offset + 1] = a ? Math.round(g / a) : 0;
      data[offset + 2] = a ? Math.round(b / a) : 0;
      data[offset + 3] = Math.round((a / samples) * 255);
    }
  }
  return encode({ width: size, height: size, data, channels: 4, depth: 8 }, { zlib: { level: 9 } });
}

export function makeIcons(outDir = resolve(import.meta.dirname, '..', 'assets', 'icons')): string[] {
  mkdirSync(outDir, { recursive: true });
  return SIZES.map((size) => {
    const file = join(outDir, `${size}x${size}.png`);
    writeFileSync(file, drawIcon(size));
    return file;
  });
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  for (const file of makeIcons()) console.log(`wrote ${file}`);
}
