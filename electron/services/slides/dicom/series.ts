import { basename, extname } from 'node:path';
import { badFile } from '../../errors.js';
import { text } from './datasetValues.js';
import { WSI_SOP_CLASS_UID, readDicomHeader, type DicomHeaderSummary } from './header.js';
import { describeNonSlide } from './slideInstance.js';

export type SlideSeries = { seriesInstanceUID: string; paths: string[]; name: string; patientIDs: string[] };

const HEADERS_AT_ONCE = 8;

/**
 * Group WSI files by Series Instance UID, in the order the series first appear. Any file that is
 * not a VL Whole Slide Microscopy image is rejected (BAD_FILE "not a slide").
 */
export async function groupSlideSeries(paths: string[]): Promise<SlideSeries[]> {
  const headers = await readHeaders(paths);
  const groups = new Map<string, { paths: string[]; headers: DicomHeaderSummary[] }>();
  for (const header of headers) {
    if (header.sopClassUID !== WSI_SOP_CLASS_UID) throw badFile(header.path, describeNonSlide(header));
    if (!header.seriesInstanceUID) throw badFile(header.path, 'the slide has no Series Instance UID');
    const group = groups.get(header.seriesInstanceUID) ?? { paths: [], headers: [] };
    group.paths.push(header.path);
    group.headers.push(header);
    groups.set(header.seriesInstanceUID, group);
  }
  return [...groups].map(([seriesInstanceUID, group]) => ({
    seriesInstanceUID,
    paths: group.paths,
    name: seriesName(group.headers),
    // Read here, with the headers, so that checking the case's patient needs no second read.
    patientIDs: [...new Set(group.headers.map((h) => h.patientID).filter((id): id is string => !!id))],
  }));
}

async function readHeaders(paths: string[]): Promise<DicomHeaderSummary[]> {
  const headers: DicomHeaderSummary[] = [];
  for (let start = 0; start < paths.length; start += HEADERS_AT_ONCE) {
    headers.push(...(await Promise.all(paths.slice(start, start + HEADERS_AT_ONCE).map(readDicomHeader))));
  }
  return headers;
}

function seriesName(headers: DicomHeaderSummary[]): string {
  for (const keyword of ['SeriesDescription', 'ContainerIdentifier']) {
    const name = headers.map((header) => text(header.dataset, keyword)).find(Boolean);
    if (name) return name;
  }
  const [first] = headers;
  return basename(first.path, extname(first.path));
}
