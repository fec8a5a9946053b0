import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRecentCases } from '../../../electron/services/case/recentCases.js';

describe('the recent cases on the start screen', () => {
  it("names each by case.json's title, else its folder or file name, and says which are gone", async () => {
    const base = mkdtempSync(join(tmpdir(), 'triptych-recent-'));
    mkdirSync(join(base, 'titled'));
    writeFileSync(join(base, 'titled', 'case.json'), JSON.stringify({ title: 'Patient 42, bladder' }));
    mkdirSync(join(base, 'plain-folder'));
    mkdirSync(join(base, 'broken'));
    writeFileSync(join(base, 'broken', 'case.json'), '{ not json');
    writeFileSync(join(base, 'calls.vcf'), '##fileformat=VCFv4.2\n');
    const paths = ['titled', 'plain-folder', 'broken', 'calls.vcf', 'gone'].map((name) => join(base, name));
    expect(await describeRecentCases(paths)).toEqual([
      { path: paths[0], title: 'Patient 42, bladder', exists: true },
      { path: paths[1], title: 'plain-folder', exists: true },
      { path: paths[2], title: 'broken', exists: true },
      { path: paths[3], title: 'calls.vcf', exists: true },
      { path: paths[4], title: 'gone', exists: false },
    ]);
  });
});
