import { stat } from 'node:fs/promises';
import { CaseSession } from '../case/caseSession.js';
import { openCase } from '../case/openCase.js';
import { badFile } from '../errors.js';

/** How many normalized variants `inspect` lists; `records` still counts them all. */
const MAX_LISTED_VARIANTS = 1000;

/**
 * What Triptych finds at a path, as JSON for `triptych inspect`: a case folder (its files, what
 * each holds, the slides, variant files and ctDNA series) or a single file of a known kind.
 */
export async function inspectPath(path: string, options: { isDemo?: boolean } = {}): Promise<unknown> {
  const info = await stat(path).catch(() => {
    throw badFile(path, 'no such file or folder');
  });
  const session = new CaseSession(await openCase(path, options));
  try {
    const { summary } = session;
    if (info.isFile()) {
      const file = summary.files[0];
      if (file.kind === 'slide') return { kind: 'slide', slides: await describeSlides(session) };
      if (file.kind === 'variants') return { kind: 'variants', ...listed(await session.variantTable(file.id)) };
      if (file.kind === 'ctdna') return { kind: 'ctdna', ...(await session.ctdnaSeries()) };
      throw badFile(path, 'not a file Triptych reads (DICOM slide, VCF, MAF, SEG or ctDNA results)');
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
      files: summary.files.map(({ name, kind, size }) => ({ name, kind, size })),
      slides: await describeSlides(session),
      variants,
      ctdna: summary.ctdnaFileIds.length ? await session.ctdnaSeries() : null,
      warnings: summary.warnings,
    };
  } finally {
    await session.close();
  }
}

async function describeSlides(session: CaseSession) {
  const slides = [];
  for (const ref of session.summary.slides) {
    const info = await session.slideInfo(ref.id);
    slides.push({
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
    });
  }
  return slides;
}

function listed<T extends { variants: unknown[] }>(table: T): T {
  return { ...table, variants: table.variants.slice(0, MAX_LISTED_VARIANTS) };
}
