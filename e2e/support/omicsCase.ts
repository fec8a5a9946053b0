/** A case folder whose case.json names HealthOmics data of the stand-in's patient, for the HealthOmics specs. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORLD } from '../../tests/support/aws/omicsWorld.js';

type Named = Array<{ url: string; label?: string }>;

export function omicsCase(
  parent: string,
  title: string,
  healthOmics: { readSets?: Named; references?: Named; runs?: Named; runOutputs?: Named },
): string {
  const caseDir = mkdtempSync(join(parent, 'case-'));
  writeFileSync(join(caseDir, 'case.json'), JSON.stringify({ title, patient: { id: WORLD.subjectId }, healthOmics }));
  return caseDir;
}
