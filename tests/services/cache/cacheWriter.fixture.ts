// Child process for diskCache.test.ts: writes entries as fast as it can until killed.
import { DiskCache } from '../../../electron/services/cache/diskCache.js';

const [dir, round] = process.argv.slice(2);
const bytes = (n: number, seed: number) => {
  const b = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) b[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return b;
};
const group = new DiskCache(dir, 2 ** 40).group(`round-${round}`);
await group.has('x');
process.stdout.write('started\n');
for (let i = 0; i < 400; i++) await group.put(`frame-${i}`, bytes(20_000 + i, Number(round) * 1000 + i), 'image/jpeg');
