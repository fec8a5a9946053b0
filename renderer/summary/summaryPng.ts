/**
 * The one-page summary as a PNG: the page laid out at A4 width (as printed) is drawn to a canvas by
 * html-to-image (an SVG foreignObject of the cloned page; its images are blob:/data: URLs, which the
 * page's CSP allows). 2× the CSS pixel size: about 190 dpi on A4.
 */
import { toBlob } from 'html-to-image';

export const SUMMARY_PNG_PIXEL_RATIO = 2;

export async function summaryPng(page: HTMLElement): Promise<Blob> {
  await Promise.all(
    [...page.querySelectorAll('img')].map((img) => (img.complete ? Promise.resolve() : img.decode().catch(() => undefined))),
  );
  const blob = await toBlob(page, {
    pixelRatio: SUMMARY_PNG_PIXEL_RATIO,
    backgroundColor: '#ffffff',
    // Drawn where it is, not where it sits behind the app.
    style: { position: 'static', zIndex: 'auto' },
  });
  if (!blob) throw new Error('The page could not be drawn as an image.');
  return blob;
}

/** `summary_<case title>_<date>.<ext>`, safe as a file name on every system. */
export function summaryFileName(title: string, ext: 'png' | 'pdf', date = new Date()): string {
  const stem =
    title
      .replace(/[^\w.-]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 60) || 'case';
  return `summary_${stem}_${date.toISOString().slice(0, 10)}.${ext}`;
}
