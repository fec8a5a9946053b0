import { mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../storage/atomicWrite.js';
import { generateDemoCaseJson } from './demoCaseJson.js';
import { generateDemoCtdna } from './demoCtdna.js';
import { generateDemoSlide } from './demoSlide.js';
import { generateDemoVariants } from './demoVariants.js';

/** Bump when a generator changes what it writes: the cached demo is then made anew. */
export const DEMO_VERSION = 5;
const MARKER = '.triptych-demo-complete';

export type DemoProgress = (done: number, total: number, message: string) => void;

let pending: Promise<string> | undefined;

/**
 * The built-in synthetic demo case: generated deterministically on first need into the data
 * folder, then reused. Generated in a temporary folder and renamed into place, so an interrupted
 * generation is never taken for a finished one.
 */
export function ensureDemoCase(dataDir: string, onProgress: DemoProgress = () => {}): Promise<string> {
  pending ??= build(dataDir, onProgress).finally(() => (pending = undefined));
  return pending;
}

async function build(dataDir: string, onProgress: DemoProgress): Promise<string> {
  const target = join(dataDir, 'demo-case', `v${DEMO_VERSION}`);
  if (await isComplete(target)) return target;
  const temp = `${target}.partial-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  onProgress(0, 100, 'Writing the demo variants and ctDNA results');
  await generateDemoCaseJson(temp);
  // The case ships the VCF as somatic callers deliver it, bgzipped with its tabix index; the plain
  // copy would be a second variant file with the same records.
  const [plainVcf] = await generateDemoVariants(temp);
  await rm(plainVcf);
  await generateDemoCtdna(temp);
  await generateDemoSlide(join(temp, 'slides'), (done, total) =>
    onProgress(5 + Math.round((95 * done) / Math.max(1, total)), 100, 'Generating the demo whole-slide image'),
  );
  await writeFileAtomic(join(temp, MARKER), String(DEMO_VERSION));
  await rm(target, { recursive: true, force: true });
  await rename(temp, target);
  await removeOlderVersions(dirname(target));
  onProgress(100, 100, 'Demo case ready');
  return target;
}

async function isComplete(folder: string): Promise<boolean> {
  try {
    await stat(folder);
    return (await readFile(join(folder, MARKER), 'utf8')).trim() === String(DEMO_VERSION);
  } catch {
    return false;
  }
}

/** Demo cases of earlier versions are hundreds of MB that nothing reads any more. */
async function removeOlderVersions(folder: string): Promise<void> {
  for (const entry of await readdir(folder)) {
    const version = /^v(\d+)$/.exec(entry);
    if (version && Number(version[1]) < DEMO_VERSION) await rm(join(folder, entry), { recursive: true, force: true });
  }
}
