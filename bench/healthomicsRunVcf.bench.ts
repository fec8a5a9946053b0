/**
 * A large bgzipped VCF run output in S3 (default 512 MiB; BENCH_OMICS_VCF_MIB to change) with its
 * .tbi, on the loopback S3 stand-in with 50 ms latency per request, read as the variants pane reads
 * it: a region through the index over S3 ranges (1 MiB blocks, cached on disk), and the table's
 * first 200,000 variants. Figures: bytes fetched against the whole file for one region read and
 * for the table, the time to the first region, and a region from the warm cache against the
 * local file.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { forgetCredentials } from '../electron/services/aws/awsClientConfig.js';
import { DiskCache } from '../electron/services/cache/diskCache.js';
import { seededRandom } from '../electron/services/demo/random.js';
import { forgetOmicsClients } from '../electron/services/healthomics/omicsClients.js';
import { openS3Object } from '../electron/services/healthomics/s3ObjectSource.js';
import { RequestQueue } from '../electron/services/remote/requestQueue.js';
import { IndexedVcf } from '../electron/services/variants/vcf/indexedVcf.js';
import { omicsFixturesUnavailable } from '../tests/support/aws/omicsFixtures.js';
import { startOmicsWorld, WORLD } from '../tests/support/aws/omicsWorld.js';
import type { Figure } from './run.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const TARGET_MIB = Number(process.env.BENCH_OMICS_VCF_MIB ?? 512);
const LATENCY_MS = 50;
const CHR1_LENGTH = 248_956_422;
const REGIONS = [120_000_000, 30_000_000, 200_000_000, 75_000_000].map((start) => ({
  chrom: 'chr1',
  start,
  end: start + 100_000,
}));

/** Stream a sorted chr1 VCF into `bgzip`, with a random token per record so it compresses as real calls do. */
async function writeVcf(path: string, targetBytes: number): Promise<number> {
  const random = seededRandom(7);
  // About 21 compressed bytes per record (measured with this generator).
  const records = Math.ceil(targetBytes / 21);
  const step = (CHR1_LENGTH - 1000) / records;
  const bgzip = spawn('sh', ['-c', `bgzip -@ 2 -c > '${path}'`], { stdio: ['pipe', 'inherit', 'inherit'] });
  const done = new Promise<void>((resolve, reject) =>
    bgzip.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bgzip exited ${code}`)))),
  );
  const write = (text: string) =>
    bgzip.stdin.write(text) ? Promise.resolve() : new Promise<void>((r) => bgzip.stdin.once('drain', () => r()));
  await write(
    [
      '##fileformat=VCFv4.2',
      '##reference=GRCh38',
      `##contig=<ID=chr1,length=${CHR1_LENGTH}>`,
      '##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">',
      '##INFO=<ID=TOKEN,Number=1,Type=String,Description="Filler">',
      '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n',
    ].join('\n'),
  );
  let batch = '';
  for (let i = 0; i < records; i++) {
    const token = Math.floor(random() * 2 ** 52).toString(36) + Math.floor(random() * 2 ** 52).toString(36);
    batch += `chr1\t${1 + Math.floor(i * step)}\t.\tC\tT\t50\tPASS\tDP=${i % 200};TOKEN=${token}\n`;
    if (batch.length > 1 << 20) {
      await write(batch);
      batch = '';
    }
  }
  await write(batch);
  bgzip.stdin.end();
  await done;
  execFileSync('tabix', ['-f', '-p', 'vcf', path]);
  return records;
}

export default async function healthOmicsRunVcfBench(): Promise<Figure[]> {
  const unavailable = omicsFixturesUnavailable();
  if (unavailable) return [{ name: 'skipped', value: unavailable }];
  const dir = await mkdtemp(join(tmpdir(), 'triptych-bench-omics-vcf-'));
  const figures: Figure[] = [];
  try {
    const vcfPath = join(dir, 'germline.vcf.gz');
    const started = performance.now();
    const records = await writeVcf(vcfPath, TARGET_MIB * 2 ** 20);
    const vcf = await readFile(vcfPath);
    const tbi = await readFile(`${vcfPath}.tbi`);
    process.stderr.write(
      `  VCF of ${(vcf.length / 2 ** 20).toFixed(0)} MiB (${records.toLocaleString('en-US')} records) made in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
    );
    figures.push({
      name: 'VCF run output size',
      value: vcf.length / 2 ** 20,
      unit: 'MiB',
      note: `${(tbi.length / 2 ** 10).toFixed(0)} KiB .tbi`,
    });

    const world = await startOmicsWorld(join(dir, 'world'), { latencyMs: LATENCY_MS, extraReadSets: 0 });
    const key = `${WORLD.outputPrefix}out/germline.vcf.gz`;
    world.s3.put(WORLD.bucket, key, vcf);
    world.s3.put(WORLD.bucket, `${key}.tbi`, tbi);
    const saved = { ...process.env };
    Object.assign(process.env, world.server.env());
    forgetCredentials();
    forgetOmicsClients();
    const local = await IndexedVcf.open(vcfPath, `${vcfPath}.tbi`);
    try {
      const connection = { profile: null, region: WORLD.region };
      const whole = vcf.length + tbi.length;
      const percent = (bytes: number) => (100 * bytes) / whole;
      const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

      // One region, first time: open (HEADs, the index, the header's block), then the region's blocks.
      {
        const cache = new DiskCache(join(dir, 'cache-region'), 8 * 2 ** 30);
        let fetched = 0;
        const deps = { cache, queue: new RequestQueue<Uint8Array>(6), onFetched: (n: number) => (fetched += n) };
        const t0 = performance.now();
        const [data, index] = await Promise.all([
          openS3Object(connection, WORLD.bucket, key, deps),
          openS3Object(connection, WORLD.bucket, `${key}.tbi`, deps),
        ]);
        const remote = await IndexedVcf.over(data.url, data.source, index.url, await index.source.read(0, index.source.size - 1));
        const first = await remote.region('f', REGIONS[0]!);
        const firstMs = performance.now() - t0;
        if (first.records === 0) throw new Error('the region holds no records');
        figures.push({
          name: 'first region read (100 kb)',
          value: firstMs,
          unit: 'ms',
          note: `${first.records} records; ${LATENCY_MS} ms latency per request`,
        });
        figures.push({
          name: 'bytes fetched / whole file, one region',
          value: percent(fetched),
          unit: '%',
          note: `${mib(fetched)} (index, header block, region blocks) of ${mib(whole)}`,
        });
        // Warm cache against the local file: the same regions, many times each.
        for (const region of REGIONS) await remote.region('f', region);
        const rounds = 10;
        const timeOf = async (file: IndexedVcf) => {
          const start = performance.now();
          for (let i = 0; i < rounds; i++) for (const region of REGIONS) await file.region('f', region);
          return (performance.now() - start) / (rounds * REGIONS.length);
        };
        await timeOf(local);
        const before = world.server.requests.length;
        const cachedMs = await timeOf(remote);
        const localMs = await timeOf(local);
        figures.push({
          name: 'region read: local file / warm cache',
          value: localMs / cachedMs,
          note: `${localMs.toFixed(2)} ms local, ${cachedMs.toFixed(2)} ms cached, ${world.server.requests.length - before} requests`,
        });
        cache.close();
      }

      // The table: its first 200,000 variants, the count from the index.
      {
        const cache = new DiskCache(join(dir, 'cache-table'), 8 * 2 ** 30);
        let fetched = 0;
        const deps = { cache, queue: new RequestQueue<Uint8Array>(6), onFetched: (n: number) => (fetched += n) };
        const t0 = performance.now();
        const [data, index] = await Promise.all([
          openS3Object(connection, WORLD.bucket, key, deps),
          openS3Object(connection, WORLD.bucket, `${key}.tbi`, deps),
        ]);
        const remote = await IndexedVcf.over(data.url, data.source, index.url, await index.source.read(0, index.source.size - 1));
        const table = await remote.firstVariants();
        const tableMs = performance.now() - t0;
        if (table.records !== records) throw new Error(`the index counts ${table.records} records, not ${records}`);
        figures.push({
          name: 'table of the first 200,000 variants',
          value: tableMs,
          unit: 'ms',
          note: `of ${records.toLocaleString('en-US')} records`,
        });
        figures.push({
          name: 'bytes fetched / whole file, table',
          value: percent(fetched),
          unit: '%',
          note: `${mib(fetched)} of ${mib(whole)}`,
        });
        cache.close();
      }
    } finally {
      await local.close();
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
      await world.server.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return figures;
}
