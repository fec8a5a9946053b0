import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppServices } from '../../../electron/services/createAppServices.js';

describe('case.current while a case folder is being opened', () => {
  it('answers with that case, not null (the page would open the demo instead)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triptych-current-'));
    for (let i = 0; i < 200; i++)
      writeFileSync(join(dir, `results-${i}.csv`), 'date,value,unit,status\n2025-01-02,1.5,MTM/mL,DETECTED\n');
    const events: string[] = [];
    const services = await createAppServices({
      dataDir: mkdtempSync(join(tmpdir(), 'triptych-data-')),
      host: 'http',
      emit: (event) => events.push(event),
    });
    const opening = services.openCase(dir); // as `triptych serve CASE` does, without waiting
    const current = await services.dispatch('case.current', {});
    expect(current).toMatchObject({ ok: true, value: { root: dir } });
    await opening;
    expect(events).toContain('case.changed');
    await services.dispose();
  });

  it('answers null when no case was asked for', async () => {
    const services = await createAppServices({
      dataDir: mkdtempSync(join(tmpdir(), 'triptych-data-')),
      host: 'http',
      emit: () => {},
    });
    expect(await services.dispatch('case.current', {})).toEqual({ ok: true, value: null });
    await services.dispose();
  });
});

describe('launch', () => {
  it('reopens the case opened last, when its folder is still there', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'triptych-data-'));
    const caseDir = mkdtempSync(join(tmpdir(), 'triptych-last-'));
    writeFileSync(join(caseDir, 'results.csv'), 'date,value,unit,status\n2025-01-02,1.5,MTM/mL,DETECTED\n');
    const first = await createAppServices({ dataDir, host: 'http', emit: () => {} });
    expect(await first.dispatch('case.open', { path: caseDir })).toMatchObject({ ok: true });
    await first.dispose();

    const next = await createAppServices({ dataDir, host: 'http', emit: () => {} });
    await next.openCase(undefined);
    expect(await next.dispatch('case.current', {})).toMatchObject({ ok: true, value: { root: caseDir, isDemo: false } });
    await next.dispose();
  });
});

describe('opening and closing in turn', () => {
  it('a slow demo generation does not land over a case opened, or a close asked, after it', async () => {
    const caseDir = mkdtempSync(join(tmpdir(), 'triptych-after-demo-'));
    writeFileSync(join(caseDir, 'results.csv'), 'date,value,unit,status\n2025-01-02,1.5,MTM/mL,DETECTED\n');
    const services = await createAppServices({
      dataDir: mkdtempSync(join(tmpdir(), 'triptych-data-')),
      host: 'http',
      emit: () => {},
    });
    const demo = services.openCase(undefined); // a first run: the demo is generated, which takes seconds
    const opened = await services.dispatch('case.open', { path: caseDir });
    expect(opened).toMatchObject({ ok: true, value: { root: caseDir } });
    await demo;
    expect(await services.dispatch('case.current', {})).toMatchObject({ ok: true, value: { root: caseDir } });

    const again = services.dispatch('case.openDemo', {});
    expect(await services.dispatch('case.close', {})).toEqual({ ok: true, value: null });
    expect(await again).toMatchObject({ ok: true, value: { isDemo: true } });
    expect(await services.dispatch('case.current', {})).toEqual({ ok: true, value: null });
    await services.dispose();
  }, 120_000);
});
