/**
 * `npm run bench`: every benchmark, one table. Figures are ratios measured in the same run (ours
 * against a peer or against the raw limit) — never pass/fail timing in tests. `npm run bench --
 * NAME` runs only the benchmarks whose module name contains NAME.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type Figure = { name: string; value: number | string; unit?: string; note?: string };

const only = process.argv[2];
const modules = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f.includes(only))
  .sort();

const rows: Array<Figure & { bench: string }> = [];
for (const file of modules) {
  const bench = basename(file, '.bench.ts');
  const module = (await import(pathToFileURL(join(import.meta.dirname, file)).href)) as { default: () => Promise<Figure[]> };
  process.stderr.write(`running ${bench}…\n`);
  for (const figure of await module.default()) rows.push({ bench, ...figure });
}

const format = (v: number | string) => (typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : v);
const table = rows.map((r) => [r.bench, r.name, `${format(r.value)}${r.unit ? ' ' + r.unit : ''}`, r.note ?? '']);
const widths = [0, 1, 2, 3].map((i) =>
  Math.max(...table.map((r) => r[i].length), ['bench', 'figure', 'value', 'note'][i].length),
);
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(line(['bench', 'figure', 'value', 'note']));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table) console.log(line(row));
