import { stat } from 'node:fs/promises';
import { CaseSession } from '../case/caseSession.js';
import { openCase } from '../case/openCase.js';
import { ctdnaInspectJson } from '../ctdna/ctdnaInspectJson.js';
import { badFile, ServiceError } from '../errors.js';
import type { SlideRef } from '../../../shared/model/case.js';
import { inspectVariants } from './inspectVariants.js';
// ---- HealthOmics (#10) ----
import { parseOmicsUrl } from '../../../shared/model/healthOmics.js';
import { inspectOmics } from '../healthomics/inspectOmics.js';
// ---- end HealthOmics ----
// ---- HealthImaging (#9) ----
import { parseHealthImagingUrl } from '../../../shared/model/healthImaging.js';
import { openStandaloneHealthImagingSlide } from '../healthimaging/standaloneImaging.js';
import type { SlideInfo } from '../../../shared/model/slide.js';
// ---- end HealthImaging ----

/**
 * What Triptych finds at a path, as JSON for `triptych inspect`: a case folder (its files, what
 * each holds, the slides, variant files and ctDNA series) or a single file of a known kind.
 */
export async function inspectPath(path: string, options: { isDemo?: boolean } = {}): Promise<unknown> {
  // ---- HealthOmics (#10): omics://, omics-reference://, omics-run://, s3:// ----
  const omics = parseOmicsUrl(path);
  if (omics) return inspectOmics(omics, { inspectFile: (file) => inspectPath(file) });
  if (/^(omics|omics-reference|omics-run|s3):\/\//.test(path)) {
    throw badFile(path, 'not a HealthOmics or S3 URL of a form Triptych reads (see `triptych --help`)');
  }
  // ---- end HealthOmics ----
  // ---- HealthImaging (#9): healthimaging://REGION/DATASTORE_ID/IMAGE_SET_ID, as a local slide prints ----
  const imageSet = parseHealthImagingUrl(path);
  if (imageSet) {
    const source = await openStandaloneHealthImagingSlide(imageSet);
    return { kind: 'slide', slides: [slideJson(source.describe())] };
  }
  if (/^healthimaging:\/\//.test(path)) {
    throw badFile(path, 'not a HealthImaging URL of the form healthimaging://REGION/DATASTORE_ID/IMAGE_SET_ID');
  }
  // ---- end HealthImaging ----
  const info = await stat(path).catch(() => {
    throw badFile(path, 'no such file or folder');
  });
  const session = new CaseSession(await openCase(path, options));
  try {
    const { summary } = session;
    if (info.isFile()) {
      const file = summary.files[0];
      if (file.kind === 'slide') return { kind: 'slide', slides: await describeSlides(session) };
      if (file.kind === 'variants') return inspectVariants(await session.variantTable(file.id));
      if (file.kind === 'ctdna') return ctdnaInspectJson(await session.ctdnaSeries());
      throw badFile(
        path,
        'not a file Triptych reads (DICOM slide, VCF, MAF, SEG, or ctDNA results: CSV, JSON, FHIR R4, cBioPortal timeline)',
      );
    }
    const variants = [];
    for (const id of summary.variantFileIds) {
      const table = await session.variantTable(id);
      variants.push({ file: table.fileName, format: table.format, records: table.records, samples: table.samples });
    }
    return {
      kind: 'case',
      root: summary.root,
      title: summary.title,
      patient: summary.patient,
      genomeBuild: summary.genomeBuild ?? null,
      files: summary.files.map(({ name, kind, size }) => ({ name, kind, size })),
      slides: await describeSlides(session, { keepFailures: true }),
      variants,
      ctdna: summary.ctdnaFileIds.length ? await session.ctdnaSeries() : null,
      warnings: summary.warnings,
    };
  } finally {
    await session.close();
  }
}

/**
 * The slides of the session. In a case folder (`keepFailures`) a slide that cannot be opened — an
 * image set the service refuses or does not have, a broken local series — is printed as what it
 * is and why it failed, and the rest of the case still prints; a single file fails as a whole.
 */
async function describeSlides(session: CaseSession, options: { keepFailures?: boolean } = {}) {
  const slides = [];
  for (const ref of session.summary.slides) {
    try {
      slides.push(slideJson(await session.slideInfo(ref.id)));
    } catch (error) {
      if (!options.keepFailures) throw error;
      slides.push(failedSlideJson(session, ref, error));
    }
  }
  return slides;
}

/** A slide that failed to open: where it is (its URL, or its first file in the case), its name, and why. */
function failedSlideJson(session: CaseSession, ref: SlideRef, error: unknown) {
  const firstFile = session.summary.files.find((f) => f.id === ref.fileIds[0]);
  const message = error instanceof Error ? error.message : String(error);
  return {
    source: ref.remoteUrl ?? firstFile?.name ?? ref.name,
    name: ref.name,
    errorCode: error instanceof ServiceError ? error.code : 'INTERNAL',
    error: message.replace(/\s*\n\s*/g, ' ').trim(),
  };
}

/** One slide as `inspect` prints it (local or HealthImaging alike). */
function slideJson(info: Omit<SlideInfo, 'id' | 'tileUrlTemplate' | 'associated'> & { associated: Array<{ type: string }> }) {
  return {
    // ---- HealthImaging (#9) ----
    ...(info.remoteUrl ? { source: info.remoteUrl } : {}),
    ...(info.notes?.length ? { notes: info.notes } : {}),
    // ---- end HealthImaging ----
    name: info.name,
    seriesInstanceUID: info.seriesInstanceUID,
    transferSyntax: info.transferSyntax,
    focalPlanes: info.focalPlanes,
    opticalPaths: info.opticalPaths,
    associated: info.associated.map((a) => a.type),
    levels: info.levels.map(({ width, height, tileWidth, tileHeight, downsample, tileCount, mppX, mppY }) => ({
      width,
      height,
      tileWidth,
      tileHeight,
      downsample,
      tileCount,
      mppX,
      mppY,
    })),
  };
}
