/**
 * The hts-specs VCF conformance suite: every `passed` file loads with bcftools' record count;
 * every `failed` file either loads or fails with a ServiceError, never another exception.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../electron/services/errors.js';
import { readVariantFile } from '../../../electron/services/variants/readVariantFile.js';
import { bcftoolsRecordCount, hasSharedVariants, hasTool, SHARED_VARIANTS, skipNote } from './testdata.js';

const SUITE = join(SHARED_VARIANTS, 'hts-specs');
const filesIn = (kind: 'passed' | 'failed'): string[] =>
  hasSharedVariants
    ? readdirSync(SUITE).flatMap((version) => {
        try {
          return readdirSync(join(SUITE, version, kind)).map((name) => join(version, kind, name));
        } catch {
          return [];
        }
      })
    : [];

if (!hasSharedVariants) skipNote(`${SUITE} is absent: the VCF conformance tests are skipped`);
const withBcftools = hasTool('bcftools');
if (hasSharedVariants && !withBcftools) skipNote('bcftools is not installed: record counts are not compared');

describe.skipIf(!hasSharedVariants)('hts-specs conformance suite', () => {
  const passed = filesIn('passed');
  const failed = filesIn('failed');

  it('finds the suite', () => {
    expect(passed.length).toBeGreaterThan(50);
    expect(failed.length).toBeGreaterThan(500);
  });

  it.each(passed)('loads %s with the record count bcftools gives', async (file) => {
    const path = join(SUITE, file);
    const table = await readVariantFile(path);
    expect(table.format).toBe('VCF');
    if (!withBcftools) return;
    const expected = bcftoolsRecordCount(path);
    if (expected === null) {
      skipNote(`bcftools rejects ${file}: record count not compared`);
      return;
    }
    expect(table.records).toBe(expected);
  });

  it('reads sv44.vcf (structural variants) with its record count', async () => {
    const path = join(SUITE, 'sv44.vcf');
    const table = await readVariantFile(path);
    const expected = withBcftools ? bcftoolsRecordCount(path) : null;
    if (expected !== null) expect(table.records).toBe(expected);
  });

  it('loads every failed file or refuses it with a ServiceError', async () => {
    const outcomes = { loaded: 0, refused: 0 };
    for (const file of failed) {
      try {
        const table = await readVariantFile(join(SUITE, file));
        expect(table.records).toBeGreaterThanOrEqual(0);
        outcomes.loaded += 1;
      } catch (error) {
        if (!(error instanceof ServiceError)) throw new Error(`${file} threw ${String(error)}`);
        expect(error.code).toBe('BAD_FILE');
        expect(error.message).not.toBe('');
        outcomes.refused += 1;
      }
    }
    expect(outcomes.loaded + outcomes.refused).toBe(failed.length);
  });
});
