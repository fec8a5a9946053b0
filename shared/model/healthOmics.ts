import { z } from 'zod';

/**
 * AWS HealthOmics as Triptych shows it: sequence stores and their read sets, reference stores and
 * references, workflow runs and the files they wrote to S3. Variant and annotation stores are
 * closed to new customers (since 2025-11-07) and are not used.
 *
 * Resources are named by URL, the forms `triptych inspect` takes and case.json holds:
 *   omics://REGION/SEQUENCE_STORE_ID/READ_SET_ID
 *   omics-reference://REGION/REFERENCE_STORE_ID/REFERENCE_ID
 *   omics-run://REGION/RUN_ID
 *   s3://BUCKET/KEY
 */

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const OMICS_ID = /^[A-Za-z0-9_-]{1,128}$/;

export type OmicsResource =
  | { kind: 'read-set'; region: string; sequenceStoreId: string; readSetId: string }
  | { kind: 'reference'; region: string; referenceStoreId: string; referenceId: string }
  | { kind: 'run'; region: string; runId: string }
  | { kind: 's3'; bucket: string; key: string };

/** The resource a URL names, or null when it is not one of the four forms. */
export function parseOmicsUrl(url: string): OmicsResource | null {
  const m = /^(omics|omics-reference|omics-run|s3):\/\/([^/]+)\/(.+)$/.exec(url.trim());
  if (!m) return null;
  const [, scheme, host, rest] = m;
  if (scheme === 's3') {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(host) || rest.endsWith('/')) return null;
    return { kind: 's3', bucket: host, key: rest };
  }
  if (!REGION.test(host)) return null;
  const ids = rest.split('/');
  if (!ids.every((id) => OMICS_ID.test(id))) return null;
  if (scheme === 'omics' && ids.length === 2) {
    return { kind: 'read-set', region: host, sequenceStoreId: ids[0], readSetId: ids[1] };
  }
  if (scheme === 'omics-reference' && ids.length === 2) {
    return { kind: 'reference', region: host, referenceStoreId: ids[0], referenceId: ids[1] };
  }
  if (scheme === 'omics-run' && ids.length === 1) return { kind: 'run', region: host, runId: ids[0] };
  return null;
}

export function omicsUrl(resource: OmicsResource): string {
  switch (resource.kind) {
    case 'read-set':
      return `omics://${resource.region}/${resource.sequenceStoreId}/${resource.readSetId}`;
    case 'reference':
      return `omics-reference://${resource.region}/${resource.referenceStoreId}/${resource.referenceId}`;
    case 'run':
      return `omics-run://${resource.region}/${resource.runId}`;
    case 's3':
      return `s3://${resource.bucket}/${resource.key}`;
  }
}

/** `arn:aws:omics:REGION:ACCOUNT:referenceStore/STORE/reference/ID` → its URL form, or null. */
export function referenceUrlOfArn(arn: string | undefined): string | null {
  const m = /^arn:aws[a-z-]*:omics:([^:]+):\d+:referenceStore\/([^/]+)\/reference\/([^/]+)$/.exec(arn ?? '');
  return m ? `omics-reference://${m[1]}/${m[2]}/${m[3]}` : null;
}

export const OmicsUrl = z
  .string()
  .max(2000)
  .refine((u) => parseOmicsUrl(u) !== null, 'an omics://, omics-reference://, omics-run:// or s3:// URL');

export const SequenceStore = z.object({ id: z.string(), name: z.string(), region: z.string() });
export type SequenceStore = z.infer<typeof SequenceStore>;

export const ReadSetFileType = z.enum(['BAM', 'CRAM', 'FASTQ', 'UBAM']);

export const ReadSetSummary = z.object({
  url: z.string(),
  id: z.string(),
  sequenceStoreId: z.string(),
  name: z.string().nullable(),
  subjectId: z.string().nullable(),
  sampleId: z.string().nullable(),
  fileType: z.string(),
  /** ACTIVE, ARCHIVED (activate before reading), ACTIVATING, … as HealthOmics says. */
  status: z.string(),
  /** omics-reference:// URL of the reference it was aligned to, when it names one. */
  reference: z.string().nullable(),
  /** BAM and CRAM that are active can be shown on the genome track. */
  viewable: z.boolean(),
});
export type ReadSetSummary = z.infer<typeof ReadSetSummary>;

export const ReadSetPage = z.object({ readSets: z.array(ReadSetSummary), nextToken: z.string().nullable() });
export type ReadSetPage = z.infer<typeof ReadSetPage>;

export const ReferenceSummary = z.object({ url: z.string(), id: z.string(), name: z.string().nullable(), status: z.string() });
export type ReferenceSummary = z.infer<typeof ReferenceSummary>;

export const RunSummary = z.object({
  url: z.string(),
  id: z.string(),
  name: z.string().nullable(),
  status: z.string(),
  runGroupId: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  outputUri: z.string().nullable(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const RunOutput = z.object({
  url: z.string(),
  key: z.string(),
  size: z.number(),
  /** What Triptych can open it as, by name: a variant file, an index, or other. */
  role: z.enum(['variants', 'index', 'alignments', 'other']),
});
export type RunOutput = z.infer<typeof RunOutput>;

/** The role of a run output by its name (the content is checked when it is opened). */
export function runOutputRole(key: string): RunOutput['role'] {
  const name = key.toLowerCase();
  if (/\.(tbi|csi|bai|crai)$/.test(name)) return 'index';
  if (/\.(vcf|vcf\.gz|maf|maf\.txt|seg|seg\.txt)$/.test(name)) return 'variants';
  if (/\.(bam|cram)$/.test(name)) return 'alignments';
  return 'other';
}
