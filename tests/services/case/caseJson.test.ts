import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseJsonSchema, readCaseJson } from '../../../electron/services/case/caseJson.js';
import { openCase } from '../../../electron/services/case/openCase.js';
import { seriesUID, writeInstance } from '../slides/fixtures/slideFixtures.js';

const VCF = '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr1\t100\t.\tA\tC\t.\tPASS\t.\n';

async function read(json: unknown) {
  const path = join(mkdtempSync(join(tmpdir(), 'triptych-casejson-')), 'case.json');
  writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
  return readCaseJson(path, 'case.json');
}

describe('case.json', () => {
  it('the published JSON Schema is the one generated from the validator', () => {
    const published = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../schemas/case.schema.json'), 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(caseJsonSchema())));
  });

  it('accepts a full case', async () => {
    const { value, warnings } = await read({
      title: 'Case 1',
      patient: { id: 'P1', name: 'DOE^JANE', birthDate: '1960-02-03', diagnosisDate: '2025-01-08' },
      genomeBuild: 'GRCh38',
      specimens: [
        { id: 'T1', type: 'tissue', collected: '2025-01-08', slides: ['slides'], variantFiles: ['a.vcf'], sampleId: 'TUMOR' },
      ],
      labels: { 'a.vcf': 'Primary tumor' },
    });
    expect(warnings).toEqual([]);
    expect(value.specimens![0].sampleId).toBe('TUMOR');
  });

  it.each([
    [{ patient: { id: 7 } }, /patient\.id/],
    [{ specimens: [{ id: 'T1', type: 'tumor' }] }, /specimens\.0\.type/],
    [
      { specimens: [{ id: 'T1', type: 'tissue', slides: ['../other-patient/slide.dcm'] }] },
      /specimens\.0\.slides\.0: a path inside the case folder/,
    ],
    [{ specimens: [{ id: 'T1', type: 'tissue', collected: 'last May' }] }, /collected: a date as YYYY-MM-DD/],
    [{ patinet: {} }, /patinet/],
    [{ genomeBuild: 'hg19' }, /genomeBuild/],
  ])('names the field of a mistake: %j', async (json, message) => {
    const { warnings } = await read(json);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^case\.json: /);
    expect(warnings[0]).toMatch(message);
  });

  it('keeps what is valid in a partly wrong file', async () => {
    const { value, warnings } = await read({ title: 'Still here', patient: { id: 'P1' }, specimens: 'none' });
    expect(warnings).toHaveLength(1);
    expect(value).toEqual({ title: 'Still here', patient: { id: 'P1' } });
  });

  it('says when the file is not JSON', async () => {
    const { warnings } = await read('{ "title": ');
    expect(warnings[0]).toMatch(/^case\.json: not valid JSON/);
  });
});

describe('specimens in the case', () => {
  async function caseWith(caseJson: unknown, patientID = 'P1') {
    const dir = mkdtempSync(join(tmpdir(), 'triptych-specimens-'));
    await writeInstance(join(dir), seriesUID(`specimen-${patientID}`), {
      fileName: 'slide.dcm',
      width: 32,
      height: 32,
      extra: { PatientID: patientID },
    });
    writeFileSync(join(dir, 'tumor.vcf'), VCF);
    writeFileSync(join(dir, 'case.json'), JSON.stringify(caseJson));
    return openCase(dir);
  }

  it('links slides and variant files to their specimen', async () => {
    const { summary } = await caseWith({
      patient: { id: 'P1' },
      specimens: [{ id: 'T1', type: 'tissue', slides: ['slide.dcm'], variantFiles: ['tumor.vcf'], sampleId: 'TUMOR' }],
    });
    expect(summary.specimens).toEqual([
      { id: 'T1', type: 'tissue', sampleId: 'TUMOR', slideIds: [summary.slides[0].id], variantFileIds: summary.variantFileIds },
    ]);
    expect(summary.warnings).toEqual([]);
  });

  it('shows what does not fit: unknown files, a slide of no specimen, another patient', async () => {
    const { summary } = await caseWith(
      { patient: { id: 'P1' }, specimens: [{ id: 'T1', type: 'tissue', slides: ['missing.dcm'], variantFiles: ['other.vcf'] }] },
      'P2',
    );
    expect(summary.warnings).toEqual([
      'case.json: specimen T1 names slide "missing.dcm", which is not a slide of the case.',
      'case.json: specimen T1 names variant file "other.vcf", which is not a variant file of the case.',
      expect.stringMatching(/^Slide ".*" belongs to no specimen of case\.json\.$/),
      expect.stringMatching(/^Slide ".*" is of patient ID P2, not P1 as case\.json says\.$/),
    ]);
  });
});
