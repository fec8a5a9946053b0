/**
 * One patient's HealthOmics data on the loopback stand-in, for unit tests, e2e and the bench: a
 * sequence store with a tumour BAM read set (parts of `partSize`), an archived read set and a
 * FASTQ; a reference store with a small reference; a completed run whose outputs (bgzip VCF + tbi)
 * are in an S3 bucket.
 */
import { join } from 'node:path';
import { startAwsTestServer, TEST_ACCOUNT, type AwsTestServer, type TestCredentials } from './awsTestServer.js';
import { HealthOmicsStandIn } from './healthOmicsService.js';
import {
  generateBam,
  generateCram,
  generateFasta,
  generateGenomeReference,
  generateRunOutputs,
  type BamFixture,
  type FastaFixture,
  type GenomeFixture,
} from './omicsFixtures.js';
import { S3StandIn } from './s3Service.js';

export const WORLD = {
  region: 'us-east-1',
  sequenceStoreId: '1234567890',
  readSetId: '9876543210',
  archivedReadSetId: '5555555555',
  fastqReadSetId: '4444444444',
  referenceStoreId: '2222222222',
  referenceId: '3333333333',
  runId: '7777777',
  subjectId: 'PAT-0042',
  sampleId: 'TUMOR',
  bucket: 'omics-outputs',
  outputPrefix: 'runs/7777777/',
  /** With `genome`: the reference the read sets were aligned to, and the tumour reads as CRAM. */
  genomeReferenceId: '3333333334',
  cramReadSetId: '9876543211',
  /** The sequence store's S3 access point alias (a bucket name to S3 GetObject). */
  accessPointAlias: 'seqstore-1234567890-abcdefghijklmnop-s3alias',
} as const;

export type OmicsWorld = {
  server: AwsTestServer;
  omics: HealthOmicsStandIn;
  s3: S3StandIn;
  bam: BamFixture;
  fasta: FastaFixture;
  genome: GenomeFixture | null;
  runFiles: Record<string, Buffer>;
};

export async function startOmicsWorld(
  dir: string,
  options: {
    partSize?: number;
    latencyMs?: number;
    bam?: BamFixture;
    extraReadSets?: number;
    /** List the read set's S3 access point URIs (default true; false: parts only, as older stores). */
    s3Access?: boolean;
    /**
     * Align the tumour reads to a generated genome reference (GRCh38 contigs of the loci, with a
     * somatic change at each locus), named by the read sets' referenceArn, and add them as CRAM too.
     */
    genome?: boolean;
    /** The keys the stand-in accepts (default: the one test key of awsTestServer). */
    credentials?: TestCredentials[];
  } = {},
): Promise<OmicsWorld> {
  const omics = new HealthOmicsStandIn({ partSize: options.partSize ?? 64 * 1024, region: WORLD.region });
  const s3 = new S3StandIn();
  const genome = options.genome ? generateGenomeReference(join(dir, 'genome')) : null;
  const bam = options.bam ?? generateBam(join(dir, 'bam'), genome ? { genome } : {});
  const fasta = generateFasta(join(dir, 'fasta'));
  const { files: runFiles } = await generateRunOutputs(join(dir, 'run'));

  omics.sequenceStores.push({ id: WORLD.sequenceStoreId, name: 'oncology-reads' }, { id: '1111111111', name: 'research' });
  omics.referenceStores.push({ id: WORLD.referenceStoreId, name: 'references' });
  const referenceArn = omics.referenceArn({
    referenceStoreId: WORLD.referenceStoreId,
    id: genome ? WORLD.genomeReferenceId : WORLD.referenceId,
  });
  if (genome) {
    omics.references.push({
      id: WORLD.genomeReferenceId,
      referenceStoreId: WORLD.referenceStoreId,
      name: 'GRCh38-loci',
      source: genome.fasta,
      index: genome.fai,
    });
    const cram = generateCram(join(dir, 'bam'), bam, genome);
    omics.readSets.push({
      id: WORLD.cramReadSetId,
      sequenceStoreId: WORLD.sequenceStoreId,
      name: 'tumor-wgs-cram',
      subjectId: WORLD.subjectId,
      sampleId: WORLD.sampleId,
      fileType: 'CRAM',
      status: 'ACTIVE',
      referenceArn,
      source1: cram.cram,
      index: cram.crai,
      ...(options.s3Access === false
        ? {}
        : { s3Uris: readSetS3Uris(s3, WORLD.cramReadSetId, 'tumor-wgs-cram', { file: cram.cram, index: cram.crai }, 'cram') }),
    });
  }
  omics.references.push({
    id: WORLD.referenceId,
    referenceStoreId: WORLD.referenceStoreId,
    name: 'small-reference',
    source: fasta.fasta,
    index: fasta.fai,
  });
  omics.readSets.push({
    id: WORLD.readSetId,
    sequenceStoreId: WORLD.sequenceStoreId,
    name: 'tumor-wgs',
    subjectId: WORLD.subjectId,
    sampleId: WORLD.sampleId,
    fileType: 'BAM',
    status: 'ACTIVE',
    referenceArn,
    source1: bam.bam,
    index: bam.bai,
    ...(options.s3Access === false
      ? {}
      : { s3Uris: readSetS3Uris(s3, WORLD.readSetId, 'tumor-wgs', { file: bam.bam, index: bam.bai }, 'bam') }),
  });
  omics.readSets.push({
    id: WORLD.archivedReadSetId,
    sequenceStoreId: WORLD.sequenceStoreId,
    name: 'normal-wgs',
    subjectId: WORLD.subjectId,
    sampleId: 'NORMAL',
    fileType: 'BAM',
    status: 'ARCHIVED',
    referenceArn,
    source1: bam.bam,
    index: bam.bai,
  });
  omics.readSets.push({
    id: WORLD.fastqReadSetId,
    sequenceStoreId: WORLD.sequenceStoreId,
    name: 'tumor-fastq',
    subjectId: WORLD.subjectId,
    sampleId: WORLD.sampleId,
    fileType: 'FASTQ',
    status: 'ACTIVE',
    source1: Buffer.from('@r1\nACGT\n+\nIIII\n'),
  });
  // Other patients' read sets: the filter and paging have something to skip.
  for (let i = 0; i < (options.extraReadSets ?? 130); i++) {
    omics.readSets.push({
      id: String(6_000_000_000 + i),
      sequenceStoreId: WORLD.sequenceStoreId,
      name: `other-${i}`,
      subjectId: `PAT-${1000 + i}`,
      sampleId: i % 2 ? 'TUMOR' : 'NORMAL',
      fileType: 'CRAM',
      status: 'ACTIVE',
      source1: Buffer.from('CRAM\x03\x01'),
    });
  }
  omics.runs.push({
    id: WORLD.runId,
    name: 'somatic-calling PAT-0042',
    status: 'COMPLETED',
    runGroupId: 'rg-clinical',
    workflowId: '1029384',
    tags: { subjectId: WORLD.subjectId },
    outputUri: `s3://${WORLD.bucket}/${WORLD.outputPrefix}`,
  });
  omics.runs.push({
    id: '7777778',
    name: 'qc PAT-0099',
    status: 'FAILED',
    tags: { subjectId: 'PAT-0099' },
    outputUri: `s3://${WORLD.bucket}/runs/7777778/`,
  });
  for (const [key, bytes] of Object.entries(runFiles)) s3.put(WORLD.bucket, WORLD.outputPrefix + key, bytes);

  const server = await startAwsTestServer({
    routes: [...omics.routes(), ...s3.routes()],
    latencyMs: options.latencyMs,
    credentials: options.credentials,
  });
  return { server, omics, s3, bam, fasta, genome, runFiles };
}

/** Put a read set's files behind the access point alias, at the keys HealthOmics uses. */
function readSetS3Uris(
  s3: S3StandIn,
  readSetId: string,
  name: string,
  files: { file: Uint8Array; index: Uint8Array },
  extension: 'bam' | 'cram',
) {
  const prefix = `${TEST_ACCOUNT}/sequenceStore/${WORLD.sequenceStoreId}/readSet/${readSetId}/`;
  const indexExtension = extension === 'bam' ? 'bam.bai' : 'cram.crai';
  s3.put(WORLD.accessPointAlias, `${prefix}${name}.${extension}`, files.file);
  s3.put(WORLD.accessPointAlias, `${prefix}${name}.${indexExtension}`, files.index);
  return {
    source1: `s3://${WORLD.accessPointAlias}/${prefix}${name}.${extension}`,
    index: `s3://${WORLD.accessPointAlias}/${prefix}${name}.${indexExtension}`,
  };
}
