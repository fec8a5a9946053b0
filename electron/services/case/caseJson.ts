import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { Patient } from '../../../shared/model/case.js';
// ---- HealthOmics (#10) ----
import { parseOmicsUrl, type OmicsResource } from '../../../shared/model/healthOmics.js';

const omicsEntry = (kind: OmicsResource['kind'], form: string) =>
  z
    .object({
      url: z
        .string()
        .max(2000)
        .refine((u) => parseOmicsUrl(u)?.kind === kind, `a URL of the form ${form}`),
      label: z.string().max(500).optional(),
    })
    .strict();

/** HealthOmics data of the patient: read sets, references, workflow runs and their output files. */
export const CaseJsonHealthOmics = z
  .object({
    readSets: z.array(omicsEntry('read-set', 'omics://REGION/SEQUENCE_STORE_ID/READ_SET_ID')).max(200).optional(),
    references: z.array(omicsEntry('reference', 'omics-reference://REGION/REFERENCE_STORE_ID/REFERENCE_ID')).max(50).optional(),
    runs: z.array(omicsEntry('run', 'omics-run://REGION/RUN_ID')).max(200).optional(),
    runOutputs: z
      .array(omicsEntry('s3', 's3://BUCKET/KEY'))
      .max(500)
      .optional()
      .describe('VCF / SEG files a run wrote (their index beside them)'),
  })
  .strict();
export type CaseJsonHealthOmics = z.infer<typeof CaseJsonHealthOmics>;
// ---- end HealthOmics ----
// ---- HealthImaging (#9) ----
import { HealthImagingRef } from '../../../shared/model/healthImaging.js';
// ---- end HealthImaging ----

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'a date as YYYY-MM-DD');
const relativePath = z
  .string()
  .min(1)
  .max(1000)
  .refine(
    (p) => !p.startsWith('/') && !/^[A-Za-z]:/.test(p) && !p.split(/[\\/]/).includes('..'),
    'a path inside the case folder',
  );

/** A specimen in case.json: which slides and variant files come from it (paths in the case folder). */
export const CaseJsonSpecimen = z
  .object({
    id: z.string().min(1).max(200),
    type: z.enum(['tissue', 'plasma', 'blood', 'other']),
    site: z.string().max(500).optional(),
    collected: isoDate.optional(),
    label: z.string().max(1000).optional(),
    slides: z.array(relativePath).optional().describe('Slide files (any file of the series) or folders of this specimen'),
    variantFiles: z.array(relativePath).optional(),
    sampleId: z.string().max(200).optional().describe('The sample name its variant files use, e.g. TUMOR'),
  })
  .strict();

/**
 * The optional `case.json` of a case folder; published as schemas/case.schema.json (generated from
 * this, and checked to be the same by a test).
 */
export const CaseJson = z
  .object({
    $schema: z.string().optional(),
    title: z.string().max(500).optional(),
    patient: Patient.extend({ diagnosisDate: isoDate.optional(), birthDate: isoDate.optional() }).strict().optional(),
    genomeBuild: z.enum(['GRCh38', 'GRCh37']).optional().describe('The build the variant files should be on'),
    specimens: z.array(CaseJsonSpecimen).max(1000).optional(),
    labels: z.record(relativePath, z.string().max(500)).optional().describe('A display label per file of the case'),
    healthOmics: CaseJsonHealthOmics.optional().describe('AWS HealthOmics read sets, references and run outputs of the patient'),
    // ---- HealthImaging (#9) ----
    healthImaging: z
      .array(HealthImagingRef)
      .max(200)
      .optional()
      .describe('Whole-slide images of the patient in AWS HealthImaging, shown in the slide pane like local slides'),
    // ---- end HealthImaging ----
  })
  .strict()
  .describe('A Triptych case: the patient, the specimens, and which files of the folder come from which specimen.');
export type CaseJson = z.infer<typeof CaseJson>;

export const caseJsonSchema = (): unknown => ({
  $id: 'https://triptych.invalid/schemas/case.schema.json',
  ...z.toJSONSchema(CaseJson, { target: 'draft-2020-12' }),
});

/**
 * Read and check case.json. A problem becomes a warning naming the field, never a failed case;
 * what is valid in a partly wrong file (title, patient) is still used.
 */
export async function readCaseJson(path: string, displayName: string): Promise<{ value: CaseJson; warnings: string[] }> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    return { value: {}, warnings: [`${displayName}: not valid JSON (${(error as Error).message})`] };
  }
  const parsed = CaseJson.safeParse(data);
  if (parsed.success) return { value: parsed.data, warnings: [] };
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  const partial = z.object({ title: CaseJson.shape.title, patient: CaseJson.shape.patient }).safeParse(data);
  return { value: partial.success ? partial.data : {}, warnings: [`${displayName}: ${problems}`] };
}
