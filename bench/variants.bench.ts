/**
 * Variants: a generated 1,000,000-record somatic VCF (tumor/normal, VEP CSQ) and its bgzip + tabix
 * copy, in a temporary folder deleted afterwards. Figures: time to the table model against
 * `bcftools view -H` on the same file (the ratio is the figure that matters), heap held by the 1M
 * table, sort and filter over 1M rows (the renderer's pure functions), and a region query through
 * the index against `tabix`.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { IndexedVcf } from '../electron/services/variants/vcf/indexedVcf.js';
import { readVcf } from '../electron/services/variants/vcf/readVcf.js';
import { BASE_COLUMNS, TUMOR_BOARD, applyFilters, sortRows, toCsv, toRows } from '../renderer/panes/variants/tableModel.js';
import type { Figure } from './run.js';

const RECORDS = 1_000_000;
const GENES = ['TP53', 'FGFR3', 'PIK3CA', 'KMT2D', 'ARID1A', 'KDM6A', 'ERBB2', 'RB1', 'ATM', 'BRCA2', 'CREBBP', 'EP300'];
const TERMS = [
  'missense_variant',
  'stop_gained',
  'synonymous_variant',
  'intron_variant',
  'splice_region_variant',
  'frameshift_variant',
];
const CHROMS: Array<[string, number]> = Array.from({ length: 22 }, (_, i) => [`chr${i + 1}`, 240_000_000 - i * 8_000_000]);

function gc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const time = async <T>(fn: () => T | Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
};

export async function writeVcf(path: string): Promise<void> {
  const out = createWriteStream(path);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(
    [
      '##fileformat=VCFv4.2',
      '##reference=GRCh38',
      ...CHROMS.map(([name, length]) => `##contig=<ID=${name},length=${length}>`),
      '##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">',
      '##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|IMPACT|SYMBOL|HGVSc|HGVSp|CANONICAL">',
      '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
      '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">',
      '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction">',
      '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">',
      '##tumor_sample=TUMOR',
      '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tNORMAL\tTUMOR\n',
    ].join('\n'),
  );
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const perChrom = Math.ceil(RECORDS / CHROMS.length);
  let lines: string[] = [];
  let n = 0;
  for (const [chrom] of CHROMS) {
    let pos = 10_000;
    for (let i = 0; i < perChrom && n < RECORDS; i++, n++) {
      pos += 1 + Math.floor(random() * 400);
      const depth = 30 + Math.floor(random() * 300);
      const alt = Math.round(depth * random() * 0.5);
      const gene = GENES[n % GENES.length]!;
      const term = TERMS[Math.floor(random() * TERMS.length)]!;
      const filter = random() < 0.7 ? 'PASS' : 'weak_evidence';
      const csq = `T|${term}|MODERATE|${gene}|ENST0001:c.${i}C>T|ENSP0001:p.Arg${(i % 900) + 1}Gln|YES`;
      lines.push(
        `${chrom}\t${pos}\t.\tC\tT\t.\t${filter}\tDP=${depth * 2};CSQ=${csq}\tGT:AD:AF:DP\t0/0:${depth},0:0:${depth}\t0/1:${depth - alt},${alt}:${(alt / depth).toFixed(3)}:${depth}`,
      );
      if (lines.length === 10_000) {
        await write(`${lines.join('\n')}\n`);
        lines = [];
      }
    }
  }
  await write(lines.length ? `${lines.join('\n')}\n` : '');
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** CPU time (user + system, ms) of a shell command's children, from the shell's `times`. */
function childCpuMs(command: string): number | undefined {
  const run = spawnSync('sh', ['-c', `${command}; times`], { encoding: 'utf8' });
  const children = run.stdout.trim().split('\n').at(-1) ?? '';
  const parts = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map(([, m, s]) => Number(m) * 60 + Number(s));
  return parts.length === 2 ? (parts[0]! + parts[1]!) * 1000 : undefined;
}

export async function benchVariants(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'triptych-bench-variants-'));
  try {
    const vcf = join(dir, 'bench.vcf');
    const [, writeMs] = await time(() => writeVcf(vcf));
    figures.push({ name: 'generate 1M-record VCF', value: writeMs / 1000, unit: 's' });

    // Time to the table model: read (Node side) + rows (renderer side), against bcftools reading the same file.
    // Memory held: the JS heap and the typed arrays' buffers (outside the heap), as the renderer holds both.
    const held = () => {
      const { heapUsed, arrayBuffers } = process.memoryUsage();
      return heapUsed + arrayBuffers;
    };
    gc();
    const heapBefore = held();
    // The renderer keeps the rows and the file's facts, not the wire form (VariantsPane does the same).
    let wire: Awaited<ReturnType<typeof readVcf>> | undefined;
    const cpuBefore = process.cpuUsage();
    const [, readMs] = await time(async () => (wire = await readVcf(vcf, { maxVariants: RECORDS })));
    const [rows, rowsMs] = await time(() => toRows({ ...wire!, fileId: 'f', fileName: 'bench.vcf' }));
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const variantCount = wire!.columns.length;
    wire = undefined;
    gc();
    const heapAfter = held();
    figures.push({
      name: 'read VCF → variants (1M)',
      value: readMs / 1000,
      unit: 's',
      note: `${variantCount.toLocaleString('en-US')} variants`,
    });
    figures.push({ name: 'variants → table rows (1M)', value: rowsMs / 1000, unit: 's' });
    figures.push({
      name: 'memory of the 1M table (heap + typed arrays)',
      value: (heapAfter - heapBefore) / 2 ** 20,
      unit: 'MiB',
      note: `${((heapAfter - heapBefore) / RECORDS).toFixed(0)} B/row`,
    });
    const bcftools = spawnSync('bcftools', ['--version'], { stdio: 'ignore' }).status === 0;
    if (bcftools) {
      const [, bcfMs] = await time(() => spawnSync('sh', ['-c', `bcftools view -H "${vcf}" > /dev/null`]));
      figures.push({ name: 'bcftools view -H (1M)', value: bcfMs / 1000, unit: 's' });
      figures.push({
        name: 'table model / bcftools view -H',
        value: (readMs + rowsMs) / bcfMs,
        unit: '×',
        note: 'lower is better',
      });
      // The same in CPU time (user + system), steadier than wall time on a machine others share.
      const bcfCpuMs = childCpuMs(`bcftools view -H "${vcf}" > /dev/null 2>&1`);
      if (bcfCpuMs !== undefined && bcfCpuMs > 0)
        figures.push({
          name: 'table model / bcftools view -H, CPU time',
          value: cpuMs / bcfCpuMs,
          unit: '×',
          note: `${(cpuMs / 1000).toFixed(2)} s vs ${(bcfCpuMs / 1000).toFixed(2)} s`,
        });
    } else {
      figures.push({ name: 'bcftools view -H', value: 'skipped', note: 'bcftools not installed' });
    }

    // The renderer's table operations over 1M rows.
    const columns = BASE_COLUMNS;
    // Each sort also in CPU time (user + system of this process): on a machine others share, wall time
    // counts the waits for a core too.
    const sortCpu: number[] = [];
    const cpuTimed =
      <T>(fn: () => T) =>
      () => {
        const before = process.cpuUsage();
        const value = fn();
        const used = process.cpuUsage(before);
        sortCpu.push((used.user + used.system) / 1000);
        return value;
      };
    const [, sortVafMs] = await time(cpuTimed(() => sortRows(rows, { column: 'vaf', desc: true }, columns)));
    const [, sortLocusMs] = await time(cpuTimed(() => sortRows(rows, { column: 'locus', desc: false }, columns)));
    const [, sortGeneMs] = await time(cpuTimed(() => sortRows(rows, { column: 'gene', desc: false }, columns)));
    // The same sort again (a direction toggled back): answered from the table's remembered orders.
    const [, sortAgainMs] = await time(() => sortRows(rows, { column: 'gene', desc: false }, columns));
    const [board, filterMs] = await time(() => applyFilters(rows, TUMOR_BOARD));
    const [, textMs] = await time(() => applyFilters(rows, { ...TUMOR_BOARD, text: 'tp53 r12' }));
    const [, csvMs] = await time(() => toCsv(board, columns));
    figures.push({ name: 'sort 1M rows by VAF', value: sortVafMs, unit: 'ms', note: `${sortCpu[0]!.toFixed(0)} ms CPU` });
    figures.push({ name: 'sort 1M rows by position', value: sortLocusMs, unit: 'ms', note: `${sortCpu[1]!.toFixed(0)} ms CPU` });
    figures.push({ name: 'sort 1M rows by gene', value: sortGeneMs, unit: 'ms', note: `${sortCpu[2]!.toFixed(0)} ms CPU` });
    figures.push({ name: 'sort 1M rows by gene, again', value: sortAgainMs, unit: 'ms' });
    figures.push({
      name: 'filter 1M rows (tumor board)',
      value: filterMs,
      unit: 'ms',
      note: `${board.length.toLocaleString('en-US')} kept`,
    });
    figures.push({ name: 'filter 1M rows (tumor board + text)', value: textMs, unit: 'ms' });
    figures.push({ name: 'CSV of the tumor-board rows', value: csvMs, unit: 'ms' });

    // A region through the index: our BGZF/tabix reader against htslib's tabix.
    const tools =
      spawnSync('bgzip', ['--version'], { stdio: 'ignore' }).status === 0 &&
      spawnSync('tabix', ['--version'], { stdio: 'ignore' }).status === 0;
    if (tools) {
      spawnSync('bgzip', ['-f', '-@', '4', vcf]);
      spawnSync('tabix', ['-f', '-p', 'vcf', `${vcf}.gz`]);
      const region = { chrom: 'chr7', start: 1_000_000, end: 3_000_000 };
      const [opened, openMs] = await time(() => IndexedVcf.open(`${vcf}.gz`, `${vcf}.gz.tbi`));
      const [answer, regionMs] = await time(() => opened.region('f', region));
      const [, againMs] = await time(() => opened.region('f', { ...region, start: 50_000_000, end: 50_100_000 }));
      await opened.close();
      const [, tabixMs] = await time(() => spawnSync('sh', ['-c', `tabix "${vcf}.gz" chr7:1000000-3000000 > /dev/null`]));
      figures.push({ name: 'open indexed VCF (header + .tbi)', value: openMs, unit: 'ms' });
      figures.push({
        name: 'region chr7:1-3 Mb through the index',
        value: regionMs,
        unit: 'ms',
        note: `${answer.records.toLocaleString('en-US')} records`,
      });
      figures.push({ name: 'region chr7:50-50.1 Mb (opened)', value: againMs, unit: 'ms' });
      figures.push({ name: 'tabix, same 2 Mb region (process)', value: tabixMs, unit: 'ms', note: 'includes process start' });
    } else {
      figures.push({ name: 'region query', value: 'skipped', note: 'bgzip/tabix not installed' });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return figures;
}

export default benchVariants;

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const figure of await benchVariants())
    console.log(`${figure.name}: ${figure.value} ${figure.unit ?? ''} ${figure.note ?? ''}`);
}
