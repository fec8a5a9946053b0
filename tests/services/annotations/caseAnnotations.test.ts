/**
 * A case's annotations through the contract: DICOM Microscopy Bulk Simple Annotations (highdicom's
 * real file, checked against pydicom) shown over the slide they refer to, 2D and 3D; QuPath
 * GeoJSON in and out; the board's flagged annotations.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAppServices } from '../../../electron/services/createAppServices.js';
import { parseDataset, writeDataset, type NaturalDataset } from '../../../electron/services/slides/dicom/dcmjsBridge.js';
import type { ResultOf } from '../../../shared/contract.js';
import { annotation, manyAnnotations } from './annotationFixtures.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..');
// TRIPTYCH_TESTDATA: where a git worktree's ../shared is not the shared folder.
const dicomDir = resolve(process.env.TRIPTYCH_TESTDATA ?? resolve(repoRoot, '../shared/testdata'), 'dicom');
const haveData = existsSync(join(dicomDir, 'sm_annotations.dcm')) && existsSync(join(dicomDir, 'sm_image.dcm'));
if (!haveData) console.log(`skipping DICOM bulk annotations: ${dicomDir} is absent`);

const fresh = (name: string) => mkdtempSync(join(tmpdir(), `triptych-case-ann-${name}-`));

async function services(caseDir: string) {
  const app = await createAppServices({ dataDir: fresh('data'), host: 'http', emit: () => {} });
  const call = async <M extends Parameters<typeof app.dispatch>[0]>(method: M, params: unknown) => {
    const answer = await app.dispatch(method, params);
    if (!answer.ok) throw Object.assign(new Error(answer.error.message), answer.error);
    return answer.value;
  };
  const summary = (await call('case.open', { path: caseDir })) as ResultOf<'case.open'>;
  return { app, call, summary };
}

/** The file's coordinates and measurements as pydicom reads them: an independent reader. */
function pydicomGroups(path: string): Array<{ type: string; count: number; points: number[]; area: number[] }> {
  const script = `
import sys, json, struct, pydicom
ds = pydicom.dcmread(sys.argv[1])
out = []
for g in ds.AnnotationGroupSequence:
    b = g.DoublePointCoordinatesData
    m = g.MeasurementsSequence[0].MeasurementValuesSequence[0].FloatingPointValues
    out.append({'type': g.GraphicType, 'count': int(g.NumberOfAnnotations),
                'points': list(struct.unpack('<%dd' % (len(b) // 8), b)),
                'area': list(struct.unpack('<%df' % (len(m) // 4), m))})
print(json.dumps(out))
`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8' }));
}
const havePydicom = (() => {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import pydicom'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function caseWithBulkAnnotations(annotationsBytes?: Uint8Array): string {
  const caseDir = fresh('case');
  copyFileSync(join(dicomDir, 'sm_image.dcm'), join(caseDir, 'sm_image.dcm'));
  if (annotationsBytes) writeFileSync(join(caseDir, 'nuclei.dcm'), annotationsBytes);
  else copyFileSync(join(dicomDir, 'sm_annotations.dcm'), join(caseDir, 'nuclei.dcm'));
  return caseDir;
}

describe.skipIf(!haveData)('DICOM bulk annotations over their slide', () => {
  it('is recognized as annotations (not a slide) and shown over the slide it refers to, where its 2D coordinates say', async () => {
    const { call, summary } = await services(caseWithBulkAnnotations());
    expect(summary.files.find((f) => f.name === 'nuclei.dcm')?.kind).toBe('annotations');
    expect(summary.slides).toHaveLength(1);
    const got = (await call('annotations.get', { slideId: summary.slides[0].id })) as ResultOf<'annotations.get'>;
    expect(got.annotations).toEqual([]);
    expect(got.imported).toHaveLength(1);
    const [layer] = got.imported;
    expect(layer.coordinateType).toBe('2D');
    expect(layer.fileName).toBe('nuclei.dcm');
    expect(layer.warnings).toEqual([]);
    if (!havePydicom) return console.log('pydicom absent: coordinates not compared');
    const [group] = pydicomGroups(join(dicomDir, 'sm_annotations.dcm'));
    expect(group.type).toBe('POINT');
    expect(layer.annotations).toHaveLength(group.count);
    layer.annotations.forEach((a, i) => {
      expect(a.shape).toEqual({ type: 'point', coords: group.points.slice(i * 2, i * 2 + 2) });
      expect(a.label).toBe('nuclei');
      expect(a.classification?.name).toBe('Nucleus');
      expect(a.measurements?.['Area µm^2']).toBeCloseTo(group.area[i], 4);
    });
  });

  it('maps 3D (slide, mm) coordinates to the same pixels through the slide’s origin, orientation and spacing', async () => {
    const original = parseDataset(readBytes(join(dicomDir, 'sm_annotations.dcm')));
    const image = parseDataset(readBytes(join(dicomDir, 'sm_image.dcm'))).dataset;
    const origin = (image.TotalPixelMatrixOriginSequence as NaturalDataset[])[0];
    const [r1, r2, , c1, c2] = image.ImageOrientationSlide as number[];
    const shared = (image.SharedFunctionalGroupsSequence as NaturalDataset[])[0];
    const [rowSpacing, colSpacing] = ((shared.PixelMeasuresSequence as NaturalDataset[])[0].PixelSpacing as number[]).map(Number);
    const group = (original.dataset.AnnotationGroupSequence as NaturalDataset[])[0];
    const pixels = [...new Float64Array((group.DoublePointCoordinatesData as ArrayBuffer[])[0])];
    // Forward, as PS3.3 C.8.12.2.1.1 places the total pixel matrix on the slide.
    const slidePoints: number[] = [];
    for (let i = 0; i < pixels.length; i += 2) {
      const [col, row] = [pixels[i], pixels[i + 1]];
      slidePoints.push(
        Number(origin.XOffsetInSlideCoordinateSystem) + r1 * colSpacing * col + c1 * rowSpacing * row,
        Number(origin.YOffsetInSlideCoordinateSystem) + r2 * colSpacing * col + c2 * rowSpacing * row,
        0,
      );
    }
    delete group.DoublePointCoordinatesData;
    group.PointCoordinatesData = [new Float32Array(slidePoints).buffer];
    original.dataset.AnnotationCoordinateType = '3D';
    const { call, summary } = await services(caseWithBulkAnnotations(writeDataset(original.meta, original.dataset)));
    const [layer] = ((await call('annotations.get', { slideId: summary.slides[0].id })) as ResultOf<'annotations.get'>).imported;
    expect(layer.coordinateType).toBe('3D');
    expect(layer.annotations).toHaveLength(pixels.length / 2);
    layer.annotations.forEach((a, i) => {
      const coords = (a.shape as { coords: number[] }).coords;
      // float32 mm on a 25 mm slide: a few hundredths of a 0.5 µm pixel.
      expect(coords[0]).toBeCloseTo(pixels[i * 2], 1);
      expect(coords[1]).toBeCloseTo(pixels[i * 2 + 1], 1);
    });
  });

  it('leaves out annotations that refer to another slide', async () => {
    const original = parseDataset(readBytes(join(dicomDir, 'sm_annotations.dcm')));
    (original.dataset.ReferencedSeriesSequence as NaturalDataset[])[0].SeriesInstanceUID = '1.2.3.4.5';
    const { call, summary } = await services(caseWithBulkAnnotations(writeDataset(original.meta, original.dataset)));
    expect(((await call('annotations.get', { slideId: summary.slides[0].id })) as ResultOf<'annotations.get'>).imported).toEqual(
      [],
    );
  });

  it('saves through the contract, exports QuPath GeoJSON, imports it back, and lists what is flagged for discussion', async () => {
    const { call, summary } = await services(caseWithBulkAnnotations());
    const slideId = summary.slides[0].id;
    const square = annotation(
      '5b7f0c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e',
      { type: 'polygon', polygons: [[[10, 10, 30, 10, 30, 30, 20, 35, 10, 30]]] },
      {
        classification: { name: 'Tumor', color: [200, 0, 0] },
        label: 'focus',
        discuss: true,
      },
    );
    const saved = (await call('annotations.change', {
      slideId,
      upsert: [square, ...manyAnnotations(3)],
      remove: [],
    })) as ResultOf<'annotations.change'>;
    expect(saved).toMatchObject({ slideId, count: 4, location: 'case-folder' });
    const exported = (await call('annotations.exportGeoJson', { slideId })) as ResultOf<'annotations.exportGeoJson'>;
    expect(exported.count).toBe(4);
    const collection = JSON.parse(exported.text);
    const feature = collection.features.find((f: { id: string }) => f.id === square.id);
    expect(feature.properties.classification).toEqual({ name: 'Tumor', color: [200, 0, 0] });
    // A 20 × 20 px square and a 20 × 5 px triangle, at 0.499 µm (sm_image.dcm's spacing).
    expect(feature.properties.measurements['Area µm^2']).toBeCloseTo(450 * 0.499 * 0.499, 6);

    const flagged = (await call('annotations.flagged', {})) as ResultOf<'annotations.flagged'>;
    expect(flagged.map((f) => f.id)).toContain(square.id);
    expect(flagged.find((f) => f.id === square.id)).toMatchObject({
      slideId,
      label: 'focus',
      className: 'Tumor',
      areaUm2: expect.closeTo(112.05, 1),
    });

    // Imported into a fresh case: the same shapes, new ids only where taken.
    const other = await services(caseWithBulkAnnotations());
    const result = (await other.call('annotations.importGeoJson', {
      slideId: other.summary.slides[0].id,
      fileName: exported.fileName,
      text: exported.text,
    })) as ResultOf<'annotations.importGeoJson'>;
    expect(result.imported).toBe(4);
    expect(result.saved.count).toBe(4);
    const read = (await other.call('annotations.get', { slideId: other.summary.slides[0].id })) as ResultOf<'annotations.get'>;
    expect(read.annotations.find((a) => a.id === square.id)?.shape).toEqual(square.shape);
    // Again into the same slide: every id is taken, so each gets a new one.
    const again = (await other.call('annotations.importGeoJson', {
      slideId: other.summary.slides[0].id,
      fileName: exported.fileName,
      text: exported.text,
    })) as ResultOf<'annotations.importGeoJson'>;
    expect(again.saved.count).toBe(8);
    // The answer lists what was added, as stored (the page undoes the import with exactly these).
    const after = (await other.call('annotations.get', { slideId: other.summary.slides[0].id })) as ResultOf<'annotations.get'>;
    expect(again.added).toHaveLength(4);
    expect(again.added.some((a) => result.added.some((b) => b.id === a.id))).toBe(false);
    for (const a of again.added) expect(after.annotations.find((x) => x.id === a.id)).toEqual(a);
  });

  it('refuses a file that is not GeoJSON, naming it', async () => {
    const { call, summary } = await services(caseWithBulkAnnotations());
    await expect(
      call('annotations.importGeoJson', { slideId: summary.slides[0].id, fileName: 'notes.txt', text: 'hello' }),
    ).rejects.toMatchObject({
      code: 'BAD_FILE',
      file: 'notes.txt',
      message: expect.stringMatching(/not GeoJSON/),
    });
  });
});

const readBytes = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
