/** The slide label as a scanner photographs it: printed text and a barcode on white label stock. */
import { drawText, fillRect, textWidth } from './bitmapFont.js';
import { code39Width, drawCode39 } from './code39.js';
import { filledImage, type RgbImage } from './rgbImage.js';

export const LABEL_WIDTH = 560;
export const LABEL_HEIGHT = 480;
export const CASE_NUMBER = 'DEMO-0001';

const PAPER = [250, 250, 247];
const INK = [28, 28, 34];
const EDGE = [200, 200, 196];

export function labelImage(): RgbImage {
  const image = filledImage(LABEL_WIDTH, LABEL_HEIGHT, PAPER);
  fillRect(image, 0, 0, LABEL_WIDTH, 3, EDGE);
  fillRect(image, 0, LABEL_HEIGHT - 3, LABEL_WIDTH, 3, EDGE);
  fillRect(image, 0, 0, 3, LABEL_HEIGHT, EDGE);
  fillRect(image, LABEL_WIDTH - 3, 0, 3, LABEL_HEIGHT, EDGE);
  const centred = (text: string, y: number, scale: number) =>
    drawText(image, text, Math.round((LABEL_WIDTH - textWidth(text, scale)) / 2), y, scale, INK);
  centred('SYNTHETIC DEMO', 36, 6);
  centred(CASE_NUMBER, 110, 7);
  centred('BLADDER TURBT  A1', 196, 3);
  centred('H&E  2024-06-11', 232, 3);
  const narrow = 3;
  const wide = 7;
  drawCode39(
    image,
    CASE_NUMBER,
    Math.round((LABEL_WIDTH - code39Width(CASE_NUMBER, narrow, wide)) / 2),
    290,
    120,
    narrow,
    wide,
    INK,
  );
  centred('NOT FOR CLINICAL USE', 430, 2);
  return image;
}
