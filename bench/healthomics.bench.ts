/**
 * HealthOmics alignments: a generated coordinate-sorted BAM (default 1 GiB; BENCH_OMICS_MIB to
 * change) on the loopback HealthOmics stand-in with 50 ms latency per request, read as igv.js
 * reads it — the whole .bai, then the BGZF chunks the index names for a 200 bp locus — through the
 * read set's parts (GetReadSet, cached on disk) or its S3 access point (GetObject + Range).
 * Figures: time to the locus's reads on first view (and against the local file), bytes fetched
 * against the whole file (100 MiB parts, 1 MiB parts, S3 access point), and the same query from
 * the warm cache against the local file.
 */
import { execFileSync, spawn } from 'node:child_process';
import { open, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { forgetCredentials } from '../electron/services/aws/awsClientConfig.js';
import { DiskCache } from '../electron/services/cache/diskCache.js';
import { seededRandom } from '../electron/services/demo/random.js';
import { forgetOmicsClients } from '../electron/services/healthomics/omicsClients.js';
import { openReadSet } from '../electron/services/healthomics/readSetSource.js';
import type { RangeSource } from '../electron/services/healthomics/partedFile.js';
import { RequestQueue } from '../electron/services/remote/requestQueue.js';
import { inflateBlock } from '../electron/services/variants/bgzfReader.js';
import { FIXTURE_CONTIGS, omicsFixturesUnavailable } from '../tests/support/aws/omicsFixtures.js';
import { startOmicsWorld, WORLD } from '../tests/support/aws/omicsWorld.js';
import type { Figure } from './run.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const TARGET_MIB = Number(process.env.BENCH_OMICS_MIB ?? 1024);
const LATENCY_MS = 50;
const LOCI = [1_801_841, 55_000_000, 120_000_123, 180_000_777];

/** Stream generated SAM into `samtools view -b`: ~130 bytes of BAM per 100-base read. */
async function writeBam(path: string, targetBytes: number): Promise<void> {
  const random = seededRandom(99);
  const pool = Array.from({ length: 4096 }, () => {
    let seq = '';
    let qual = '';
    for (let k = 0; k < 100; k++) {
      seq += 'ACGT'[Math.floor(random() * 4)];
      qual += String.fromCharCode(48 + Math.floor(random() * 30));
    }
    return `${seq}\t${qual}`;
  });
  const reads = Math.ceil(targetBytes / 130);
  const [chrom, length] = FIXTURE_CONTIGS[0];
  const step = (length - 200) / reads;
  const samtools = spawn('samtools', ['view', '-b', '--no-PG', '-@', '1', '-o', path, '-'], {
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  const done = new Promise<void>((resolve, reject) =>
    samtools.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`samtools view exited ${code}`)))),
  );
  const write = (text: string) =>
    samtools.stdin.write(text) ? Promise.resolve() : new Promise<void>((r) => samtools.stdin.once('drain', () => r()));
  await write(`@HD\tVN:1.6\tSO:coordinate\n${FIXTURE_CONTIGS.map(([n, l]) => `@SQ\tSN:${n}\tLN:${l}`).join('\n')}\n`);
  let batch = '';
  for (let i = 0; i < reads; i++) {
    const pos = 1 + Math.floor(i * step);
    batch += `r${i}\t${i & 16}\t${chrom}\t${pos}\t60\t100M\t*\t0\t0\t${pool[i & 4095]}\n`;
    if (batch.length > 1 << 20) {
      await write(batch);
      batch = '';
    }
  }
  await write(batch);
  samtools.stdin.end();
  await done;
  execFileSync('samtools', ['index', path]);
}

/** The file ranges igv.js reads for a region: the BAI's chunks of the region's bins, past the linear index. */
function chunksOf(bai: Buffer, ref: number, begin: number, end: number): Array<[number, number]> {
  let at = 8;
  const nRef = bai.readInt32LE(4);
  for (let r = 0; r < nRef; r++) {
    const bins = new Map<number, Array<[bigint, bigint]>>();
    const nBin = bai.readInt32LE(at);
    at += 4;
    for (let b = 0; b < nBin; b++) {
      const bin = bai.readUInt32LE(at);
      const nChunk = bai.readInt32LE(at + 4);
      at += 8;
      const chunks: Array<[bigint, bigint]> = [];
      for (let c = 0; c < nChunk; c++, at += 16) chunks.push([bai.readBigUInt64LE(at), bai.readBigUInt64LE(at + 8)]);
      bins.set(bin, chunks);
    }
    const nIntv = bai.readInt32LE(at);
    at += 4;
    const linear = Array.from({ length: nIntv }, (_, i) => bai.readBigUInt64LE(at + i * 8));
    at += nIntv * 8;
    if (r !== ref) continue;
    const minOffset = linear[Math.min(linear.length - 1, begin >> 14)] ?? 0n;
    const wanted: Array<[number, number]> = [];
    for (const bin of binsOf(begin, end)) {
      for (const [s, e] of bins.get(bin) ?? []) {
        if (e <= minOffset) continue;
        // A chunk ends inside the block at its end offset: read that whole block (≤ 64 KiB) too.
        wanted.push([Number(s >> 16n), Number(e >> 16n) + 0xffff]);
      }
    }
    return wanted;
  }
  return [];
}

function binsOf(begin: number, end: number): number[] {
  const bins = [0];
  const last = end - 1;
  for (const [offset, shift] of [
    [1, 26],
    [9, 23],
    [73, 20],
    [585, 17],
    [4681, 14],
  ]) {
    for (let k = offset + (begin >> shift); k <= offset + (last >> shift); k++) bins.push(k);
  }
  return bins;
}

/** Read the locus as igv.js would: the index, then each chunk, inflating its BGZF blocks. */
async function query(bam: RangeSource, bai: RangeSource, locus: number): Promise<number> {
  const index = Buffer.from(await bai.read(0, bai.size - 1));
  const chunks = chunksOf(index, 0, locus - 100, locus + 100);
  let inflated = 0;
  await Promise.all(
    chunks.map(async ([start, end]) => {
      const bytes = Buffer.from(await bam.read(start, Math.min(end, bam.size - 1)));
      for (let at = 0; at + 18 <= bytes.length;) {
        const size = bytes.readUInt16LE(at + 16) + 1;
        if (at + size > bytes.length) break;
        inflated += inflateBlock(bytes.subarray(at, at + size)).data.length;
        at += size;
      }
    }),
  );
  return inflated;
}

function localSource(path: string, size: number): RangeSource {
  return {
    size,
    read: async (start, end) => {
      const handle = await open(path, 'r');
      try {
        const buffer = Buffer.alloc(Math.min(end, size - 1) - start + 1);
        await handle.read(buffer, 0, buffer.length, start);
        return buffer;
      } finally {
        await handle.close();
      }
    },
  };
}

export default async function healthOmicsBench(): Promise<Figure[]> {
  const unavailable = omicsFixturesUnavailable();
  if (unavailable) return [{ name: 'skipped', value: unavailable }];
  const dir = await mkdtemp(join(tmpdir(), 'triptych-bench-omics-'));
  const figures: Figure[] = [];
  try {
    const bamPath = join(dir, 'big.bam');
    const started = performance.now();
    await writeBam(bamPath, TARGET_MIB * 2 ** 20);
    const bam = await readFile(bamPath);
    const bai = await readFile(`${bamPath}.bai`);
    process.stderr.write(
      `  BAM of ${(bam.length / 2 ** 20).toFixed(0)} MiB made in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
    );
    figures.push({ name: 'BAM read set size', value: bam.length / 2 ** 20, unit: 'MiB', note: `${bai.length} B index` });

    const local = { bam: localSource(bamPath, bam.length), bai: localSource(`${bamPath}.bai`, bai.length) };
    const l0 = performance.now();
    await query(local.bam, local.bai, LOCI[0]);
    const localFirstMs = performance.now() - l0;
    const variants = [
      { partSize: 100 * 2 ** 20, s3Access: false, label: '100 MiB parts (GetReadSet)' },
      { partSize: 2 ** 20, s3Access: false, label: '1 MiB parts (GetReadSet)' },
      { partSize: 100 * 2 ** 20, s3Access: true, label: 'S3 access point (GetObject + Range)' },
    ];
    for (const [v, { partSize, s3Access, label }] of variants.entries()) {
      const world = await startOmicsWorld(join(dir, `world-${v}`), {
        partSize,
        latencyMs: LATENCY_MS,
        bam: { bam, bai, reads: 0, path: bamPath, indexPath: `${bamPath}.bai` },
        extraReadSets: 0,
        s3Access,
      });
      const saved = { ...process.env };
      Object.assign(process.env, world.server.env());
      forgetCredentials();
      forgetOmicsClients();
      try {
        const cache = new DiskCache(join(dir, `cache-${v}`), 8 * 2 ** 30);
        let fetched = 0;
        const deps = { cache, queue: new RequestQueue<Uint8Array>(6), onFetched: (n: number) => (fetched += n) };
        const t0 = performance.now();
        const opened = await openReadSet({ profile: null, region: WORLD.region }, WORLD.sequenceStoreId, WORLD.readSetId, deps);
        const inflated = await query(opened.source, opened.index!, LOCI[0]);
        const firstMs = performance.now() - t0;
        if (inflated === 0) throw new Error('the locus query found no BGZF blocks');
        figures.push({
          name: `first view of a locus, ${label}`,
          value: firstMs,
          unit: 'ms',
          note: `${LATENCY_MS} ms latency per request; local file ${localFirstMs.toFixed(1)} ms`,
        });
        figures.push({ name: `first view / local file, ${label}`, value: firstMs / localFirstMs });
        figures.push({
          name: `bytes fetched / whole file, ${label}`,
          value: (100 * fetched) / (bam.length + bai.length),
          unit: '%',
          note: `${(fetched / 2 ** 20).toFixed(1)} MiB of ${((bam.length + bai.length) / 2 ** 20).toFixed(0)} MiB; goal < 1 %`,
        });
        if (s3Access) {
          // Warm cache against the local file: the same loci, many times each.
          for (const locus of LOCI) await query(opened.source, opened.index!, locus);
          const rounds = 20;
          const timeOf = async (s: { bam: RangeSource; bai: RangeSource }) => {
            const start = performance.now();
            for (let i = 0; i < rounds; i++) for (const locus of LOCI) await query(s.bam, s.bai, locus);
            return (performance.now() - start) / (rounds * LOCI.length);
          };
          await timeOf(local);
          const before = world.server.requests.length;
          const cachedMs = await timeOf({ bam: opened.source, bai: opened.index! });
          const localMs = await timeOf(local);
          figures.push({
            name: `locus query: local file / warm cache, ${label}`,
            value: localMs / cachedMs,
            note: `${localMs.toFixed(2)} ms local, ${cachedMs.toFixed(2)} ms cached, ${world.server.requests.length - before} requests; goal ≥ 0.8`,
          });
        }
        cache.close();
      } finally {
        for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
        Object.assign(process.env, saved);
        await world.server.close();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return figures;
}
