/**
 * An image from the binary handler: as an <img> when the browser decodes it (JPEG) and it is shown
 * as stored, else decoded in the worker pool (JPEG 2000, HTJ2K, JPEG-LS, uncompressed, or any
 * image shown through the slide's colour transform) and drawn to a canvas.
 */
import { useEffect, useRef, useState } from 'react';
import type { PixelFormat } from '../../../shared/model/slide.js';
import { decoderPool } from './decode/decoderPool.js';
import { decoderFor } from './decode/pixels.js';

export function DecodedImage({
  url,
  contentType,
  pixelFormat,
  width,
  height,
  alt,
  className,
  testId,
  colour = null,
}: {
  url: string;
  contentType?: string;
  pixelFormat?: PixelFormat;
  width: number;
  height: number;
  alt: string;
  className?: string;
  testId?: string;
  /** The slide's colour transform, as registered with the decoder pool (colour management on). */
  colour?: string | null;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  const browser = (!contentType || decoderFor(contentType) === 'browser') && !colour;
  useEffect(() => {
    if (browser) return;
    const controller = new AbortController();
    void (async () => {
      try {
        const response = await fetch(url, { signal: controller.signal, credentials: 'same-origin' });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const bitmap = await decoderPool().bitmap(
          {
            bytes: await response.arrayBuffer(),
            contentType: response.headers.get('content-type') ?? contentType ?? 'image/jpeg',
            format: pixelFormat,
            width,
            height,
            render: {
              ...(pixelFormat?.photometricInterpretation === 'MONOCHROME1' ? { invert: true } : {}),
              ...(colour ? { colour } : {}),
            },
          },
          controller.signal,
        );
        const target = canvas.current;
        if (!target) return bitmap.close();
        target.width = bitmap.width;
        target.height = bitmap.height;
        target.getContext('2d')?.drawImage(bitmap, 0, 0);
        bitmap.close();
      } catch {
        if (!controller.signal.aborted) setFailed(true);
      }
    })();
    return () => controller.abort();
  }, [url, contentType, pixelFormat, width, height, browser, colour]);
  if (browser)
    return <img src={url} alt={alt} width={width} height={height} draggable={false} className={className} data-testid={testId} />;
  return (
    <canvas
      ref={canvas}
      width={width}
      height={height}
      className={className}
      role="img"
      aria-label={failed ? `${alt} (could not be decoded)` : alt}
      data-testid={testId}
      data-colour={colour ? 'managed' : undefined}
    />
  );
}
