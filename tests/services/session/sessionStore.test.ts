import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppServices } from '../../../electron/services/createAppServices.js';
import { SessionStore } from '../../../electron/services/session/sessionStore.js';

const dataDir = () => mkdtempSync(join(tmpdir(), 'triptych-session-'));

describe('the session kept per case', () => {
  it('merges saves field by field, viewports per slide, and keeps cases apart', async () => {
    const store = new SessionStore(dataDir());
    await store.save('/cases/a', { slideId: 's1', viewports: { s1: { x: 0.5, y: 0.3, zoom: 2, rotation: 0 } } });
    await store.save('/cases/a', { locus: 'chr4:1-100', viewports: { s2: { x: 0.1, y: 0.1, zoom: 8, rotation: 90 } } });
    await store.save('/cases/b', { locus: 'chr17:1-100' });
    expect(await store.get('/cases/a')).toEqual({
      slideId: 's1',
      locus: 'chr4:1-100',
      viewports: { s1: { x: 0.5, y: 0.3, zoom: 2, rotation: 0 }, s2: { x: 0.1, y: 0.1, zoom: 8, rotation: 90 } },
    });
    expect(await store.get('/cases/b')).toEqual({ locus: 'chr17:1-100' });
    expect(await store.get('/cases/never')).toEqual({});
  });

  it('reads a damaged or foreign session file as empty rather than failing the case', async () => {
    const store = new SessionStore(dataDir());
    const file = store.fileOf('/cases/a');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '{"locus": 42');
    expect(await store.get('/cases/a')).toEqual({});
    writeFileSync(file, JSON.stringify({ locus: 42 }));
    expect(await store.get('/cases/a')).toEqual({});
    await store.save('/cases/a', { locus: 'chr1:1-10' });
    expect(await store.get('/cases/a')).toEqual({ locus: 'chr1:1-10' });
  });

  it('refuses a save meant for another case than the open one', async () => {
    const caseDir = mkdtempSync(join(tmpdir(), 'triptych-session-case-'));
    writeFileSync(join(caseDir, 'results.csv'), 'date,value,unit,status\n2025-01-02,1.5,MTM/mL,DETECTED\n');
    const services = await createAppServices({ dataDir: dataDir(), host: 'http', emit: () => {} });
    await services.dispatch('case.open', { path: caseDir });
    expect(await services.dispatch('session.save', { forCase: '/some/other/case', patch: { locus: 'chr1:1-2' } })).toMatchObject({
      ok: false,
      error: { code: 'NO_CASE' },
    });
    expect(await services.dispatch('session.save', { forCase: caseDir, patch: { locus: 'chr1:1-2' } })).toMatchObject({
      ok: true,
    });
    expect(await services.dispatch('session.get', {})).toEqual({ ok: true, value: { locus: 'chr1:1-2' } });
    await services.dispose();
  });
});
