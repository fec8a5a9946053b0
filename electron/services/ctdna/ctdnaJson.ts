/**
 * Our own ctDNA JSON form. `CtdnaJsonDocument` is the one definition: the reader validates with it
 * and `schemas/ctdna.schema.json` is generated from it (`z.toJSONSchema`; a test keeps the two
 * equal). See docs/ctdna-json.md.
 */
import { z } from 'zod';
import { CtdnaEventType, CtdnaStatus } from '../../../shared/model/ctdna.js';

export const CTDNA_JSON_FORMAT = 'triptych-ctdna';
export const CTDNA_JSON_VERSION = 1;

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('ISO 8601 calendar date, YYYY-MM-DD');
const Text = z.string().min(1);
const Count = z.int().min(0);

export const CtdnaJsonResult = z
  .strictObject({
    date: IsoDate.describe('Collection (blood draw) date'),
    reportDate: IsoDate.optional(),
    value: z.number().min(0).nullable().optional().describe('ctDNA level; null or absent when not detected'),
    unit: Text.optional().describe("Unit of value and lod; the document's unit when absent"),
    status: CtdnaStatus,
    comparator: z.enum(['<', '<=', '>', '>=', '=']).optional(),
    lod: z.number().min(0).optional().describe('Limit of detection, in the unit of value'),
    variantsDetected: Count.optional(),
    variantsTracked: Count.optional(),
    qualified: z.boolean().optional().describe('The lab released the result with a qualification'),
    assay: Text.optional(),
    vendor: Text.optional(),
    tumorInformed: z.boolean().optional(),
    code: Text.optional().describe('The code of the test as "system|code"'),
    specimenId: Text.optional(),
  })
  .describe('One ctDNA result (one blood draw)');

export const CtdnaJsonEvent = z
  .strictObject({
    type: CtdnaEventType,
    label: Text,
    start: IsoDate,
    end: IsoDate.optional(),
    result: Text.optional().describe('Outcome, e.g. an imaging result (NED, progression: …)'),
    specimenId: Text.optional().describe('The specimen the procedure yielded'),
  })
  .describe('A clinical event: surgery, biopsy, treatment line, imaging, diagnosis, other');

export const CtdnaJsonVariant = z
  .strictObject({
    date: IsoDate,
    gene: Text,
    proteinChange: Text.optional(),
    vaf: z.number().min(0).max(1).nullable().describe('Variant allele fraction 0–1; null when not detected'),
    status: z.enum(['DETECTED', 'NOT_DETECTED']),
    specimenId: Text.optional(),
  })
  .describe('One tracked variant measured in one draw');

export const CtdnaJsonSpecimen = z.strictObject({
  id: Text,
  date: IsoDate.describe('Collection date'),
  type: Text.optional().describe('tissue, plasma …'),
  label: Text.optional(),
  sampleId: Text.optional().describe('The sample name a variant file uses for this specimen'),
});

export const CtdnaJsonDocument = z
  .strictObject({
    $schema: z.string().optional(),
    format: z.literal(CTDNA_JSON_FORMAT),
    version: z.literal(CTDNA_JSON_VERSION),
    patientId: Text.optional(),
    unit: Text.optional().describe('Unit of the results that name none (default MTM/mL)'),
    assay: z
      .strictObject({ name: Text.optional(), vendor: Text.optional(), tumorInformed: z.boolean().optional() })
      .optional()
      .describe('The assay of the results that name none'),
    results: z.array(CtdnaJsonResult),
    events: z.array(CtdnaJsonEvent).optional(),
    variants: z.array(CtdnaJsonVariant).optional(),
    specimens: z.array(CtdnaJsonSpecimen).optional(),
  })
  .meta({
    $id: 'https://triptych.invalid/schemas/ctdna.schema.json',
    title: 'Triptych ctDNA results',
    description: "One patient's longitudinal ctDNA results, the clinical events around them, per-variant VAFs and specimens.",
  });
export type CtdnaJsonDocument = z.infer<typeof CtdnaJsonDocument>;

/** The published JSON Schema (schemas/ctdna.schema.json), as text. */
export const ctdnaJsonSchemaText = (): string => `${JSON.stringify(z.toJSONSchema(CtdnaJsonDocument), null, 2)}\n`;

/** The document with its arrays unchecked, so one bad item rejects that item, not the file. */
export const CtdnaJsonEnvelope = CtdnaJsonDocument.extend({
  results: z.array(z.unknown()),
  events: z.array(z.unknown()).optional(),
  variants: z.array(z.unknown()).optional(),
  specimens: z.array(z.unknown()).optional(),
});
