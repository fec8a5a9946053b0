import type { CaseFile } from '../../../shared/model/case.js';
import { fileGenomeBuild } from '../variants/fileGenomeBuild.js';

export type CaseGenomeBuild = {
  /** case.json's build, else the one build all variant files that name one agree on. */
  build?: string;
  warnings: string[];
};

/**
 * A variant file on another build than the case puts every locus in the wrong place: said at the
 * case level, with the file's name, never silently lifted over.
 */
export async function checkGenomeBuilds(
  declared: string | undefined,
  variantFiles: readonly CaseFile[],
  pathOf: (fileId: string) => string,
): Promise<CaseGenomeBuild> {
  const named = (
    await Promise.all(variantFiles.map(async (file) => ({ file, build: await fileGenomeBuild(pathOf(file.id)) })))
  ).filter((entry): entry is { file: CaseFile; build: string } => entry.build !== undefined);
  if (declared) {
    return {
      build: declared,
      warnings: named
        .filter(({ build }) => build !== declared)
        .map(({ file, build }) => `Variant file "${file.name}" is on ${build}, not ${declared} as case.json says.`),
    };
  }
  const builds = [...new Set(named.map(({ build }) => build))];
  if (builds.length <= 1) return { build: builds[0], warnings: [] };
  const list = named.map(({ file, build }) => `"${file.name}" (${build})`).join(', ');
  return { warnings: [`The variant files are on different genome builds: ${list}.`] };
}
