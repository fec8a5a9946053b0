import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBinaryHandler } from '../../../electron/services/binary/binaryHandler.js';
import type { SlideSource } from '../../../electron/services/sources.js';

const dir = mkdtempSync(join(tmpdir(), 'triptych-binary-'));
const filePath = join(dir, 'data.bin');
const content = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256));
writeFileSync(filePath, content);
writeFileSync(join(dir, 'secret.txt'), 'not registered');

const tile = new Uint8Array([0xff, 0xd8, 1, 2, 3, 0xff, 0xd9]);
const slide = {
  readTile: async (level: number, col: number, row: number) =>
    level === 0 && col === 1 && row === 2 ? { bytes: tile, contentType: 'image/jpeg' } : null,
  readAssociated: async (type: string) => (type === 'LABEL' ? { bytes: tile, contentType: 'image/jpeg' } : null),
} as unknown as SlideSource;

const handler = createBinaryHandler({
  filePath: (id) => (id === 'f1' ? filePath : undefined),
  slide: async (id) => (id === 's1' ? slide : undefined),
});
const get = (path: string, headers: Record<string, string> = {}) => handler(new Request(`http://x${path}`, { headers }));

describe('binary handler: case files', () => {
  it('serves a registered file whole, announcing ranges', async () => {
    const response = await get('/binary/files/f1');
    expect(response.status).toBe(200);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(content);
  });

  it('answers one range with 206 and Content-Range', async () => {
    const response = await get('/binary/files/f1', { Range: 'bytes=100-199' });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 100-199/4096');
    expect(response.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(content.subarray(100, 200));
  });

  it('answers a suffix range with the last bytes', async () => {
    const response = await get('/binary/files/f1', { Range: 'bytes=-10' });
    expect(response.status).toBe(206);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(content.subarray(4086));
  });

  it('answers a range past the end with 416', async () => {
    const response = await get('/binary/files/f1', { Range: 'bytes=5000-' });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe('bytes */4096');
  });

  it.each([
    '/binary/files/f2',
    '/binary/files/..%2Fsecret.txt',
    '/binary/files/../secret.txt',
    '/binary/files/secret.txt',
    '/binary/secret.txt',
  ])('refuses %s: only registered ids are served', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('not registered');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await handler(new Request('http://x/binary/files/f1', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
  });
});

describe('binary handler: slides', () => {
  it('serves a tile as stored with its content type', async () => {
    const response = await get('/binary/slides/s1/tiles/0/1/2');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(tile);
  });

  it('says 404 for a tile absent from the slide, an unknown slide or image', async () => {
    expect((await get('/binary/slides/s1/tiles/0/9/9')).status).toBe(404);
    expect((await get('/binary/slides/s2/tiles/0/1/2')).status).toBe(404);
    expect((await get('/binary/slides/s1/associated/MACRO')).status).toBe(404);
    expect((await get('/binary/slides/s1/tiles/0/x/2')).status).toBe(404);
  });

  it('serves the label image', async () => {
    const response = await get('/binary/slides/s1/associated/LABEL');
    expect(response.status).toBe(200);
  });
});
