/**
 * One patient's slides in HealthImaging on the loopback stand-in, for unit tests, e2e and the
 * bench, made from generated DICOM slides (the same files are also a local case to compare with):
 *
 * - `grid`: JPEG baseline, 2 levels, every level-0 tile a known flat colour (codecCase's grid);
 * - `htj2k`: HTJ2K lossless RGB, 3 focal planes (frames served as image/jph);
 * - `sparse`: a TILED_SPARSE JPEG level with tiles missing, whose metadata keeps its per-frame
 *   positions; `sparseNoPositions`: the same image set with the Per-Frame Functional Groups left out;
 * - `mono16`: uncompressed 16-bit (application/octet-stream);
 * - `j2k`: JPEG 2000 lossless (image/j2c); `htj2kRpcl`: the HTJ2K frames stored as HTJ2K RPCL
 *   (1.2.840.10008.1.2.4.202), which GetImageFrame answers as image/jphc.
 *
 * Plus other patients' image sets (CT, so the SM filter has something to drop) for paging.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeCodecSlide } from '../../services/slides/fixtures/codecSlides.js';
import { GRID, PLANE_COLOURS, writeGridSlide } from '../../services/slides/fixtures/codecCase.js';
import { seriesUID, writeInstance, type TileKey } from '../../services/slides/fixtures/slideFixtures.js';
import { startAwsTestServer, type AwsTestServer, type TestCredentials } from './awsTestServer.js';
import { frameContentType, HealthImagingStandIn, imageSetFromDicomFiles } from './healthImagingService.js';

export const IMAGING = {
  region: 'us-east-1',
  datastoreId: '0123456789abcdef0123456789abcdef',
  otherDatastoreId: 'fedcba9876543210fedcba9876543210',
  grid: 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1',
  htj2k: 'b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2',
  sparse: 'c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3',
  sparseNoPositions: 'd4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4',
  mono16: 'e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5',
  j2k: 'f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6',
  htj2kRpcl: 'a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7',
  patientId: 'PAT-0042',
  accessionNumber: 'ACC-7001',
  studyDate: '20240305',
} as const;

/** Tiles of the sparse level (4 × 3 grid of 64 px): these are stored, the others are not. */
export const SPARSE_TILES: TileKey[] = [
  { col: 0, row: 0 },
  { col: 1, row: 0 },
  { col: 3, row: 0 },
  { col: 2, row: 1 },
  { col: 0, row: 2 },
  { col: 3, row: 2 },
];

export type ImagingWorld = {
  server: AwsTestServer;
  imaging: HealthImagingStandIn;
  /** The same slides as local DICOM files, one folder per slide. */
  localDirs: Record<'grid' | 'htj2k' | 'sparse' | 'mono16' | 'j2k', string>;
};

/** The colour of every pixel of the `j2k` slide at (x, y). */
export const j2kColour = (x: number, y: number): [number, number, number] => [x & 255, y & 255, (x + y) & 255];

const dicomIn = async (dir: string) => (await readdir(dir)).filter((n) => n.endsWith('.dcm')).map((n) => join(dir, n));

export async function startImagingWorld(
  dir: string,
  options: { latencyMs?: number; otherImageSets?: number; credentials?: TestCredentials[] } = {},
): Promise<ImagingWorld> {
  const localDirs = {
    grid: join(dir, 'grid'),
    htj2k: join(dir, 'htj2k'),
    sparse: join(dir, 'sparse'),
    mono16: join(dir, 'mono16'),
    j2k: join(dir, 'j2k'),
  };
  for (const d of Object.values(localDirs)) await mkdir(d, { recursive: true });
  await writeGridSlide(localDirs.grid);
  await writeCodecSlide({
    dir: localDirs.htj2k,
    name: 'htj2k',
    seriesDescription: 'Focal planes (HTJ2K)',
    codec: 'htj2k',
    levels: [{ width: 512, height: 256 }],
    tileSize: 256,
    components: 3,
    bits: 8,
    focalPlanes: 3,
    mpp: 0.25,
    pixel: (_level, _x, _y, plane) => PLANE_COLOURS[plane],
  });
  await writeInstance(localDirs.sparse, seriesUID('sparse'), {
    fileName: 'sparse.dcm',
    width: 256,
    height: 192,
    tileWidth: 64,
    tileHeight: 64,
    organization: 'TILED_SPARSE',
    sparseTiles: SPARSE_TILES,
    seriesDescription: 'Sparse level (JPEG)',
  });
  await writeCodecSlide({
    dir: localDirs.mono16,
    name: 'mono16',
    seriesDescription: 'Monochrome 16-bit (uncompressed)',
    codec: 'raw',
    levels: [{ width: 256, height: 256 }],
    tileSize: 256,
    components: 1,
    bits: 16,
    pixel: (_level, x) => [1000 + x],
  });

  await writeCodecSlide({
    dir: localDirs.j2k,
    name: 'j2k',
    seriesDescription: 'JPEG 2000 (lossless)',
    codec: 'j2k',
    levels: [{ width: 256, height: 256 }],
    tileSize: 256,
    components: 3,
    bits: 8,
    pixel: (_level, x, y) => j2kColour(x, y),
  });

  const imaging = new HealthImagingStandIn({ region: IMAGING.region });
  imaging.datastores.push({ id: IMAGING.datastoreId, name: 'pathology' }, { id: IMAGING.otherDatastoreId, name: 'radiology' });
  const ds = IMAGING.datastoreId;
  const tags = { accessionNumber: IMAGING.accessionNumber, studyDate: IMAGING.studyDate };
  const add = async (paths: string[], imageSetId: string, extra: { dropPerFrame?: boolean } = {}) => {
    const set = await imageSetFromDicomFiles(paths, { datastoreId: ds, imageSetId }, { ...tags, ...extra });
    set.metadata.Patient.DICOM.PatientID = IMAGING.patientId;
    imaging.imageSets.push(set);
    return set;
  };
  await add(await dicomIn(localDirs.grid), IMAGING.grid);
  await add(await dicomIn(localDirs.htj2k), IMAGING.htj2k);
  await add(await dicomIn(localDirs.sparse), IMAGING.sparse);
  await add(await dicomIn(localDirs.sparse), IMAGING.sparseNoPositions, { dropPerFrame: true });
  await add(await dicomIn(localDirs.mono16), IMAGING.mono16);
  await add(await dicomIn(localDirs.j2k), IMAGING.j2k);
  const rpcl = await add(await dicomIn(localDirs.htj2k), IMAGING.htj2kRpcl);
  for (const series of Object.values(rpcl.metadata.Study.Series))
    for (const instance of Object.values(series.Instances)) instance.StoredTransferSyntaxUID = '1.2.840.10008.1.2.4.202';
  for (const frame of rpcl.frames.values()) frame.contentType = frameContentType('1.2.840.10008.1.2.4.202');

  // Other patients, and CT image sets of this one: paging and the SM filter have something to do.
  const template = imaging.imageSets[0];
  for (let i = 0; i < (options.otherImageSets ?? 60); i++) {
    const ct = i % 3 === 0;
    const metadata = JSON.parse(JSON.stringify(template.metadata)) as typeof template.metadata;
    metadata.ImageSetID = `f${String(i).padStart(31, '0')}`;
    metadata.Patient.DICOM.PatientID = ct ? IMAGING.patientId : `PAT-${1000 + i}`;
    metadata.Study.DICOM.StudyDate = `2023${String((i % 12) + 1).padStart(2, '0')}15`;
    metadata.Study.DICOM.AccessionNumber = `ACC-${8000 + i}`;
    if (ct) for (const series of Object.values(metadata.Study.Series)) series.DICOM.Modality = 'CT';
    imaging.imageSets.push({ datastoreId: ds, imageSetId: metadata.ImageSetID, metadata, frames: new Map() });
  }

  const server = await startAwsTestServer({
    routes: imaging.routes(),
    latencyMs: options.latencyMs,
    credentials: options.credentials,
  });
  return { server, imaging, localDirs };
}

export { GRID, PLANE_COLOURS };
