/** The overview camera's picture of the whole glass slide: label end, coverslip, the tissue. */
import { fillRect } from './bitmapFont.js';
import { paste, resize, type RgbImage, filledImage } from './rgbImage.js';
import { GLASS } from './stainColour.js';
import { SLIDE_HEIGHT, SLIDE_WIDTH } from './anatomy.js';

/** A 75 × 25 mm slide at 20 px/mm. */
export const OVERVIEW_PX_PER_MM = 20;
export const OVERVIEW_WIDTH = 75 * OVERVIEW_PX_PER_MM;
export const OVERVIEW_HEIGHT = 25 * OVERVIEW_PX_PER_MM;
/** The label, as stuck on the slide's frosted end. */
export const LABEL_WIDTH_MM = 18.5;
/** Where the scanned area's top-left corner lies on the slide, in mm from the label end's top-left. */
export const SCAN_ORIGIN_MM = { x: 40, y: 10.5 };

const OVERVIEW_GLASS = [236, 238, 240];
const FROSTED = [222, 224, 222];
const SLIDE_EDGE = [176, 180, 184];
const COVERSLIP_EDGE = [222, 225, 228];

/** `tissue`: the whole level-0 area at some lower resolution; `label`: the label image. */
export function overviewImage(tissue: RgbImage, label: RgbImage, level0MmPerPixel: number): RgbImage {
  const image = filledImage(OVERVIEW_WIDTH, OVERVIEW_HEIGHT, OVERVIEW_GLASS);
  const labelEnd = 20 * OVERVIEW_PX_PER_MM;
  fillRect(image, 0, 0, labelEnd, OVERVIEW_HEIGHT, FROSTED);
  const labelWidth = Math.round(LABEL_WIDTH_MM * OVERVIEW_PX_PER_MM);
  const labelHeight = Math.round((labelWidth * label.height) / label.width);
  paste(
    image,
    resize(label, labelWidth, labelHeight),
    Math.round((labelEnd - labelWidth) / 2),
    Math.round((OVERVIEW_HEIGHT - labelHeight) / 2),
  );
  outline(image, labelEnd + 30, 12, OVERVIEW_WIDTH - labelEnd - 45, OVERVIEW_HEIGHT - 24, COVERSLIP_EDGE);
  outline(image, 0, 0, OVERVIEW_WIDTH, OVERVIEW_HEIGHT, SLIDE_EDGE);

  // The tissue at the overview's scale; light through it darkens the glass as it does the scan.
  const width = Math.round(SLIDE_WIDTH * level0MmPerPixel * OVERVIEW_PX_PER_MM);
  const height = Math.round(SLIDE_HEIGHT * level0MmPerPixel * OVERVIEW_PX_PER_MM);
  const small = resize(tissue, width, height);
  const left = Math.round(SCAN_ORIGIN_MM.x * OVERVIEW_PX_PER_MM);
  const top = Math.round(SCAN_ORIGIN_MM.y * OVERVIEW_PX_PER_MM);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 3;
      const to = ((top + y) * OVERVIEW_WIDTH + left + x) * 3;
      for (let c = 0; c < 3; c++) image.data[to + c] = Math.round((image.data[to + c] * small.data[from + c]) / GLASS[c]);
    }
  }
  return image;
}

function outline(image: RgbImage, x: number, y: number, width: number, height: number, colour: readonly number[]): void {
  fillRect(image, x, y, width, 2, colour);
  fillRect(image, x, y + height - 2, width, 2, colour);
  fillRect(image, x, y, 2, height, colour);
  fillRect(image, x + width - 2, y, 2, height, colour);
}
