/**
 * Browsing HealthOmics with the real SDK against the stand-in: sequence stores, read sets filtered
 * by subject and sample and paged, archived read sets shown as such, references, runs with their
 * tags and outputs in S3.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '../../../electron/services/errors.js';
import { listReferences, listReferenceStores } from '../../../electron/services/healthomics/referenceStores.js';
import { listReadSets, listSequenceStores } from '../../../electron/services/healthomics/sequenceStores.js';
import { getRun, listRunOutputs, listRuns } from '../../../electron/services/healthomics/workflowRuns.js';
import { parseOmicsUrl } from '../../../shared/model/healthOmics.js';
import { connection, inWorld, skipReason, startTestWorld, WORLD } from './omicsTestWorld.js';

let world: Awaited<ReturnType<typeof startTestWorld>>;

describe('HealthOmics URLs', () => {
  it('parses the four forms, refuses others', () => {
    expect(parseOmicsUrl('omics://us-east-1/123/456')).toEqual({
      kind: 'read-set',
      region: 'us-east-1',
      sequenceStoreId: '123',
      readSetId: '456',
    });
    expect(parseOmicsUrl('omics-reference://eu-west-2/1/2')).toMatchObject({ kind: 'reference', referenceStoreId: '1' });
    expect(parseOmicsUrl('omics-run://us-west-2/99')).toEqual({ kind: 'run', region: 'us-west-2', runId: '99' });
    expect(parseOmicsUrl('s3://my-bucket/a/b c.vcf.gz')).toEqual({ kind: 's3', bucket: 'my-bucket', key: 'a/b c.vcf.gz' });
    for (const bad of [
      'omics://nowhere/1/2',
      'omics://us-east-1/1',
      'omics://us-east-1/1/../2',
      's3://B/x',
      's3://bucket/dir/',
      'http://x/y',
    ]) {
      expect(parseOmicsUrl(bad), bad).toBeNull();
    }
  });
});

describe.skipIf(skipReason)('browsing HealthOmics', () => {
  beforeAll(async () => {
    world = await startTestWorld();
  });
  afterAll(async () => world?.server.close());

  it("lists sequence stores, and a subject's read sets with status and reference", async () => {
    await inWorld(world, async () => {
      expect((await listSequenceStores(connection)).map((s) => s.name)).toEqual(['oncology-reads', 'research']);
      const page = await listReadSets(connection, WORLD.sequenceStoreId, { subjectId: WORLD.subjectId });
      expect(page.nextToken).toBeNull();
      const byName = Object.fromEntries(page.readSets.map((r) => [r.name, r]));
      expect(Object.keys(byName).sort()).toEqual(['normal-wgs', 'tumor-fastq', 'tumor-wgs']);
      expect(byName['tumor-wgs']).toMatchObject({ fileType: 'BAM', status: 'ACTIVE', viewable: true, sampleId: 'TUMOR' });
      expect(byName['tumor-wgs'].reference).toBe(
        `omics-reference://${WORLD.region}/${WORLD.referenceStoreId}/${WORLD.referenceId}`,
      );
      expect(byName['normal-wgs']).toMatchObject({ status: 'ARCHIVED', viewable: false });
      expect(byName['tumor-fastq']).toMatchObject({ fileType: 'FASTQ', viewable: false });
      const tumourOnly = await listReadSets(connection, WORLD.sequenceStoreId, { subjectId: WORLD.subjectId, sampleId: 'TUMOR' });
      expect(tumourOnly.readSets.map((r) => r.name).sort()).toEqual(['tumor-fastq', 'tumor-wgs']);
    });
  });

  it('pages through every read set of a store with nextToken', async () => {
    await inWorld(world, async () => {
      const seen: string[] = [];
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await listReadSets(connection, WORLD.sequenceStoreId, { nextToken, maxResults: 50 });
        seen.push(...page.readSets.map((r) => r.id));
        nextToken = page.nextToken ?? undefined;
        pages++;
      } while (nextToken);
      expect(pages).toBe(Math.ceil(world.omics.readSets.length / 50));
      expect(new Set(seen).size).toBe(world.omics.readSets.length);
    });
  });

  it("lists references, runs (with tags) and a run's outputs", async () => {
    await inWorld(world, async () => {
      expect(await listReferenceStores(connection)).toEqual([
        { id: WORLD.referenceStoreId, name: 'references', region: WORLD.region },
      ]);
      expect((await listReferences(connection, WORLD.referenceStoreId)).map((r) => r.name)).toEqual(['small-reference']);
      const { runs } = await listRuns(connection);
      expect(runs.map((r) => `${r.name} ${r.status}`)).toEqual(['somatic-calling PAT-0042 COMPLETED', 'qc PAT-0099 FAILED']);
      const run = await getRun(connection, WORLD.runId);
      expect(run).toMatchObject({
        tags: { subjectId: WORLD.subjectId },
        outputUri: `s3://${WORLD.bucket}/${WORLD.outputPrefix}`,
      });
      const outputs = await listRunOutputs(connection, run.outputUri!);
      expect(outputs.find((o) => o.role === 'variants')).toMatchObject({
        url: `s3://${WORLD.bucket}/${WORLD.outputPrefix}out/tumor_vs_normal.somatic.vcf.gz`,
        size: world.runFiles['out/tumor_vs_normal.somatic.vcf.gz'].length,
      });
    });
  });

  it('a denied listing names the action', async () => {
    await inWorld(world, async () => {
      world.server.faults.push({ operation: 'ListReadSets', kind: 'access-denied', times: 1 });
      const error = await listReadSets(connection, WORLD.sequenceStoreId).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceError);
      expect((error as ServiceError).code).toBe('ACCESS_DENIED');
      expect((error as ServiceError).message).toMatch(/omics:ListReadSets on sequence store 1234567890/);
    });
  });
});
