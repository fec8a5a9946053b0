/** The demo case's case.json: the (synthetic) patient, a title, and the specimens the data came from. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_PLASMA_DRAWS } from './demoCtdna.js';

const TISSUE_SPECIMENS = [
  {
    id: 'TS-25-0108-A1',
    type: 'tissue',
    site: 'Urinary bladder, left lateral wall',
    collected: '2025-01-08',
    label: 'TURBT, bladder tumor (FFPE); somatic VCF sample TUMOR',
    slides: ['slides'],
    variantFiles: ['variants/tumor_vs_normal.somatic.vcf.gz'],
    sampleId: 'TUMOR',
  },
  { id: 'TS-25-0506-B3', type: 'tissue', collected: '2025-05-06', label: 'Radical cystectomy, residual tumor (FFPE)' },
];

export const DEMO_CASE = {
  $schema: 'https://triptych.invalid/schemas/case.schema.json',
  patient: {
    id: 'TRIPTYCH-DEMO-0001',
    name: 'DEMO^SYNTHETIC',
    sex: 'F',
    birthDate: '1958-03-14',
    diagnosis: 'Muscle-invasive urothelial carcinoma of the bladder',
    diagnosisDate: '2025-01-08',
  },
  title: 'Synthetic demo — bladder cancer',
  genomeBuild: 'GRCh38',
  specimens: [
    ...TISSUE_SPECIMENS,
    ...DEMO_PLASMA_DRAWS.map((draw) => ({
      id: draw.specimenId,
      type: 'plasma',
      collected: draw.date,
      label: 'Plasma, ctDNA draw',
    })),
  ],
};

/** Writes case.json under `outDir`; returns its path. */
export async function generateDemoCaseJson(outDir: string): Promise<string> {
  const path = join(outDir, 'case.json');
  await writeFile(path, `${JSON.stringify(DEMO_CASE, null, 2)}\n`);
  return path;
}
