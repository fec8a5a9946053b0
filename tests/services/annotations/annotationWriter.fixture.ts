// Child process for annotationStore.test.ts: replaces one slide's annotations over and over until killed.
import { AnnotationStore } from '../../../electron/services/annotations/annotationStore.js';
import { manyAnnotations } from './annotationFixtures.js';

const [caseDir, dataDir] = process.argv.slice(2);
const store = new AnnotationStore(caseDir, dataDir);
const slide = { seriesInstanceUID: '1.2.3.4', name: 'Killed while saving' };
let previous = (await store.get(slide)).annotations.map((a) => a.id);
process.stdout.write('started\n');
for (let i = 1; ; i++) {
  const next = manyAnnotations(200 + (i % 7), `r${i}`);
  await store.change(slide, next, previous);
  previous = next.map((a) => a.id);
}
