/** Every ctDNA input form: the same story read from each gives the same model; bad input is named. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { CtdnaJsonDocument } from '../../../electron/services/ctdna/ctdnaJson.js';
import { ctdnaInspectJson } from '../../../electron/services/ctdna/ctdnaInspectJson.js';
import { mergeCtdnaSeries, readCtdnaFile, sniffCtdna, sniffCtdnaForm } from '../../../electron/services/ctdna/readCtdnaFile.js';
import { ServiceError } from '../../../electron/services/errors.js';
import { anchorCtdnaSeries } from '../../../shared/model/ctdna.js';
import { tempFolder } from '../variants/tempFiles.js';
import {
  DIAGNOSIS,
  DRAWS,
  EXPECTED,
  PATIENT,
  ctdnaObservation,
  storyBundle,
  storyCsv,
  storyJson,
  storyTimeline,
} from './fixtures.js';

const write = tempFolder('ctdna-forms');
const json = (value: unknown) => JSON.stringify(value, null, 2);
const projected = (series: Parameters<typeof ctdnaInspectJson>[0]) => {
  const { points, events } = ctdnaInspectJson(series);
  // JSON drops undefined, as the CLI prints it.
  return JSON.parse(JSON.stringify({ points, events }));
};
async function refusal(path: string): Promise<string> {
  const error = await readCtdnaFile(path).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return (error as ServiceError).message;
}
const timelineFiles = () => Object.entries(storyTimeline()).map(([name, text]) => write(name, text));

describe('one story, every form, one model', () => {
  const expected = JSON.parse(JSON.stringify(EXPECTED));

  it('our CSV', async () => {
    const series = await readCtdnaFile(write('story.csv', storyCsv()));
    expect(series.warnings).toEqual([]);
    expect(projected(series)).toEqual(expected);
  });

  it('our JSON', async () => {
    const series = await readCtdnaFile(write('story.json', json(storyJson())));
    expect(series.warnings).toEqual([]);
    expect(projected(series)).toEqual(expected);
    expect(series.points[0]).toMatchObject({
      assay: 'Tumor-informed ctDNA (16-plex)',
      vendor: 'Example Lab',
      tumorInformed: true,
    });
  });

  it('a FHIR R4 Bundle', async () => {
    const series = await readCtdnaFile(write('bundle.json', json(storyBundle())));
    expect(series.warnings).toEqual([]);
    expect(projected(series)).toEqual(expected);
    const first = series.points[0]!;
    expect(first).toMatchObject({
      assay: 'Tumor-informed ctDNA (MTM/mL)',
      code: 'http://example.org/lab/codes|CTDNA-MRD',
      vendor: 'Example Lab',
      tumorInformed: true,
      specimenId: 'PL-1',
      reportDate: '2024-03-20',
    });
    // The tissue the colectomy yielded is a specimen, and the surgery names it.
    expect(series.specimens?.map((s) => s.id)).toContain('S24-1187-A2');
    expect(series.events.find((e) => e.type === 'surgery')?.specimenId).toBe('S24-1187-A2');
  });

  it('cBioPortal timeline files, with the diagnosis date as anchor', async () => {
    const parts = await Promise.all(timelineFiles().map((path) => readCtdnaFile(path, { anchorDate: DIAGNOSIS })));
    const series = mergeCtdnaSeries(parts);
    expect(series.warnings).toEqual([]);
    expect(series.axis).toBeUndefined();
    expect(projected(series)).toEqual(expected);
  });

  it('cBioPortal timeline files without an anchor: relative days, anchored later the same', async () => {
    const series = mergeCtdnaSeries(await Promise.all(timelineFiles().map((path) => readCtdnaFile(path))));
    expect(series.axis).toBe('relative-days');
    expect(series.points.map((p) => [p.date, p.day])).toEqual(
      DRAWS.map((d) => ['', Math.round((Date.parse(d.date) - Date.parse(DIAGNOSIS)) / 864e5)]),
    );
    expect(ctdnaInspectJson(series)).toMatchObject({ axis: 'relative-days', points: [{ day: 7 }, {}, {}, {}, {}, {}] });
    expect(projected(anchorCtdnaSeries(series, DIAGNOSIS))).toEqual(expected);
  });

  it('a folder of FHIR resources, one per file', async () => {
    const bundle = storyBundle();
    const paths = bundle.entry.map((e, i) => write(`resource-${i}.json`, json(e.resource)));
    const kinds = await Promise.all(paths.map((p) => sniffCtdnaForm(p)));
    // The Patient alone is not a ctDNA file; the others are FHIR.
    expect(kinds.filter((k) => k === 'fhir')).toHaveLength(paths.length - 1);
    const read = await Promise.all(paths.filter((_, i) => kinds[i] === 'fhir').map((p) => readCtdnaFile(p)));
    const series = mergeCtdnaSeries(read);
    expect(series.warnings).toEqual([]);
    expect(projected(series).points).toEqual(expected.points);
  });
});

describe('sniffCtdna', () => {
  it('tells each form by content, not by name', async () => {
    expect(await sniffCtdnaForm(write('a.txt', storyCsv()))).toBe('csv');
    expect(await sniffCtdnaForm(write('b.txt', json(storyJson())))).toBe('json');
    expect(await sniffCtdnaForm(write('c.txt', json(storyBundle())))).toBe('fhir');
    expect(await sniffCtdnaForm(write('d.csv', storyTimeline()['data_timeline_labtest.txt']!))).toBe('timeline');
    expect(await sniffCtdna(write('e.json', json({ resourceType: 'Patient', id: 'x' })))).toBe(false);
    expect(await sniffCtdna(write('f.json', json({ hello: 'world' })))).toBe(false);
    expect(await sniffCtdna(write('g.tsv', 'SAMPLE_ID\tVALUE\nx\t1\n'))).toBe(false);
  });
});

describe('our JSON: the published schema and the zod schema', () => {
  const schemaPath = resolve(import.meta.dirname, '../../../schemas/ctdna.schema.json');
  const published = JSON.parse(readFileSync(schemaPath, 'utf8'));

  it('the committed schemas/ctdna.schema.json is the one zod generates', () => {
    expect(published).toEqual(z.toJSONSchema(CtdnaJsonDocument));
  });

  const good: unknown[] = [
    storyJson(),
    { format: 'triptych-ctdna', version: 1, results: [] },
    {
      format: 'triptych-ctdna',
      version: 1,
      results: [{ date: '2025-01-01', status: 'DETECTED', value: 1.2, unit: 'copies/mL', comparator: '>', qualified: true }],
      variants: [{ date: '2025-01-01', gene: 'KRAS', proteinChange: 'p.G12D', vaf: 0.012, status: 'DETECTED' }],
      specimens: [{ id: 'T-1', date: '2024-12-01', type: 'tissue', sampleId: 'TUMOR' }],
    },
  ];
  const bad: Array<[string, unknown]> = [
    ['no marker', { version: 1, results: [] }],
    ['wrong version', { format: 'triptych-ctdna', version: 2, results: [] }],
    ['no results', { format: 'triptych-ctdna', version: 1 }],
    ['unknown status', { format: 'triptych-ctdna', version: 1, results: [{ date: '2025-01-01', status: 'MAYBE' }] }],
    ['a date not in ISO form', { format: 'triptych-ctdna', version: 1, results: [{ date: '01/02/2025', status: 'QNS' }] }],
    [
      'a negative value',
      { format: 'triptych-ctdna', version: 1, results: [{ date: '2025-01-01', status: 'DETECTED', value: -1 }] },
    ],
    [
      'an unknown field',
      { format: 'triptych-ctdna', version: 1, results: [{ date: '2025-01-01', status: 'QNS', colour: 'red' }] },
    ],
    [
      'a fractional count',
      { format: 'triptych-ctdna', version: 1, results: [{ date: '2025-01-01', status: 'QNS', variantsTracked: 1.5 }] },
    ],
    [
      'an unknown event type',
      { format: 'triptych-ctdna', version: 1, results: [], events: [{ type: 'party', label: 'x', start: '2025-01-01' }] },
    ],
    [
      'a VAF above 1',
      {
        format: 'triptych-ctdna',
        version: 1,
        results: [],
        variants: [{ date: '2025-01-01', gene: 'TP53', vaf: 12, status: 'DETECTED' }],
      },
    ],
  ];
  const validate = new Ajv2020({ strict: true, allErrors: true }).compile(published);

  it.each(good.map((doc, i) => [i, doc]))('good example %i: both accept', (_i, doc) => {
    expect(validate(doc)).toBe(true);
    expect(CtdnaJsonDocument.safeParse(doc).success).toBe(true);
  });
  it.each(bad)('bad example (%s): both refuse', (_name, doc) => {
    expect(validate(doc)).toBe(false);
    expect(CtdnaJsonDocument.safeParse(doc).success).toBe(false);
  });
});

describe('malformed input is named, never dropped silently', () => {
  it('JSON: each bad item rejected with its path and reason, the rest read', async () => {
    const doc = storyJson() as { results: unknown[]; events: unknown[] };
    doc.results.push(
      { date: '2025-02-30', status: 'DETECTED', value: 1 },
      { date: '2025-03-01', status: 'MAYBE' },
      { date: '2025-03-02', status: 'DETECTED', value: 1, variantsDetected: 17, variantsTracked: 16 },
    );
    doc.events.push({ type: 'treatment', label: 'FOLFIRI', start: '2025-03-01', end: '2025-02-01' });
    const series = await readCtdnaFile(write('bad-items.json', json(doc)));
    expect(series.points).toHaveLength(DRAWS.length);
    expect(series.warnings).toEqual([
      'bad-items.json results[6]: date "2025-02-30" is not a calendar date; rejected',
      expect.stringMatching(/^bad-items\.json results\[7\]: status: .*; rejected$/),
      'bad-items.json results[8]: variantsDetected 17 is more than variantsTracked 16; rejected',
      'bad-items.json events[5]: end 2025-02-01 is before start 2025-03-01; rejected',
    ]);
  });

  it('JSON: a file without the marker, of another version, or not JSON, is refused', async () => {
    expect(await refusal(write('nomark.json', json({ results: [] })))).toMatch(
      /neither a Triptych ctDNA document .* nor a FHIR resource/,
    );
    expect(await refusal(write('v2.json', json({ format: 'triptych-ctdna', version: 2, results: [] })))).toMatch(
      /^version 2 is not supported/,
    );
    expect(await refusal(write('broken.json', '{"format": "triptych-ctdna", "version": 1, "results": [}'))).toMatch(
      /^not valid JSON/,
    );
  });

  it('JSON and FHIR: mixed units in one series are refused, naming both', async () => {
    const doc = storyJson() as { results: Array<Record<string, unknown>> };
    doc.results[2]!.unit = 'copies/mL';
    expect(await refusal(write('units.json', json(doc)))).toBe(
      'results[2]: unit "copies/mL" differs from "MTM/mL" (results[0]); one series takes one unit',
    );
    const bundle = storyBundle();
    bundle.entry.push({
      resource: ctdnaObservation(
        { date: '2025-03-01', status: 'DETECTED', value: 3, detected: 2, specimen: 'PL-9' },
        'cp-1',
        PATIENT,
        'copies/mL',
      ),
    });
    expect(await refusal(write('units-fhir.json', json(bundle)))).toBe(
      'Observation/cp-1: unit "copies/mL" differs from "MTM/mL" (Observation/ctdna-1); one series takes one unit',
    );
  });

  it('FHIR: another patient, undated, unknown and non-ctDNA resources are named', async () => {
    const bundle = storyBundle({ otherPatient: true });
    const undated = ctdnaObservation(DRAWS[0]!, 'undated') as Record<string, unknown>;
    delete undated.effectiveDateTime;
    delete undated.specimen;
    bundle.entry.push(
      { resource: undated },
      {
        resource: {
          resourceType: 'Observation',
          id: 'cea-1',
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '2039-6', display: 'Carcinoembryonic Ag' }], text: 'CEA' },
          subject: { reference: `Patient/${PATIENT}` },
          effectiveDateTime: '2024-06-01',
          valueQuantity: { value: 3.1, unit: 'ng/mL' },
        },
      },
      { resource: { resourceType: 'Immunization', id: 'flu', subject: { reference: `Patient/${PATIENT}` } } },
      { resource: { resourceType: 'Procedure', id: 'void', status: 'entered-in-error', code: { text: 'x' } } },
    );
    const series = await readCtdnaFile(write('mixed-bundle.json', json(bundle)));
    expect(series.points).toHaveLength(DRAWS.length);
    expect(series.warnings).toEqual([
      `mixed-bundle.json holds 2 patients (Patient/${PATIENT}, Patient/OTHER-7); only Patient/${PATIENT} is read, the others' resources are ignored`,
      `mixed-bundle.json Observation/other-1: about Patient/OTHER-7, not Patient/${PATIENT}; ignored`,
      'mixed-bundle.json Procedure/void: status entered-in-error; ignored',
      'mixed-bundle.json Observation/undated: no effectiveDateTime; ignored',
      'mixed-bundle.json Observation/cea-1: "CEA" is not a ctDNA result; ignored',
      'mixed-bundle.json Immunization/flu: Immunization is not a resource Triptych reads for ctDNA; ignored',
    ]);
  });

  it('FHIR: the files of another patient in a folder are left out, named', async () => {
    const ours = write('obs-ours.json', json(ctdnaObservation(DRAWS[0]!, 'a')));
    const theirs = write('obs-theirs.json', json(ctdnaObservation(DRAWS[1]!, 'b', 'SOMEONE-ELSE')));
    const series = mergeCtdnaSeries([await readCtdnaFile(ours), await readCtdnaFile(theirs)]);
    expect(series.points).toHaveLength(1);
    expect(series.warnings).toEqual([
      `obs-theirs.json: about Patient/SOMEONE-ELSE, not Patient/${PATIENT} (the case's patient); file ignored`,
    ]);
  });

  it('FHIR: administrations of one drug make one course; a variant VAF Observation is a VAF', async () => {
    const dose = (id: string, date: string) => ({
      resourceType: 'MedicationAdministration',
      id,
      status: 'completed',
      medicationCodeableConcept: {
        coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '1597876', display: 'nivolumab' }],
      },
      subject: { reference: `Patient/${PATIENT}` },
      effectiveDateTime: date,
    });
    const vaf = {
      resourceType: 'Observation',
      id: 'vaf-1',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '69548-6', display: 'Genetic variant assessment' }] },
      subject: { reference: `Patient/${PATIENT}` },
      effectiveDateTime: '2024-11-27',
      valueCodeableConcept: { coding: [{ system: 'http://loinc.org', code: 'LA9633-4', display: 'Present' }] },
      component: [
        {
          code: { coding: [{ system: 'http://loinc.org', code: '48018-6' }] },
          valueCodeableConcept: { coding: [{ system: 'http://www.genenames.org/geneId', code: 'HGNC:6407', display: 'KRAS' }] },
        },
        { code: { coding: [{ system: 'http://loinc.org', code: '48005-3' }] }, valueCodeableConcept: { text: 'p.G12D' } },
        { code: { coding: [{ system: 'http://loinc.org', code: '81258-6' }] }, valueQuantity: { value: 0.0042 } },
      ],
    };
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [dose('d1', '2025-01-06'), dose('d2', '2025-01-20'), dose('d3', '2025-02-03'), dose('d4', '2025-06-02'), vaf].map(
        (resource) => ({ resource }),
      ),
    };
    const series = await readCtdnaFile(write('doses.json', json(bundle)));
    expect(series.warnings).toEqual([]);
    expect(series.events).toEqual([
      { type: 'treatment', label: 'nivolumab', start: '2025-01-06', end: '2025-02-03' },
      { type: 'treatment', label: 'nivolumab', start: '2025-06-02' },
    ]);
    expect(series.variants).toEqual([
      { date: '2024-11-27', gene: 'KRAS', proteinChange: 'p.G12D', vaf: 0.0042, status: 'DETECTED' },
    ]);
  });

  it('timeline: other patients, other lab tests and bad rows are named with their lines', async () => {
    const text = [
      '#Timeline of a test study',
      'PATIENT_ID\tSTART_DATE\tSTOP_DATE\tEVENT_TYPE\tTEST\tRESULT\tAGENT',
      `${PATIENT}\t7\t\tLAB_TEST\tctDNA\t22.4 MTM/mL\t`,
      `${PATIENT}\t60\t\tLAB_TEST\tCEA\t3.1\t`,
      `${PATIENT}\t61\t\tLAB_TEST\tCEA\t2.9\t`,
      'P-OTHER\t12\t\tLAB_TEST\tctDNA\t1.0\t',
      `${PATIENT}\tday 9\t\tLAB_TEST\tctDNA\t1\t`,
      `${PATIENT}\t90\t30\tTREATMENT\t\t\tFOLFOX`,
      `${PATIENT}\t95\t\tLAB_TEST\tctDNA\tsoon\t`,
      `${PATIENT}\t120\t\tLAB_TEST\tctDNA\t<0.02\t`,
    ].join('\n');
    const series = await readCtdnaFile(write('data_timeline_mixed.txt', text));
    expect(series.axis).toBe('relative-days');
    expect(series.points.map((p) => [p.day, p.status, p.value, p.unit])).toEqual([
      [7, 'DETECTED', 22.4, 'MTM/mL'],
      [120, 'NOT_DETECTED', null, 'MTM/mL'],
    ]);
    expect(series.warnings).toEqual([
      'data_timeline_mixed.txt: 1 row of patient P-OTHER (line 6) ignored: this case is patient CRC-0042',
      'data_timeline_mixed.txt: LAB_TEST "CEA" (2 rows) is not a ctDNA test; ignored',
      'data_timeline_mixed.txt line 7: START_DATE "day 9" is not a whole number of days; row rejected',
      'data_timeline_mixed.txt line 8: STOP_DATE 30 is before START_DATE 90; row rejected',
      'data_timeline_mixed.txt line 9: RESULT "soon" is neither a number nor DETECTED / NOT DETECTED / INDETERMINATE / QNS; row rejected',
    ]);
  });

  it('timeline: mixed units refused; a timeline beside dated files without anchor is left out, named', async () => {
    const mixed =
      'PATIENT_ID\tSTART_DATE\tSTOP_DATE\tEVENT_TYPE\tTEST\tRESULT\nP\t1\t\tLAB_TEST\tctDNA\t2 MTM/mL\nP\t9\t\tLAB_TEST\tctDNA\t5 copies/mL\n';
    expect(await refusal(write('data_timeline_units.txt', mixed))).toBe(
      'line 3: unit "copies/mL" differs from "MTM/mL" (line 2); one series takes one unit',
    );
    const dated = await readCtdnaFile(write('dated.csv', storyCsv()));
    const relative = await readCtdnaFile(write('data_timeline_lab.txt', storyTimeline()['data_timeline_labtest.txt']!));
    const merged = mergeCtdnaSeries([dated, relative]);
    expect(merged.points).toHaveLength(DRAWS.length);
    expect(merged.warnings).toEqual([
      expect.stringMatching(
        /^data_timeline_lab\.txt: days counted from an anchor the case does not give .* its 6 results and 0 events are left out$/,
      ),
    ]);
    expect(mergeCtdnaSeries([dated, relative], { anchorDate: DIAGNOSIS }).points).toHaveLength(2 * DRAWS.length);
  });

  it('CSV: per-variant VAFs in wide columns and in a long table; bad cells named', async () => {
    const wide = write(
      'wide.csv',
      'date,value,unit,status,VAF KRAS p.G12D,VAF TP53 p.R175H\n2024-03-11,22.4,MTM/mL,DETECTED,1.2%,0.008\n2024-05-02,,MTM/mL,ND,ND,12\n',
    );
    const series = await readCtdnaFile(wide);
    expect(series.variants).toEqual([
      { date: '2024-03-11', gene: 'KRAS', proteinChange: 'p.G12D', vaf: 0.012, status: 'DETECTED' },
      { date: '2024-03-11', gene: 'TP53', proteinChange: 'p.R175H', vaf: 0.008, status: 'DETECTED' },
      { date: '2024-05-02', gene: 'KRAS', proteinChange: 'p.G12D', vaf: null, status: 'NOT_DETECTED' },
    ]);
    expect(series.warnings).toEqual([
      'wide.csv line 3: column "VAF TP53 p.R175H": vaf "12" is more than 1: write a fraction (0.125) or a percentage (12.5%); cell ignored',
    ]);
    const long = write(
      'variants.csv',
      'date,gene,protein_change,vaf,status\n2024-03-11,KRAS,p.G12D,0.012,DETECTED\n2024-05-02,KRAS,p.G12D,,NOT_DETECTED\n2024-05-02,,p.X,0.1,\n',
    );
    const table = await readCtdnaFile(long);
    expect(table.variants?.map((v) => [v.date, v.vaf, v.status])).toEqual([
      ['2024-03-11', 0.012, 'DETECTED'],
      ['2024-05-02', null, 'NOT_DETECTED'],
    ]);
    expect(table.warnings).toEqual(['variants.csv line 4: no gene; row rejected']);
  });
});

describe('triptych inspect FILE', () => {
  const BIN = resolve(import.meta.dirname, '../../../bin/triptych.mjs');
  const run = (path: string) =>
    promisify(execFile)(process.execPath, [BIN, 'inspect', path], { timeout: 60_000 }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('prints points sorted by date, events and warnings for a FHIR Bundle', async () => {
    const shuffled = storyBundle();
    shuffled.entry.reverse();
    const { code, stdout } = await run(write('inspect-bundle.json', json(shuffled)));
    expect(code).toBe(0);
    const printed = JSON.parse(stdout);
    expect(printed.kind).toBe('ctdna');
    expect(printed.points).toEqual(JSON.parse(JSON.stringify(EXPECTED.points)));
    expect(printed.events).toEqual(JSON.parse(JSON.stringify(EXPECTED.events)));
    expect(printed.warnings).toEqual([]);
  });

  it('says what is wrong in one line and exits with 2', async () => {
    const { code, stdout, stderr } = await run(
      write('inspect-v9.json', json({ format: 'triptych-ctdna', version: 9, results: [] })),
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^error: .*inspect-v9\.json: version 9 is not supported/);
  }, 60_000);
}, 120_000);
