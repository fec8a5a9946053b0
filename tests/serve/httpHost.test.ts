import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../electron/serve/httpHost.js';
import { createAppServices } from '../../electron/services/createAppServices.js';
import type { AppServices } from '../../electron/services/app.js';

/** A raw HTTP request, so the Host header and the body are exactly what the test says. */
function raw(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.end(options.body);
    },
  );
}

describe('HTTP host', () => {
  let host: HttpHost;
  let services: AppServices;
  let cookie: string;
  let headers: Record<string, string>;
  const staticDir = mkdtempSync(join(tmpdir(), 'triptych-static-'));
  const caseDir = mkdtempSync(join(tmpdir(), 'triptych-case-'));

  beforeAll(async () => {
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Triptych</title>');
    mkdirSync(join(caseDir, 'ctdna'));
    writeFileSync(
      join(caseDir, 'ctdna', 'results.csv'),
      'date,value,unit,status,lod,variants_detected,variants_tracked\n2025-01-02,12.5,MTM/mL,DETECTED,0.01,10,16\n2025-03-02,,MTM/mL,NOT_DETECTED,0.01,0,16\n',
    );
    writeFileSync(join(caseDir, 'notes.txt'), 'hello');
    services = await createAppServices({ dataDir: mkdtempSync(join(tmpdir(), 'triptych-data-')), host: 'http', emit: () => {} });
    host = await startHttpHost({ services, staticDir });
    const login = await raw(host.port, { path: `/?token=${host.token}`, headers: { Host: `127.0.0.1:${host.port}` } });
    expect(login.status).toBe(302);
    cookie = String(login.headers['set-cookie']).split(';')[0];
    headers = { Host: `127.0.0.1:${host.port}`, Cookie: cookie, 'Content-Type': 'application/json' };
  });
  afterAll(async () => {
    await host.close();
    await services.dispose();
  });

  it('binds to loopback and prints a URL with the token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[\\w-]{20,}$`));
  });

  it('trades the token for an HttpOnly, SameSite=Strict cookie', async () => {
    const login = await raw(host.port, { path: `/?token=${host.token}`, headers: { Host: `127.0.0.1:${host.port}` } });
    expect(String(login.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    expect(login.headers.location).toBe('/');
  });

  it('serves the page with the CSP header once the cookie is set', async () => {
    const page = await raw(host.port, { path: '/', headers });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Triptych</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it.each([
    ['no token', { Host: '127.0.0.1:PORT' }, '/', 401],
    ['a wrong token', { Host: '127.0.0.1:PORT' }, '/?token=wrong', 401],
    ['a wrong cookie', { Host: '127.0.0.1:PORT', Cookie: 'triptych_token=nope' }, '/', 401],
    ['a foreign Host', { Host: 'evil.example:PORT', Cookie: 'COOKIE' }, '/', 421],
    ['a foreign Origin', { Host: '127.0.0.1:PORT', Cookie: 'COOKIE', Origin: 'http://evil.example' }, '/', 403],
  ])('refuses a request with %s', async (_label, given, path, status) => {
    const withValues = Object.fromEntries(
      Object.entries(given).map(([k, v]) => [k, v.replace('PORT', String(host.port)).replace('COOKIE', cookie)]),
    );
    expect((await raw(host.port, { path, headers: withValues })).status).toBe(status);
  });

  it('refuses paths that leave the renderer folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/%2fetc%2fpasswd']) {
      expect((await raw(host.port, { path, headers })).status).toBe(404);
    }
  });

  it('answers contract calls with the envelope, and bad params with a typed error', async () => {
    const info = await raw(host.port, { method: 'POST', path: '/api/app.info', headers, body: '{}' });
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { name: 'Triptych', host: 'http' } });
    const bad = await raw(host.port, { method: 'POST', path: '/api/case.open', headers, body: '{"path": 7}' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'BAD_PARAMS' } });
    const notJson = await raw(host.port, { method: 'POST', path: '/api/case.open', headers, body: '{' });
    expect(notJson.status).toBe(400);
    const huge = await raw(host.port, {
      method: 'POST',
      path: '/api/case.open',
      headers,
      body: JSON.stringify({ path: 'x'.repeat(2 << 20) }),
    });
    expect(huge.status).toBe(413);
    // A method the contract says carries whole files takes a larger body (here: read, then refused for no case).
    const file = await raw(host.port, {
      method: 'POST',
      path: '/api/annotations.importGeoJson',
      headers,
      body: JSON.stringify({ slideId: 's', fileName: 'big.geojson', text: 'x'.repeat(2 << 20) }),
    });
    expect(file.status).toBe(200);
    expect(JSON.parse(file.body)).toMatchObject({ ok: false, error: { code: 'NO_CASE' } });
  });

  it('opens a case folder and serves its registered files with Range', async () => {
    const opened = JSON.parse(
      (await raw(host.port, { method: 'POST', path: '/api/case.open', headers, body: JSON.stringify({ path: caseDir }) })).body,
    );
    expect(opened.ok).toBe(true);
    const ctdna = opened.value.files.find((f: { name: string }) => f.name === 'ctdna/results.csv');
    expect(ctdna.kind).toBe('ctdna');
    const part = await raw(host.port, { path: `/binary/files/${ctdna.id}`, headers: { ...headers, Range: 'bytes=0-3' } });
    expect(part.status).toBe(206);
    expect(part.body).toBe('date');
    const series = JSON.parse((await raw(host.port, { method: 'POST', path: '/api/ctdna.series', headers, body: '{}' })).body);
    expect(series.value.points.map((p: { status: string }) => p.status)).toEqual(['DETECTED', 'NOT_DETECTED']);
  });
});
