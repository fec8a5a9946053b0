/** Our ctDNA CSV forms: results, events, both in one file; rejected rows named; units kept apart. */
import { describe, expect, it } from 'vitest';
import type { CtdnaSeries } from '../../../shared/model/ctdna.js';
import { ServiceError } from '../../../electron/services/errors.js';
import { mergeCtdnaSeries, readCtdnaFile, sniffCtdna } from '../../../electron/services/ctdna/readCtdnaFile.js';
import { tempFolder } from '../variants/tempFiles.js';

const write = tempFolder('ctdna');
const RESULTS_HEADER =
  'date,value,unit,status,lod,variants_detected,variants_tracked,comparator,assay,specimen_id,report_date,qualified';

async function refusal(path: string): Promise<string> {
  const error = await readCtdnaFile(path).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ServiceError);
  expect((error as ServiceError).file).toBe(path);
  return (error as ServiceError).message;
}

describe('results CSV', () => {
  it('reads every column, sorts by date, accepts status abbreviations', async () => {
    const path = write(
      'results.csv',
      [
        RESULTS_HEADER,
        '2025-06-03,,MTM/mL,ND,0.01,0,16,,Assay X,PL-05,2025-06-12,false',
        '2025-01-21,48.2,MTM/mL,DET,0.01,14,16,,"Assay X, v2",PL-01,2025-02-14,no',
        '2025-10-07,,MTM/mL,ind,0.01,1,16,,Assay X,PL-09,2025-10-16,yes',
        '2025-07-01,,MTM/mL,QNS,0.01,,16,,Assay X,PL-06,2025-07-09,',
      ].join('\n'),
    );
    const series = await readCtdnaFile(path);
    expect(series.warnings).toEqual([]);
    expect(series.events).toEqual([]);
    expect(series.points.map((p) => [p.date, p.status, p.value])).toEqual([
      ['2025-01-21', 'DETECTED', 48.2],
      ['2025-06-03', 'NOT_DETECTED', null],
      ['2025-07-01', 'QNS', null],
      ['2025-10-07', 'INDETERMINATE', null],
    ]);
    expect(series.points[0]).toEqual({
      date: '2025-01-21',
      value: 48.2,
      unit: 'MTM/mL',
      status: 'DETECTED',
      lod: 0.01,
      variantsDetected: 14,
      variantsTracked: 16,
      assay: 'Assay X, v2',
      specimenId: 'PL-01',
      reportDate: '2025-02-14',
      qualified: false,
    });
  });

  it('rejects malformed rows one by one, naming file, line and reason', async () => {
    const path = write(
      'bad-rows.csv',
      [
        RESULTS_HEADER,
        '2025-01-21,48.2,MTM/mL,DETECTED,0.01,14,16,,,,,',
        '01/21/2025,1,MTM/mL,DETECTED,,,,,,,,',
        '2025-02-30,1,MTM/mL,DETECTED,,,,,,,,',
        '2025-03-01,abc,MTM/mL,DETECTED,,,,,,,,',
        '2025-03-02,1,MTM/mL,MAYBE,,,,,,,,',
        '2025-03-03,1,MTM/mL,,,,,,,,,',
        '2025-03-04,1,MTM/mL,DETECTED,,17,16,,,,,',
        '2025-03-05,1,MTM/mL,DETECTED,,1.5,16,,,,,',
        '2025-03-06,1,MTM/mL,DETECTED,,,,~,,,,',
        '2025-03-07,1,MTM/mL,DETECTED,,,,,,,,perhaps',
        '2025-03-08,-2,MTM/mL,DETECTED,,,,,,,,',
        '2025-03-09,1,MTM/mL',
        '2025-03-10,0.5,MTM/mL,DETECTED,,,,,,,2025-03-01,',
        '2025-03-11,0.3,MTM/mL,NOT_DETECTED,,,,,,,,',
      ].join('\r\n'),
    );
    const series = await readCtdnaFile(path);
    expect(series.points.map((p) => p.date)).toEqual(['2025-01-21', '2025-03-10', '2025-03-11']);
    expect(series.points[2]!.value).toBeNull();
    expect(series.warnings).toEqual([
      'bad-rows.csv line 3: date "01/21/2025" is not an ISO 8601 date (YYYY-MM-DD); row rejected',
      'bad-rows.csv line 4: date "2025-02-30" is not an ISO 8601 date (YYYY-MM-DD); row rejected',
      'bad-rows.csv line 5: value "abc" is not a number ≥ 0; row rejected',
      'bad-rows.csv line 6: status "MAYBE" is not DETECTED, NOT_DETECTED, INDETERMINATE or QNS; row rejected',
      'bad-rows.csv line 7: no status; row rejected',
      'bad-rows.csv line 8: variants_detected 17 is more than variants_tracked 16; row rejected',
      'bad-rows.csv line 9: variants_detected "1.5" is not a whole number ≥ 0; row rejected',
      'bad-rows.csv line 10: comparator "~" is not one of < <= > >= =; row rejected',
      'bad-rows.csv line 11: qualified "perhaps" is not true or false; row rejected',
      'bad-rows.csv line 12: value "-2" is not a number ≥ 0; row rejected',
      'bad-rows.csv line 13: 3 cells where the header has 12; row rejected',
      'bad-rows.csv line 14: report_date 2025-03-01 is before the draw date 2025-03-10',
      'bad-rows.csv line 15: value 0.3 ignored for a NOT_DETECTED result',
    ]);
  });

  it('refuses a series in two units, naming both lines', async () => {
    const path = write(
      'units.csv',
      'date,value,unit,status\n2025-01-01,1,MTM/mL,DETECTED\n2025-02-01,,,ND\n2025-03-01,40,copies/mL,DETECTED\n',
    );
    expect(await refusal(path)).toBe('line 4: unit "copies/mL" differs from "MTM/mL" (line 2); one series takes one unit');
  });

  it('fills a missing unit from the series, or MTM/mL; one spelling per series', async () => {
    const mixedCase = await readCtdnaFile(
      write('case.csv', 'date,value,unit,status\n2025-01-01,1,MTM/ml,DETECTED\n2025-02-01,,,ND\n2025-03-01,2,MTM/mL,DETECTED\n'),
    );
    expect(mixedCase.points.map((p) => p.unit)).toEqual(['MTM/ml', 'MTM/ml', 'MTM/ml']);
    const none = await readCtdnaFile(write('nounit.csv', 'date,value,unit,status\n2025-02-01,,,ND\n'));
    expect(none.points[0]!.unit).toBe('MTM/mL');
  });

  it('reads "<0.05" in the value cell as comparator and value; keeps date-times as their date', async () => {
    const series = await readCtdnaFile(
      write('inline.csv', 'Date,Value,Unit,Status\n2025-01-01T23:30:00-05:00,<0.05,MTM/mL,INDETERMINATE\n'),
    );
    expect(series.points[0]).toMatchObject({ date: '2025-01-01', value: 0.05, comparator: '<', status: 'INDETERMINATE' });
  });
});

describe('events CSV', () => {
  it('reads events in date order and rejects bad ones', async () => {
    const path = write(
      'events.csv',
      [
        'type,label,start,end,result',
        'imaging,CT chest/abdomen/pelvis,2026-03-03,,progression: new pelvic nodes',
        'Surgery,Radical cystectomy,2025-05-06,,',
        'treatment,Adjuvant nivolumab,2025-06-16,2026-03-10,',
        'treatment,Backwards,2025-06-16,2025-01-01,',
        'party,Cake,2025-01-01,,',
        'imaging,,2025-01-01,,',
        'imaging,CT,soon,,',
      ].join('\n'),
    );
    const series = await readCtdnaFile(path);
    expect(series.events).toEqual([
      { type: 'surgery', label: 'Radical cystectomy', start: '2025-05-06' },
      { type: 'treatment', label: 'Adjuvant nivolumab', start: '2025-06-16', end: '2026-03-10' },
      { type: 'imaging', label: 'CT chest/abdomen/pelvis', start: '2026-03-03', result: 'progression: new pelvic nodes' },
    ]);
    expect(series.warnings).toEqual([
      'events.csv line 5: end 2025-01-01 is before start 2025-06-16; row rejected',
      'events.csv line 6: type "party" is not one of surgery, biopsy, treatment, imaging, diagnosis, other; row rejected',
      'events.csv line 7: no label; row rejected',
      'events.csv line 8: start "soon" is not an ISO 8601 date (YYYY-MM-DD); row rejected',
    ]);
  });
});

describe('results and events in one file', () => {
  it('dispatches rows by record_type', async () => {
    const path = write(
      'combined.csv',
      [
        'record_type,date,value,unit,status,type,label,start,end,result',
        'result,2025-01-21,48.2,MTM/mL,DETECTED,,,,,',
        'event,,,,,surgery,Radical cystectomy,2025-05-06,,',
        'Results,2025-06-03,,MTM/mL,NOT_DETECTED,,,,,',
        'note,,,,,,,,,',
      ].join('\n'),
    );
    const series = await readCtdnaFile(path);
    expect(series.points.map((p) => p.status)).toEqual(['DETECTED', 'NOT_DETECTED']);
    expect(series.events.map((e) => e.label)).toEqual(['Radical cystectomy']);
    expect(series.warnings).toEqual(['combined.csv line 5: record_type "note" is not result or event; row rejected']);
  });
});

describe('files that are refused', () => {
  it('an empty file', async () => expect(await refusal(write('empty.csv', ''))).toBe('line 1: the file is empty'));
  it('other CSVs', async () => expect(await refusal(write('other.csv', 'name,age\nx,1\n'))).toMatch(/^line 1: not a ctDNA CSV/));
  it('a missing file', async () => expect(await refusal('/nonexistent/triptych.csv')).toBe('the file does not exist'));
  it('a header alone is an empty series with a warning', async () => {
    expect(await readCtdnaFile(write('header.csv', `${RESULTS_HEADER}\n`))).toEqual({
      points: [],
      events: [],
      warnings: ['header.csv: no rows after the header'],
    });
  });
});

describe('sniffCtdna', () => {
  it('recognizes the three forms by their header, nothing else', async () => {
    expect(await sniffCtdna(write('a.txt', `\uFEFF${RESULTS_HEADER}\n`))).toBe(true);
    expect(await sniffCtdna(write('b.txt', 'Type,Label,Start\n'))).toBe(true);
    expect(await sniffCtdna(write('c.txt', 'record_type,type,label,start\n'))).toBe(true);
    expect(await sniffCtdna(write('d.txt', 'Hugo_Symbol\tChromosome\n'))).toBe(false);
    expect(await sniffCtdna(write('e.txt', ''))).toBe(false);
    expect(await sniffCtdna('/nonexistent/x.csv')).toBe(false);
  });
});

describe('mergeCtdnaSeries', () => {
  const point = (date: string, unit = 'MTM/mL'): CtdnaSeries['points'][number] => ({ date, value: 1, unit, status: 'DETECTED' });
  it('sorts points and events, concatenates warnings', () => {
    const merged = mergeCtdnaSeries([
      { points: [point('2025-03-01')], events: [{ type: 'surgery', label: 'B', start: '2025-05-06' }], warnings: ['a'] },
      { points: [point('2025-01-01')], events: [{ type: 'diagnosis', label: 'A', start: '2025-01-08' }], warnings: ['b'] },
    ]);
    expect(merged.points.map((p) => p.date)).toEqual(['2025-01-01', '2025-03-01']);
    expect(merged.events.map((e) => e.label)).toEqual(['A', 'B']);
    expect(merged.warnings).toEqual(['a', 'b']);
  });
  it('warns when files use different units', () => {
    const merged = mergeCtdnaSeries([
      { points: [point('2025-01-01')], events: [], warnings: [] },
      { points: [point('2025-02-01', 'copies/mL')], events: [], warnings: [] },
    ]);
    expect(merged.warnings).toEqual(['the ctDNA results use several units (MTM/mL, copies/mL): compare values with care']);
  });
  it('merges nothing into an empty series', () => expect(mergeCtdnaSeries([])).toEqual({ points: [], events: [], warnings: [] }));
});
