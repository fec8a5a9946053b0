/**
 * The one binary handler, `(Request) => Promise<Response>`: the Electron shell mounts it on
 * triptych://app/binary/, the HTTP host on /binary/. It serves only what the open case registered
 * (file ids, slide ids); no part of a URL is ever used as a path.
 *
 *   GET /binary/files/<fileId>                                  bytes of a case file, with Range
 *   GET /binary/slides/<slideId>/tiles/<level>/<col>/<row>?z=&path=   one tile as stored
 *   GET /binary/slides/<slideId>/associated/<LABEL|OVERVIEW|THUMBNAIL>
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { AssociatedImageType } from '../../../shared/model/slide.js';
import type { Bytes, SlideSource } from '../sources.js';
import { contentRange, decideRange } from './httpRange.js';

export interface BinaryRegistry {
  /** Absolute path of a registered case file, or undefined. */
  filePath(fileId: string): string | undefined;
  /** The opened slide behind an id (opened on first use), or undefined. */
  slide(slideId: string): Promise<SlideSource | undefined>;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const INT = /^\d{1,9}$/;

export function createBinaryHandler(registry: BinaryRegistry): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plain(405, 'method not allowed', { Allow: 'GET, HEAD' });
    }
    const url = new URL(request.url);
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] !== 'binary') return plain(404, 'not found');
    try {
      if (parts[1] === 'files' && parts.length === 3 && ID.test(parts[2])) {
        return await serveFile(registry, parts[2], request);
      }
      if (parts[1] === 'slides' && parts.length >= 4 && ID.test(parts[2])) {
        const slide = await registry.slide(parts[2]);
        if (!slide) return plain(404, 'unknown slide');
        if (parts[3] === 'tiles' && parts.length === 7 && parts.slice(4).every((p) => INT.test(p))) {
          const [level, col, row] = parts.slice(4).map(Number);
          const z = optionalInt(url.searchParams.get('z'));
          const path = optionalInt(url.searchParams.get('path'));
          if (z === null || path === null) return plain(400, 'bad tile query');
          return bytesResponse(await slide.readTile(level, col, row, z, path), 'tile not present', request);
        }
        if (parts[3] === 'associated' && parts.length === 5) {
          const type = AssociatedImageType.safeParse(parts[4]);
          if (!type.success) return plain(404, 'unknown associated image');
          return bytesResponse(await slide.readAssociated(type.data), 'no such associated image', request);
        }
      }
      return plain(404, 'not found');
    } catch (error) {
      // Reader errors name the file and the reason; the message is safe to show (no path from the URL).
      const message = error instanceof Error ? error.message : String(error);
      return plain(422, message);
    }
  };
}

function optionalInt(value: string | null): number | undefined | null {
  if (value === null || value === '') return undefined;
  return INT.test(value) ? Number(value) : null;
}

async function serveFile(registry: BinaryRegistry, fileId: string, request: Request): Promise<Response> {
  const path = registry.filePath(fileId);
  if (!path) return plain(404, 'unknown file');
  const { size } = await stat(path);
  const decision = decideRange(request.headers.get('range'), size);
  const base = { 'Accept-Ranges': 'bytes', 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store' };
  if (decision.kind === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}` } });
  }
  const { start, end } = decision.kind === 'partial' ? decision.range : { start: 0, end: size - 1 };
  const length = size === 0 ? 0 : end - start + 1;
  const headers: Record<string, string> = { ...base, 'Content-Length': String(length) };
  if (decision.kind === 'partial') headers['Content-Range'] = contentRange(decision.range, size);
  const status = decision.kind === 'partial' ? 206 : 200;
  if (request.method === 'HEAD' || length === 0) return new Response(null, { status, headers });
  const stream = Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream<Uint8Array>;
  return new Response(stream, { status, headers });
}

function bytesResponse(found: Bytes | null, missing: string, request: Request): Response {
  if (!found) return plain(404, missing);
  const headers = {
    'Content-Type': found.contentType,
    'Content-Length': String(found.bytes.byteLength),
    // Ids are per opened case, so a tile URL always names the same bytes while the case is open.
    'Cache-Control': 'private, max-age=3600',
  };
  return new Response(request.method === 'HEAD' ? null : (found.bytes as Uint8Array<ArrayBuffer>), { status: 200, headers });
}

function plain(status: number, message: string, extra: Record<string, string> = {}): Response {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...extra } });
}
