// Child process for atomicWrite.test.ts: rewrites the file over and over until killed.
import { writeFileAtomic } from '../../../electron/services/storage/atomicWrite.js';

const target = process.argv[2];
process.stdout.write('started\n');
for (let i = 1; ; i++) await writeFileAtomic(target, String(i % 10).repeat(200000));
