/**
 * Everything served on triptych://app: the built renderer, and /binary/… handed to the services'
 * binary handler. Plain WHATWG Request → Response, so it is tested without Electron.
 */
import { readFile } from 'node:fs/promises';
import { APP_ORIGIN, HTTP_PATHS } from '../../shared/contract.js';
import { mimeTypeFor } from './mimeTypes.js';
import { originOf } from './origin.js';
import { resolveStaticFile } from './staticFiles.js';
import { logFailure } from '../services/logging/safeLog.js';

export interface AppRequestHandlerOptions {
  /** The built renderer (dist/renderer). */
  rendererRoot: string;
  binary: (request: Request) => Promise<Response>;
  /** Added to every response, binary ones included (the Content-Security-Policy among them). */
  securityHeaders: Readonly<Record<string, string>>;
}

export function createAppRequestHandler(options: AppRequestHandlerOptions): (request: Request) => Promise<Response> {
  const withSecurityHeaders = (response: Response): Response => {
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(options.securityHeaders)) headers.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };

  const plain = (status: number, text: string, extra: Record<string, string> = {}): Response =>
    withSecurityHeaders(new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...extra } }));

  async function serveStatic(request: Request, pathname: string): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed', { Allow: 'GET, HEAD' });
    const file = await resolveStaticFile(options.rendererRoot, pathname);
    if (!file) return plain(404, 'Not found');
    const body = await readFile(file);
    const headers = {
      'Content-Type': mimeTypeFor(file),
      'Content-Length': String(body.byteLength),
      // The renderer build changes with every release; never let a stale copy answer.
      'Cache-Control': 'no-cache',
    };
    return withSecurityHeaders(new Response(request.method === 'HEAD' ? null : body, { status: 200, headers }));
  }

  return async function handleAppRequest(request: Request): Promise<Response> {
    try {
      if (originOf(request.url) !== APP_ORIGIN) return plain(404, 'Not found');
      const { pathname } = new URL(request.url);
      if (pathname.startsWith(HTTP_PATHS.binary)) return withSecurityHeaders(await options.binary(request));
      return await serveStatic(request, pathname);
    } catch (error) {
      // Never let a rejected promise reach Chromium as a failed load with no explanation.
      logFailure('app protocol error', error);
      return plain(500, 'Internal error');
    }
  };
}
