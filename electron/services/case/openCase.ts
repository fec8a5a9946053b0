import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { CaseFile, CaseSummary, SlideRef, Specimen } from '../../../shared/model/case.js';
import { badFile } from '../errors.js';
import { groupSlideSeries } from '../slides/dicom/index.js';
import { readCaseJson, type CaseJson } from './caseJson.js';
import { detectFileKind } from './detectFileKind.js';
import { checkGenomeBuilds } from './genomeBuildCheck.js';
import { listCaseFiles, type FoundFile } from './listCaseFiles.js';
// ---- HealthImaging (#9) ----
import { healthImagingUrl, type HealthImagingRef } from '../../../shared/model/healthImaging.js';
// ---- end HealthImaging ----

/** A case as the Node side holds it: the summary the page sees, and the paths behind the ids. */
export type CaseIndex = {
  /** The case folder (the file's folder when a single file was opened). */
  root: string;
  summary: CaseSummary;
  /** file id → absolute path */
  paths: Map<string, string>;
  /** slide id → absolute paths of the series' files */
  slidePaths: Map<string, string[]>;
  // ---- HealthImaging (#9) ----
  /** slide id → the HealthImaging image set case.json names */
  remoteSlides?: Map<string, HealthImagingRef>;
  // ---- end HealthImaging ----
};

/** Ids are short hashes of what they stand for: stable across reopening, never a path. */
const idOf = (prefix: string, key: string): string => prefix + createHash('sha256').update(key).digest('base64url').slice(0, 16);

/** Scan a case folder (or take one file as a case of its own) and recognize what is in it. */
export async function openCase(inputPath: string, options: { isDemo?: boolean } = {}): Promise<CaseIndex> {
  const target = resolve(inputPath);
  let info;
  try {
    info = await stat(target);
  } catch {
    throw badFile(inputPath, 'no such file or folder');
  }
  const root = info.isDirectory() ? target : dirname(target);
  let found: FoundFile[];
  const warnings: string[] = [];
  if (info.isDirectory()) {
    const listing = await listCaseFiles(root);
    found = listing.files;
    if (listing.truncated) warnings.push(`Only the first ${found.length} files of the folder were read.`);
  } else if (info.isFile()) {
    found = [{ path: target, name: basename(target), size: info.size }];
  } else {
    throw badFile(inputPath, 'not a file or folder');
  }

  const files: CaseFile[] = [];
  const paths = new Map<string, string>();
  const dicomPaths: string[] = [];
  let caseJson: CaseJson = {};
  for (const file of found) {
    const kind = await detectFileKind(file.path).catch(() => 'unknown' as const);
    const id = idOf('f', `${root}\0${file.name}`);
    paths.set(id, file.path);
    files.push({ id, name: file.name, kind, size: file.size });
    if (kind === 'slide') dicomPaths.push(file.path);
    if (kind === 'case-json') {
      const read = await readCaseJson(file.path, file.name);
      caseJson = read.value;
      warnings.push(...read.warnings);
    }
  }

  const slides: SlideRef[] = [];
  const slidePaths = new Map<string, string[]>();
  const fileIdOf = new Map([...paths].map(([id, path]) => [path, id]));
  const patientIDs = new Map<string, string[]>();
  for (const series of await groupSeriesKeepingFailures(dicomPaths)) {
    const id = idOf('s', `${root}\0${series.key}`);
    slidePaths.set(id, series.paths);
    patientIDs.set(id, series.patientIDs);
    slides.push({ id, name: series.name, fileIds: series.paths.map((p) => fileIdOf.get(p)!) });
  }

  const specimens = linkSpecimens(caseJson, files, slides, warnings);
  warnings.push(...patientIdMismatches(caseJson, slides, patientIDs));
  // ---- HealthImaging (#9): image sets case.json names, after the local slides ----
  const remoteSlides = new Map<string, HealthImagingRef>();
  for (const ref of caseJson.healthImaging ?? []) {
    const url = healthImagingUrl(ref);
    const id = idOf('h', url);
    if (remoteSlides.has(id)) continue;
    remoteSlides.set(id, ref);
    slides.push({ id, name: ref.label ?? `HealthImaging ${ref.imageSetId}`, fileIds: [], remoteUrl: url });
  }
  // ---- end HealthImaging ----
  const variantFiles = files.filter((f) => f.kind === 'variants');
  const genome = await checkGenomeBuilds(caseJson.genomeBuild, variantFiles, (id) => paths.get(id)!);
  warnings.push(...genome.warnings);

  const summary: CaseSummary = {
    root: options.isDemo ? 'built-in synthetic demo' : root,
    title: caseJson.title ?? basename(root),
    isDemo: options.isDemo ?? false,
    patient: caseJson.patient ?? {},
    ...(genome.build ? { genomeBuild: genome.build } : {}),
    files,
    slides,
    variantFileIds: variantFiles.map((f) => f.id),
    ctdnaFileIds: files.filter((f) => f.kind === 'ctdna').map((f) => f.id),
    specimens,
    warnings,
  };
  return { root, summary, paths, slidePaths, remoteSlides };
}

/**
 * Group DICOM files into slide series. A file that cannot be grouped (broken, not a slide) stays a
 * slide of its own, so that opening it in the slide pane says what is wrong with which file.
 */
type SeriesGroup = { key: string; name: string; paths: string[]; patientIDs: string[] };

async function groupSeriesKeepingFailures(dicomPaths: string[]): Promise<SeriesGroup[]> {
  if (dicomPaths.length === 0) return [];
  try {
    return (await groupSlideSeries(dicomPaths)).map((s) => ({
      key: s.seriesInstanceUID,
      name: s.name,
      paths: s.paths,
      patientIDs: s.patientIDs,
    }));
  } catch {
    const bySeries = new Map<string, SeriesGroup>();
    for (const path of dicomPaths) {
      try {
        const [series] = await groupSlideSeries([path]);
        const group = bySeries.get(series.seriesInstanceUID) ?? {
          key: series.seriesInstanceUID,
          name: series.name,
          paths: [],
          patientIDs: [],
        };
        group.paths.push(path);
        for (const id of series.patientIDs) if (!group.patientIDs.includes(id)) group.patientIDs.push(id);
        bySeries.set(group.key, group);
      } catch {
        bySeries.set(`file:${path}`, { key: `file:${path}`, name: basename(path), paths: [path], patientIDs: [] });
      }
    }
    return [...bySeries.values()];
  }
}

/** case.json's specimens with their file paths turned into ids; what does not resolve is said. */
function linkSpecimens(caseJson: CaseJson, files: CaseFile[], slides: SlideRef[], warnings: string[]): Specimen[] {
  const under = (name: string, ref: string) => name === ref || name.startsWith(ref.replace(/\/+$/, '') + '/');
  const specimens = (caseJson.specimens ?? []).map((declared) => {
    const slideIds = new Set<string>();
    for (const ref of declared.slides ?? []) {
      const matched = slides.filter((slide) => slide.fileIds.some((id) => under(files.find((f) => f.id === id)!.name, ref)));
      if (matched.length === 0)
        warnings.push(`case.json: specimen ${declared.id} names slide "${ref}", which is not a slide of the case.`);
      for (const slide of matched) slideIds.add(slide.id);
    }
    const variantFileIds: string[] = [];
    for (const ref of declared.variantFiles ?? []) {
      const file = files.find((f) => f.name === ref && f.kind === 'variants');
      if (file) variantFileIds.push(file.id);
      else
        warnings.push(`case.json: specimen ${declared.id} names variant file "${ref}", which is not a variant file of the case.`);
    }
    const { slides: _slides, variantFiles: _variantFiles, ...rest } = declared;
    return { ...rest, slideIds: [...slideIds], variantFileIds };
  });
  if (specimens.some((s) => s.type === 'tissue')) {
    for (const slide of slides) {
      if (!specimens.some((s) => s.slideIds.includes(slide.id)))
        warnings.push(`Slide "${slide.name}" belongs to no specimen of case.json.`);
    }
  }
  return specimens;
}

/** A slide whose DICOM Patient ID is not the case's: shown, not hidden. */
function patientIdMismatches(caseJson: CaseJson, slides: SlideRef[], patientIDs: Map<string, string[]>): string[] {
  const expected = caseJson.patient?.id;
  if (!expected) return [];
  return slides.flatMap((slide) =>
    (patientIDs.get(slide.id) ?? [])
      .filter((id) => id !== expected)
      .map((id) => `Slide "${slide.name}" is of patient ID ${id}, not ${expected} as case.json says.`),
  );
}
