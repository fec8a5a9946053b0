/**
 * `triptych inspect` on a HealthOmics or S3 URL: a read set's format, sample and parts; a
 * reference's contigs; a run's outputs; and an S3 variant file (a run's VCF / MAF / SEG) read with
 * the same readers and printed as the same JSON as a local one (a bgzipped VCF with an index by
 * ranges through the index, any other whole).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { AwsConnection } from '../../../shared/model/aws.js';
import type { OmicsResource } from '../../../shared/model/healthOmics.js';
import { DiskCache } from '../cache/diskCache.js';
import { ServiceError } from '../errors.js';
import { inspectVariants, MAX_LISTED_VARIANTS } from '../inspect/inspectVariants.js';
import { RequestQueue } from '../remote/requestQueue.js';
import { IndexedVcf } from '../variants/vcf/indexedVcf.js';
import { openReadSet, type RemoteDeps } from './readSetSource.js';
import { faiContigs, openReference } from './referenceSource.js';
import { openS3Object, type OpenedS3Object } from './s3ObjectSource.js';
import { getRun, listRunOutputs } from './workflowRuns.js';

/** S3 variant files larger than this are not read whole by `inspect`. */
const MAX_S3_VARIANT_BYTES = 2 * 2 ** 30;

export async function inspectOmics(
  resource: OmicsResource,
  options: { cacheDir?: string; inspectFile: (path: string) => Promise<unknown> },
): Promise<unknown> {
  const scratch = await mkdtemp(join(tmpdir(), 'triptych-inspect-'));
  const deps: RemoteDeps = {
    cache: new DiskCache(options.cacheDir ?? join(scratch, 'cache'), 2 ** 30),
    queue: new RequestQueue<Uint8Array>(8),
  };
  try {
    switch (resource.kind) {
      case 'read-set': {
        const opened = await openReadSet(connectionOf(resource.region), resource.sequenceStoreId, resource.readSetId, deps);
        const { summary } = opened;
        return {
          kind: 'alignments',
          format: opened.format,
          subjectId: summary.subjectId,
          sampleId: summary.sampleId,
          reference: summary.reference,
          parts: opened.parts.source1,
          contentLength: opened.source.size,
          name: summary.name,
          status: summary.status,
          index: opened.index ? { parts: opened.parts.index, contentLength: opened.index.size } : null,
        };
      }
      case 'reference': {
        const opened = await openReference(connectionOf(resource.region), resource.referenceStoreId, resource.referenceId, deps);
        const fai = await opened.index.read(0, opened.index.size - 1);
        return { kind: 'reference', name: opened.name, contigs: faiContigs(fai) };
      }
      case 'run': {
        const connection = connectionOf(resource.region);
        const run = await getRun(connection, resource.runId);
        const outputs = run.outputUri ? await listRunOutputs(connection, run.outputUri) : [];
        return { kind: 'run', ...run, outputs };
      }
      case 's3': {
        const url = `s3://${resource.bucket}/${resource.key}`;
        const connection = connectionOf(s3Region());
        const opened = await openS3Object(connection, resource.bucket, resource.key, deps);
        const indexed = /\.vcf\.gz$/i.test(resource.key) ? await inspectIndexedVcf(connection, resource, opened, deps) : null;
        if (indexed) return indexed;
        if (opened.source.size > MAX_S3_VARIANT_BYTES) {
          throw new ServiceError('UNSUPPORTED', `${opened.source.size} bytes: too large to inspect whole.`, url);
        }
        // The variant readers take a file: the object's bytes, under its own name.
        const path = join(scratch, basename(resource.key));
        await writeFile(path, await opened.source.read(0, opened.source.size - 1));
        try {
          return await options.inspectFile(path);
        } catch (error) {
          if (error instanceof ServiceError) throw new ServiceError(error.code, error.message.replaceAll(path, url), url);
          throw error;
        }
      }
    }
  } finally {
    deps.cache.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * A bgzipped VCF with an index beside it (X.tbi, else X.csi) read through the index over S3 ranges:
 * its header and first variants from the first blocks, its record count and contigs from the index,
 * printed as `inspect` prints the local file. Null when there is no index, or the index does not
 * count records (the object is then read whole).
 */
async function inspectIndexedVcf(
  connection: AwsConnection,
  resource: { bucket: string; key: string },
  opened: OpenedS3Object,
  deps: RemoteDeps,
): Promise<unknown> {
  const index = await firstFound(connection, resource.bucket, [`${resource.key}.tbi`, `${resource.key}.csi`], deps);
  if (!index) return null;
  const vcf = await IndexedVcf.over(opened.url, opened.source, index.url, await index.source.read(0, index.source.size - 1));
  try {
    const table = await vcf.wholeFileTable(MAX_LISTED_VARIANTS);
    return table && inspectVariants({ ...table, fileId: opened.url, fileName: basename(resource.key) });
  } finally {
    await vcf.close();
  }
}

/** The first of the keys that is there; only "not found" moves on to the next. */
async function firstFound(connection: AwsConnection, bucket: string, keys: string[], deps: RemoteDeps) {
  for (const key of keys) {
    try {
      return await openS3Object(connection, bucket, key, deps);
    } catch (error) {
      if (!(error instanceof ServiceError && error.code === 'NOT_FOUND')) throw error;
    }
  }
  return null;
}

/** The CLI's connection: the SDK's own credential chain (AWS_PROFILE included) and the URL's region. */
const connectionOf = (region: string): AwsConnection => ({ profile: null, region });

const s3Region = (): string => process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
