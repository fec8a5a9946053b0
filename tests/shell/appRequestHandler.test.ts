import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppRequestHandler } from '../../electron/shell/appRequestHandler.js';
import { mimeTypeFor } from '../../electron/shell/mimeTypes.js';
import { lexicalPath, resolveStaticFile } from '../../electron/shell/staticFiles.js';
import { SECURITY_HEADERS } from '../../electron/services/security/csp.js';

let root: string;
let outside: string;
const binaryCalls: Request[] = [];

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'triptych-protocol-'));
  root = join(base, 'renderer');
  outside = join(base, 'secret.txt');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Triptych</title>');
  writeFileSync(join(root, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'codec.wasm'), new Uint8Array([0, 97, 115, 109]));
  writeFileSync(join(root, 'assets', 'a b.css'), 'body{}');
  writeFileSync(outside, 'patient secrets');
  symlinkSync(outside, join(root, 'assets', 'link.txt'));
});

function handler() {
  return createAppRequestHandler({
    rendererRoot: root,
    securityHeaders: SECURITY_HEADERS,
    binary: async (request) => {
      binaryCalls.push(request);
      return new Response('tile', { status: 206, headers: { 'Content-Type': 'image/jpeg', 'Content-Range': 'bytes 0-3/10' } });
    },
  });
}

const get = (path: string, init?: RequestInit) => handler()(new Request(`triptych://app${path}`, init));

describe('app protocol: renderer files', () => {
  it('serves index.html for / and by name, with the CSP and other security headers', async () => {
    for (const path of ['/', '/index.html']) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toContain('<title>Triptych</title>');
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
    }
  });

  it('serves assets with their MIME types (wasm as application/wasm)', async () => {
    expect((await get('/assets/app-1234.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const wasm = await get('/assets/codec.wasm');
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109]));
    expect((await get('/assets/a%20b.css')).status).toBe(200);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await get('/index.html', { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(SECURITY_HEADERS['Content-Security-Policy']);
  });

  it('answers 404, with the CSP, for what is not there', async () => {
    const response = await get('/nope.js');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBeTruthy();
    expect((await get('/assets')).status).toBe(404); // a folder is not a file
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/link.txt', // symlink pointing out
      '/%00index.html',
      '/C:/Windows/win.ini',
      '/%E0%A4%A', // malformed escape
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('patient secrets');
    }
  });

  it('refuses other hosts of the scheme', async () => {
    const response = await handler()(new Request('triptych://evil/index.html'));
    expect(response.status).toBe(404);
  });
});

describe('app protocol: /binary', () => {
  it('hands /binary/… to the binary handler and adds the security headers to its answer', async () => {
    binaryCalls.length = 0;
    const response = await get('/binary/tile/s1/0/0/0', { headers: { Range: 'bytes=0-3' } });
    expect(binaryCalls).toHaveLength(1);
    expect(binaryCalls[0]!.headers.get('range')).toBe('bytes=0-3');
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 0-3/10');
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('content-security-policy')).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    expect(await response.text()).toBe('tile');
  });

  it('turns a failing binary handler into a 500, not a rejected promise', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failing = createAppRequestHandler({
      rendererRoot: root,
      securityHeaders: SECURITY_HEADERS,
      binary: async () => {
        throw new Error('boom');
      },
    });
    const response = await failing(new Request('triptych://app/binary/x'));
    expect(response.status).toBe(500);
    expect(response.headers.get('content-security-policy')).toBeTruthy();
    expect(log.mock.calls.flat().join(' ')).not.toContain('boom'); // messages can carry patient data
    log.mockRestore();
  });
});

describe('static path resolution', () => {
  it('maps URL paths inside the root only', () => {
    expect(lexicalPath('/r', '/a/b.js')).toBe(join('/r', 'a', 'b.js'));
    expect(lexicalPath('/r', '/')).toBe(join('/r', 'index.html'));
    expect(lexicalPath('/r', '/a/')).toBe(join('/r', 'a', 'index.html'));
    expect(lexicalPath('/r', '/a/../b.js')).toBeUndefined();
    expect(lexicalPath('/r', '/a/./b.js')).toBeUndefined();
  });

  it('resolves real files and refuses links that leave the root', async () => {
    expect(await resolveStaticFile(root, '/index.html')).toMatch(/index\.html$/);
    expect(await resolveStaticFile(root, '/assets/link.txt')).toBeUndefined();
  });
});

describe('mimeTypeFor', () => {
  it('knows the types of a Vite build and falls back to octet-stream', () => {
    expect(mimeTypeFor('x.MJS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('x.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('x.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('x.unknown')).toBe('application/octet-stream');
    expect(mimeTypeFor('Makefile')).toBe('application/octet-stream');
  });
});
