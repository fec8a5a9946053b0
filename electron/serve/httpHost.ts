/**
 * The HTTP host: the same contract, the same binary handler and the same built renderer as the
 * Electron shell, for any Chromium on this machine. Loopback only, a per-launch secret token, the
 * Host header checked (no DNS rebinding), the same CSP.
 *
 *   GET  /?token=T        sets the token cookie and redirects to /
 *   POST /api/<method>    JSON params → JSON envelope
 *   GET  /api/events      server-sent events (contract events)
 *   GET  /binary/...      the binary handler
 *   GET  /...             the built renderer
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { HTTP_PATHS, methods, type EventName, type MethodName, type PayloadOf } from '../../shared/contract.js';
import type { AppServices } from '../services/app.js';
import { SECURITY_HEADERS } from '../services/security/csp.js';
import { readStaticFile } from './staticFiles.js';

const COOKIE = 'triptych_token';
const MAX_BODY_BYTES = 1 << 20;

export type HttpHost = {
  url: string;
  port: number;
  token: string;
  /** Push a contract event to every open page. */
  broadcast<E extends EventName>(event: E, payload: PayloadOf<E>): void;
  close(): Promise<void>;
};

export type HttpHostOptions = {
  services: AppServices;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
};

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const eventStreams = new Set<ServerResponse>();
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) return send(res, 421, 'wrong host');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) return send(res, 403, 'foreign origin');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    const queryToken = url.searchParams.get('token');
    if (queryToken !== null && req.method === 'GET' && sameSecret(queryToken, token)) {
      // Trade the token in the URL for a cookie, and drop it from the address bar.
      url.searchParams.delete('token');
      res.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      res.setHeader('Location', url.pathname + url.search);
      return send(res, 302, 'ok');
    }
    if (!sameSecret(readCookie(req.headers.cookie, COOKIE) ?? '', token)) {
      return send(res, 401, 'This Triptych host needs the link with its token (printed when it started).');
    }

    if (url.pathname === HTTP_PATHS.events && req.method === 'GET') return openEventStream(res);
    if (url.pathname.startsWith(HTTP_PATHS.api)) {
      if (req.method !== 'POST') return send(res, 405, 'use POST');
      const method = url.pathname.slice(HTTP_PATHS.api.length);
      const body = await readBody(req, maxBodyBytesOf(method));
      if (body === null) {
        // The rest of the body is never read: close the connection rather than reuse it.
        res.setHeader('Connection', 'close');
        return send(res, 413, 'request too large');
      }
      let params: unknown;
      try {
        params = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'BAD_PARAMS', message: 'The request body is not JSON.' } });
      }
      const envelope = await options.services.dispatch(method, params);
      return sendJson(res, 200, envelope);
    }
    if (url.pathname.startsWith(HTTP_PATHS.binary)) return forwardToBinary(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
    const file = await readStaticFile(options.staticDir, url.pathname);
    if (!file) return send(res, 404, 'not found');
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.type, 'Cache-Control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  async function forwardToBinary(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    // The browser drops requests for tiles that left the view: tell the source, so remote reads stop.
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const reply = await options.services.serveBinary({
      method: req.method ?? 'GET',
      pathname: url.pathname,
      search: url.search,
      range: req.headers.range ?? null,
      signal: gone.signal,
    });
    if (res.destroyed) {
      if (reply.body instanceof Readable) reply.body.destroy();
      return;
    }
    res.writeHead(reply.status, { ...SECURITY_HEADERS, ...reply.headers });
    if (reply.body instanceof Readable) {
      res.on('close', () => (reply.body as Readable).destroy());
      reply.body.pipe(res);
    } else {
      res.end(reply.body ?? undefined);
    }
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    eventStreams.add(res);
    res.on('close', () => eventStreams.delete(res));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    broadcast(event, payload) {
      const message = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const stream of eventStreams) stream.write(message);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of eventStreams) stream.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(value));
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** The contract says which methods carry whole files; every other body is small. */
function maxBodyBytesOf(method: string): number {
  const spec: object | undefined = Object.hasOwn(methods, method) ? methods[method as MethodName] : undefined;
  return spec && 'maxBodyBytes' in spec && typeof spec.maxBodyBytes === 'number' ? spec.maxBodyBytes : MAX_BODY_BYTES;
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
