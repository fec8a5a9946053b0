/**
 * The demo case's ctDNA results and clinical events (synthetic, deterministic): a tumor-informed
 * assay tracking 16 variants, in MTM/mL. The story: positive at diagnosis, falling through
 * neoadjuvant chemotherapy, not detected after cystectomy, then molecular relapse on adjuvant
 * nivolumab months before CT shows new pelvic nodes. results.csv also carries per-variant VAFs of
 * five tracked variants (wide `VAF <gene> <protein>` columns); events.csv names the tissue specimens
 * the TURBT and the cystectomy yielded (the slide's and the VCF's).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CtdnaEventType, CtdnaStatus } from '../../../shared/model/ctdna.js';
import { EVENT_COLUMNS, RESULT_COLUMNS } from '../ctdna/csvLayout.js';

const ASSAY = 'Tumor-informed ctDNA 16-plex (synthetic)';
const UNIT = 'MTM/mL';
const VENDOR = 'Synthetic Genomics Lab';
const LOD = 0.01;
const TRACKED = 16;

export type DemoPlasmaDraw = {
  specimenId: string;
  date: string;
  reportDate: string;
  status: CtdnaStatus;
  value?: number;
  detected?: number;
  qualified?: boolean;
};

/** Every plasma draw of the demo; case.json lists the same specimens. */
export const DEMO_PLASMA_DRAWS: DemoPlasmaDraw[] = [
  { specimenId: 'PL-01', date: '2025-01-21', reportDate: '2025-02-14', status: 'DETECTED', value: 48.2, detected: 14 },
  { specimenId: 'PL-02', date: '2025-02-18', reportDate: '2025-02-27', status: 'DETECTED', value: 12.6, detected: 11 },
  { specimenId: 'PL-03', date: '2025-03-18', reportDate: '2025-03-27', status: 'DETECTED', value: 1.45, detected: 6 },
  { specimenId: 'PL-04', date: '2025-04-22', reportDate: '2025-04-30', status: 'DETECTED', value: 0.21, detected: 3 },
  { specimenId: 'PL-05', date: '2025-06-03', reportDate: '2025-06-12', status: 'NOT_DETECTED', detected: 0 },
  { specimenId: 'PL-06', date: '2025-07-01', reportDate: '2025-07-09', status: 'QNS' },
  { specimenId: 'PL-07', date: '2025-07-15', reportDate: '2025-07-24', status: 'NOT_DETECTED', detected: 0 },
  { specimenId: 'PL-08', date: '2025-08-26', reportDate: '2025-09-04', status: 'NOT_DETECTED', detected: 0 },
  { specimenId: 'PL-09', date: '2025-10-07', reportDate: '2025-10-16', status: 'INDETERMINATE', detected: 1, qualified: true },
  { specimenId: 'PL-10', date: '2025-11-04', reportDate: '2025-11-13', status: 'DETECTED', value: 0.08, detected: 2 },
  { specimenId: 'PL-11', date: '2025-12-09', reportDate: '2025-12-18', status: 'DETECTED', value: 0.9, detected: 5 },
  { specimenId: 'PL-12', date: '2026-01-20', reportDate: '2026-01-29', status: 'DETECTED', value: 6.4, detected: 9 },
  { specimenId: 'PL-13', date: '2026-02-24', reportDate: '2026-03-05', status: 'DETECTED', value: 17.9, detected: 12 },
];

/**
 * Per-variant VAFs (fractions) of five of the tracked variants, one column per draw of
 * DEMO_PLASMA_DRAWS: 'ND' not detected, undefined not assayed (QNS). The clonal drivers fall and
 * return together; the subclonal TP53 R273H clears first and comes back last.
 */
export const DEMO_VARIANT_VAFS: Array<{ gene: string; protein: string; vafs: Array<number | 'ND' | undefined> }> = [
  // prettier-ignore
  { gene: 'FGFR3', protein: 'p.S249C', vafs: [0.031, 0.0085, 0.0011, 0.00018, 'ND', undefined, 'ND', 'ND', 0.00006, 0.00009, 0.0007, 0.0046, 0.0128] },
  // prettier-ignore
  { gene: 'KDM6A', protein: 'p.Q555*', vafs: [0.038, 0.0102, 0.0013, 0.00021, 'ND', undefined, 'ND', 'ND', 'ND', 'ND', 0.0008, 0.0052, 0.0141] },
  // prettier-ignore
  { gene: 'TP53', protein: 'p.R248Q', vafs: [0.027, 0.0071, 0.0008, 0.00012, 'ND', undefined, 'ND', 'ND', 'ND', 0.00007, 0.0006, 0.0039, 0.0109] },
  // prettier-ignore
  { gene: 'PIK3CA', protein: 'p.E545K', vafs: [0.016, 0.004, 0.0005, 'ND', 'ND', undefined, 'ND', 'ND', 'ND', 'ND', 0.0003, 0.0021, 0.0064] },
  // prettier-ignore
  { gene: 'TP53', protein: 'p.R273H', vafs: [0.006, 0.0011, 'ND', 'ND', 'ND', undefined, 'ND', 'ND', 'ND', 'ND', 'ND', 0.0004, 0.0019] },
];

type DemoEvent = { type: CtdnaEventType; label: string; start: string; end?: string; result?: string; specimenId?: string };

export const DEMO_EVENTS: DemoEvent[] = [
  {
    type: 'diagnosis',
    label: 'TURBT: muscle-invasive urothelial carcinoma',
    start: '2025-01-08',
    result: 'high-grade, pT2',
    specimenId: 'TS-25-0108-A1',
  },
  { type: 'imaging', label: 'CT chest/abdomen/pelvis (staging)', start: '2025-01-14', result: 'cT2 N0 M0' },
  { type: 'treatment', label: 'Neoadjuvant gemcitabine + cisplatin (4 cycles)', start: '2025-01-27', end: '2025-04-07' },
  {
    type: 'imaging',
    label: 'CT chest/abdomen/pelvis (restaging)',
    start: '2025-04-24',
    result: 'partial response, no nodal disease',
  },
  {
    type: 'surgery',
    label: 'Radical cystectomy + pelvic lymph node dissection',
    start: '2025-05-06',
    result: 'ypT1 N0 (0/22), margins negative',
    specimenId: 'TS-25-0506-B3',
  },
  { type: 'treatment', label: 'Adjuvant nivolumab', start: '2025-06-16', end: '2026-03-10' },
  { type: 'imaging', label: 'CT chest/abdomen/pelvis', start: '2025-08-19', result: 'NED' },
  { type: 'imaging', label: 'CT chest/abdomen/pelvis', start: '2025-11-18', result: 'NED' },
  { type: 'imaging', label: 'CT chest/abdomen/pelvis', start: '2026-03-03', result: 'progression: new pelvic nodes' },
];

/** RFC 4180: quote a cell that holds a comma, quote or line break. */
const csvCell = (value: string | number | boolean | undefined): string => {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const csvLine = (cells: Array<string | number | boolean | undefined>): string => `${cells.map(csvCell).join(',')}\n`;

function resultsCsv(): string {
  // The documented results columns, in their order (the rows below follow it), then the wide VAFs.
  const header = csvLine([...RESULT_COLUMNS, ...DEMO_VARIANT_VAFS.map((v) => `VAF ${v.gene} ${v.protein}`)]);
  const rows = DEMO_PLASMA_DRAWS.map((draw, i) =>
    csvLine([
      draw.date,
      draw.value,
      UNIT,
      draw.status,
      LOD,
      draw.detected,
      TRACKED,
      undefined,
      ASSAY,
      draw.specimenId,
      draw.reportDate,
      draw.qualified ?? false,
      VENDOR,
      true,
      ...DEMO_VARIANT_VAFS.map((v) => v.vafs[i]),
    ]),
  );
  return header + rows.join('');
}

function eventsCsv(): string {
  return (
    csvLine([...EVENT_COLUMNS]) +
    DEMO_EVENTS.map((event) => csvLine([event.type, event.label, event.start, event.end, event.result, event.specimenId])).join(
      '',
    )
  );
}

/** Writes ctdna/results.csv and ctdna/events.csv under `outDir`; returns the paths written. */
export async function generateDemoCtdna(outDir: string): Promise<string[]> {
  const folder = join(outDir, 'ctdna');
  await mkdir(folder, { recursive: true });
  const results = join(folder, 'results.csv');
  const events = join(folder, 'events.csv');
  await writeFile(results, resultsCsv());
  await writeFile(events, eventsCsv());
  return [results, events];
}
