/** Code 39 barcodes: each character is 5 bars and 4 spaces, 3 of the 9 wide. */
import { fillRect } from './bitmapFont.js';
import type { RgbImage } from './rgbImage.js';

// n = narrow, w = wide, in the order bar, space, bar, … bar.
const PATTERNS: Record<string, string> = {
  '0': 'nnnwwnwnn',
  '1': 'wnnwnnnnw',
  '2': 'nnwwnnnnw',
  '3': 'wnwwnnnnn',
  '4': 'nnnwwnnnw',
  '5': 'wnnwwnnnn',
  '6': 'nnwwwnnnn',
  '7': 'nnnwnnwnw',
  '8': 'wnnwnnwnn',
  '9': 'nnwwnnwnn',
  A: 'wnnnnwnnw',
  B: 'nnwnnwnnw',
  C: 'wnwnnwnnn',
  D: 'nnnnwwnnw',
  E: 'wnnnwwnnn',
  F: 'nnwnwwnnn',
  G: 'nnnnnwwnw',
  H: 'wnnnnwwnn',
  I: 'nnwnnwwnn',
  J: 'nnnnwwwnn',
  K: 'wnnnnnnww',
  L: 'nnwnnnnww',
  M: 'wnwnnnnwn',
  N: 'nnnnwnnww',
  O: 'wnnnwnnwn',
  P: 'nnwnwnnwn',
  Q: 'nnnnnnwww',
  R: 'wnnnnnwwn',
  S: 'nnwnnnwwn',
  T: 'nnnnwnwwn',
  U: 'wwnnnnnnw',
  V: 'nwwnnnnnw',
  W: 'wwwnnnnnn',
  X: 'nwnnwnnnw',
  Y: 'wwnnwnnnn',
  Z: 'nwwnwnnnn',
  '-': 'nwnnnnwnw',
  '.': 'wwnnnnwnn',
  ' ': 'nwwnnnwnn',
  '*': 'nwnnwnwnn',
};

/** Width in pixels of the barcode for `text` (start and stop characters included). */
export function code39Width(text: string, narrow: number, wide: number): number {
  return (text.length + 2) * (6 * narrow + 3 * wide + narrow) - narrow;
}

export function drawCode39(
  image: RgbImage,
  text: string,
  x: number,
  y: number,
  height: number,
  narrow: number,
  wide: number,
  ink: readonly number[],
): void {
  let at = x;
  for (const char of `*${text.toUpperCase()}*`) {
    const pattern = PATTERNS[char];
    if (!pattern) throw new Error(`Code 39 has no character "${char}"`);
    [...pattern].forEach((element, index) => {
      const width = element === 'w' ? wide : narrow;
      if (index % 2 === 0) fillRect(image, at, y, width, height, ink);
      at += width;
    });
    at += narrow; // gap between characters
  }
}
