/**
 * The one binary handler. It serves only what the open case registered (file ids, slide ids); no
 * part of a URL is ever used as a path.
 *
 *   GET /binary/files/<fileId>                                        bytes of a case file, with Range
 *   GET /binary/slides/<slideId>/tiles/<level>/<col>/<row>?z=&path=   one tile as stored
 *   GET /binary/slides/<slideId>/associated/<LABEL|OVERVIEW|THUMBNAIL>
 *
 * `serveBinary` is the handler itself, free of any transport; two thin mounts adapt it: the
 * WHATWG `(Request) => Promise<Response>` that Electron's protocol.handle takes, and the HTTP
 * host's Node request/response (which skips building Request/Response objects per tile: they cost
 * more than reading the tile).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { AssociatedImageType } from '../../../shared/model/slide.js';
import type { Bytes, SlideSource } from '../sources.js';
import { ServiceError } from '../errors.js';
import type { RangeSource } from '../healthomics/partedFile.js';
import { contentRange, decideRange } from './httpRange.js';

export interface BinaryRegistry {
  /** Absolute path of a registered case file, or undefined. */
  filePath(fileId: string): string | undefined;
  /** The opened slide behind an id (opened on first use), or undefined. */
  slide(slideId: string): Promise<SlideSource | undefined>;
  /** A remote file of the case (a HealthOmics read set, an S3 object) behind an id, or undefined. */
  remoteFile?(fileId: string): Promise<RangeSource | undefined>;
}

export type BinaryRequest = {
  method: string;
  /** The URL's path, still percent-encoded. */
  pathname: string;
  /** The URL's query string, with or without its '?'. */
  search: string;
  range: string | null;
  /** Aborted when the client goes away (a tile scrolled out of view): remote reads are cancelled. */
  signal?: AbortSignal;
};

export type BinaryReply = {
  status: number;
  headers: Record<string, string>;
  /** Bytes in memory, a file stream, or nothing (HEAD, 416). */
  body: Uint8Array | string | Readable | null;
};

export type BinaryService = (request: BinaryRequest) => Promise<BinaryReply>;

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const INT = /^\d{1,9}$/;

export function createBinaryService(registry: BinaryRegistry): BinaryService {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plain(405, 'method not allowed', { Allow: 'GET, HEAD' });
    }
    const parts = request.pathname.split('/').filter(Boolean);
    if (parts[0] !== 'binary') return plain(404, 'not found');
    const head = request.method === 'HEAD';
    try {
      if (parts[1] === 'files' && parts.length === 3 && ID.test(parts[2])) {
        return await serveFile(registry, parts[2], request.range, head, request.signal);
      }
      if (parts[1] === 'slides' && parts.length >= 4 && ID.test(parts[2])) {
        const slide = await registry.slide(parts[2]);
        if (!slide) return plain(404, 'unknown slide');
        if (parts[3] === 'tiles' && parts.length === 7 && INT.test(parts[4]) && INT.test(parts[5]) && INT.test(parts[6])) {
          const query = request.search ? new URLSearchParams(request.search) : undefined;
          const z = optionalInt(query?.get('z') ?? null);
          const path = optionalInt(query?.get('path') ?? null);
          if (z === null || path === null) return plain(400, 'bad tile query');
          const tile = await slide.readTile(Number(parts[4]), Number(parts[5]), Number(parts[6]), z, path, request.signal);
          return bytesReply(tile, 'tile not present', head);
        }
        if (parts[3] === 'associated' && parts.length === 5) {
          const type = AssociatedImageType.safeParse(parts[4]);
          if (!type.success) return plain(404, 'unknown associated image');
          return bytesReply(await slide.readAssociated(type.data), 'no such associated image', head);
        }
      }
      return plain(404, 'not found');
    } catch (error) {
      // Reader errors name the file and the reason; the message is safe to show (no path from the URL).
      return plain(failureStatus(error), error instanceof Error ? error.message : String(error));
    }
  };
}

/** The WHATWG mount, for Electron's protocol.handle (and anything else that speaks fetch). */
export function createBinaryHandler(registry: BinaryRegistry): (request: Request) => Promise<Response> {
  return asFetchHandler(createBinaryService(registry));
}

export function asFetchHandler(service: BinaryService): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const reply = await service({
      method: request.method,
      pathname: url.pathname,
      search: url.search,
      range: request.headers.get('range'),
      signal: request.signal,
    });
    const body =
      reply.body instanceof Readable
        ? (Readable.toWeb(reply.body) as ReadableStream<Uint8Array>)
        : (reply.body as Uint8Array<ArrayBuffer> | string | null);
    return new Response(body, { status: reply.status, headers: reply.headers });
  };
}

function optionalInt(value: string | null): number | undefined | null {
  if (value === null || value === '') return undefined;
  return INT.test(value) ? Number(value) : null;
}

async function serveFile(
  registry: BinaryRegistry,
  fileId: string,
  rangeHeader: string | null,
  head: boolean,
  signal?: AbortSignal,
): Promise<BinaryReply> {
  const path = registry.filePath(fileId);
  if (!path) {
    const remote = await registry.remoteFile?.(fileId);
    return remote ? serveRemoteFile(remote, rangeHeader, head, signal) : plain(404, 'unknown file');
  }
  const { size } = await stat(path);
  return rangeReply(size, rangeHeader, head, async (start, end) => createReadStream(path, { start, end }));
}

/** Answer a file's bytes with HTTP Range: 200 whole, 206 one range, 416 past the end. */
async function rangeReply(
  size: number,
  rangeHeader: string | null,
  head: boolean,
  body: (start: number, end: number) => Promise<BinaryReply['body']>,
): Promise<BinaryReply> {
  const decision = decideRange(rangeHeader, size);
  const base = { 'Accept-Ranges': 'bytes', 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store' };
  if (decision.kind === 'unsatisfiable') {
    return { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}` }, body: null };
  }
  const { start, end } = decision.kind === 'partial' ? decision.range : { start: 0, end: size - 1 };
  const length = size === 0 ? 0 : end - start + 1;
  const headers: Record<string, string> = { ...base, 'Content-Length': String(length) };
  if (decision.kind === 'partial') headers['Content-Range'] = contentRange(decision.range, size);
  const status = decision.kind === 'partial' ? 206 : 200;
  if (head || length === 0) return { status, headers, body: null };
  return { status, headers, body: await body(start, end) };
}

/** A remote file answers Range as a local one does; only the parts under the range are fetched. */
function serveRemoteFile(
  remote: RangeSource,
  rangeHeader: string | null,
  head: boolean,
  signal?: AbortSignal,
): Promise<BinaryReply> {
  return rangeReply(remote.size, rangeHeader, head, (start, end) => remote.read(start, end, signal));
}

function bytesReply(found: Bytes | null, missing: string, head: boolean): BinaryReply {
  if (!found) return plain(404, missing);
  const headers = {
    'Content-Type': found.contentType,
    'Content-Length': String(found.bytes.byteLength),
    // Ids are per opened case, so a tile URL always names the same bytes while the case is open.
    'Cache-Control': 'private, max-age=3600',
  };
  return { status: 200, headers, body: head ? null : found.bytes };
}

/** 503 for a remote source that is away for now (a retry may work), 422 for a file that cannot be read. */
function failureStatus(error: unknown): number {
  const code = error instanceof ServiceError ? error.code : undefined;
  if (code === 'UNREACHABLE' || code === 'THROTTLED') return 503;
  if (code === 'NO_CREDENTIALS' || code === 'CREDENTIALS_EXPIRED' || code === 'ACCESS_DENIED') return 403;
  return 422;
}

function plain(status: number, message: string, extra: Record<string, string> = {}): BinaryReply {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...extra }, body: message };
}
