/**
 * The demo case's whole-slide image: a synthetic H&E bladder tumour resection written as a DICOM
 * VL Whole Slide Microscopy series (3 JPEG levels, 16384 × 10240 at 0.25 µm/px, plus label,
 * overview and thumbnail). Deterministic: seeded randomness, fixed UIDs and dates.
 */
import { join } from 'node:path';
import { encodeDicomFile, writeFileAtomically, type OffsetTable } from '../slides/dicom/write/dicomFileWriter.js';
import { JPEG_BASELINE } from '../slides/dicom/transferSyntax.js';
import { labelImage } from './slide/labelImage.js';
import { LABEL_WIDTH_MM, OVERVIEW_PX_PER_MM, overviewImage } from './slide/overviewImage.js';
import { LEVEL_COUNT, LEVEL_FACTOR, buildPyramid, pyramidTileCount } from './slide/pyramidBuilder.js';
import { downsample, encodeJpeg, type RgbImage } from './slide/rgbImage.js';
import { TILE } from './slide/tissueRenderer.js';
import { TissueScene } from './slide/tissueScene.js';
import { LEVEL0_SPACING_MM, wsiDataset, type InstanceGeometry } from './slide/wsiDataset.js';

type Instance = {
  name: string;
  geometry: Omit<InstanceGeometry, 'compressionRatio'>;
  frames: Uint8Array[];
  offsetTable: OffsetTable;
};

/** Write the series into `outDir`; returns the file paths (levels first, then associated images). */
export async function generateDemoSlide(
  outDir: string,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<string[]> {
  // Progress counts tiles, plus one step for the scene and one per file written.
  const total = 1 + pyramidTileCount() + LEVEL_COUNT + 3;
  let done = 0;
  const step = () => onProgress(++done, total);
  onProgress(0, total);

  const scene = new TissueScene();
  step();
  const pyramid = await buildPyramid(scene, step);

  const toWrite: Instance[] = pyramid.levels.map((level, index) => ({
    name: `level-${index}`,
    geometry: {
      kind: 'VOLUME',
      instanceNumber: index + 1,
      width: level.width,
      height: level.height,
      tileWidth: TILE,
      tileHeight: TILE,
      frames: level.frames.length,
      spacing: LEVEL0_SPACING_MM * LEVEL_FACTOR ** index,
      resampled: index > 0,
    },
    frames: level.frames,
    // Level 0 carries an Extended Offset Table; the others a Basic Offset Table.
    offsetTable: index === 0 ? 'extended' : 'basic',
  }));
  const label = labelImage();
  const thumbnail = downsample(pyramid.smallest, 2);
  const overview = overviewImage(pyramid.smallest, label, LEVEL0_SPACING_MM);
  const levelCount = pyramid.levels.length;
  const smallestSpacing = LEVEL0_SPACING_MM * LEVEL_FACTOR ** (levelCount - 1);
  toWrite.push(
    single('LABEL', levelCount + 1, label, LABEL_WIDTH_MM / label.width),
    single('OVERVIEW', levelCount + 2, overview, 1 / OVERVIEW_PX_PER_MM),
    single('THUMBNAIL', levelCount + 3, thumbnail, smallestSpacing * 2),
  );

  const paths: string[] = [];
  for (const instance of toWrite) {
    const path = join(outDir, `${instance.name}.dcm`);
    const stored = instance.frames.reduce((sum, frame) => sum + frame.length, 0);
    const raw = instance.geometry.tileWidth * instance.geometry.tileHeight * 3 * instance.frames.length;
    const dataset = wsiDataset({ ...instance.geometry, compressionRatio: raw / stored });
    await writeFileAtomically(
      path,
      encodeDicomFile(dataset, JPEG_BASELINE, {
        kind: 'encapsulated',
        frames: instance.frames,
        offsetTable: instance.offsetTable,
      }),
    );
    paths.push(path);
    step();
  }
  return paths;
}

/** A single-frame associated image (the whole image is one JPEG). */
function single(kind: 'LABEL' | 'OVERVIEW' | 'THUMBNAIL', instanceNumber: number, image: RgbImage, spacing: number): Instance {
  return {
    name: kind.toLowerCase(),
    geometry: {
      kind,
      instanceNumber,
      width: image.width,
      height: image.height,
      tileWidth: image.width,
      tileHeight: image.height,
      frames: 1,
      spacing,
      resampled: kind === 'THUMBNAIL',
    },
    frames: [encodeJpeg(image)],
    offsetTable: 'basic',
  };
}
