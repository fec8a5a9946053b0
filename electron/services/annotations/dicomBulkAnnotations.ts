/**
 * DICOM Microscopy Bulk Simple Annotations (PS3.3 A.88 / C.37.1), read-only, as annotation layers
 * over the slide they refer to. Parsed with dcmjs (through the slides' header reader); the
 * coordinate arrays it leaves as bytes are read here.
 *
 * - 2D (AnnotationCoordinateType "2D"): (column, row) in the referenced image's total pixel matrix,
 *   (0, 0) the top-left corner of the top-left pixel — the same as our level-0 pixel coordinates.
 * - 3D: (x, y, z) in the slide coordinate system, in mm: mapped to level-0 pixels through the
 *   slide's Total Pixel Matrix Origin, Image Orientation (Slide) and Pixel Spacing.
 * - Graphic types: POINT, POLYLINE, POLYGON, RECTANGLE (4 corners), ELLIPSE (the ends of the major
 *   then of the minor axis). POLYLINE and POLYGON are split by the Long Primitive Point Index List
 *   (1-based indices of each primitive's first coordinate value).
 */
import type { Annotation, ImportedAnnotationLayer, Rgb, Shape } from '../../../shared/model/annotations.js';
import { ellipseRing } from '../../../shared/annotations/geometry.js';
import { badFile } from '../errors.js';
import type { NaturalDataset } from '../slides/dicom/dcmjsBridge.js';
import { item, items, number, numbers, text } from '../slides/dicom/datasetValues.js';
import { BULK_ANNOTATIONS_SOP_CLASS_UID, readDicomHeader } from '../slides/dicom/index.js';

/** Where level-0 pixels lie on the slide (for 3D coordinates). */
export type SlideFrame = {
  /** mm, of the top-left corner of the top-left pixel. */
  originX: number;
  originY: number;
  /** Image Orientation (Slide): direction cosines of a row (columns increasing), then of a column. */
  orientation: [number, number, number, number, number, number];
  /** mm between rows (down), between columns (across): DICOM Pixel Spacing order. */
  spacing: [number, number];
};

export type BulkAnnotationsFile = {
  path: string;
  fileName: string;
  fileId: string;
  /** The slide series these annotations are about. */
  referencedSeriesUIDs: string[];
  dataset: NaturalDataset;
};

/** A DICOM file's header, checked to be bulk annotations. */
export async function readBulkAnnotationsHeader(path: string, fileName: string, fileId: string): Promise<BulkAnnotationsFile> {
  const header = await readDicomHeader(path);
  if (header.sopClassUID !== BULK_ANNOTATIONS_SOP_CLASS_UID) {
    throw badFile(fileName, `not bulk annotations: SOP class ${header.sopClassUID}`);
  }
  const referencedSeriesUIDs = items(header.dataset, 'ReferencedSeriesSequence')
    .map((s) => text(s, 'SeriesInstanceUID'))
    .filter((uid): uid is string => !!uid);
  return { path, fileName, fileId, referencedSeriesUIDs, dataset: header.dataset };
}

/** Group palette for groups that recommend no colour (distinct from the built-in classes). */
const GROUP_COLORS: Rgb[] = [
  [0, 200, 200],
  [230, 120, 0],
  [170, 90, 220],
  [90, 200, 60],
  [240, 80, 160],
];

const MAX_ANNOTATIONS = 1_000_000;

/** The file's groups as one read-only layer, in the slide's level-0 pixels. */
export function bulkAnnotationsLayer(file: BulkAnnotationsFile, frame: SlideFrame | null): ImportedAnnotationLayer {
  const ds = file.dataset;
  const coordinateType = text(ds, 'AnnotationCoordinateType') === '3D' ? '3D' : '2D';
  const warnings: string[] = [];
  const annotations: Annotation[] = [];
  const created = dicomDateTime(text(ds, 'ContentDate'), text(ds, 'ContentTime'));
  if (coordinateType === '3D' && !frame) {
    warnings.push('Its coordinates are on the slide (3D), and the slide does not say where its pixels lie.');
  }
  items(ds, 'AnnotationGroupSequence').forEach((group, groupIndex) => {
    const label = text(group, 'AnnotationGroupLabel') ?? `Group ${groupIndex + 1}`;
    const graphicType = text(group, 'GraphicType') ?? '';
    const count = number(group, 'NumberOfAnnotations') ?? 0;
    const dims = coordinateType === '3D' ? 3 : 2;
    const values = floats(
      group,
      coordinateType === '3D' ? ['PointCoordinatesData'] : ['DoublePointCoordinatesData', 'PointCoordinatesData'],
    );
    if (!values) return void warnings.push(`${label}: no point coordinates.`);
    if (coordinateType === '3D' && !frame) return;
    const toPixels = coordinateType === '3D' ? slideToPixels(frame!) : (x: number, y: number) => [x, y] as const;
    const points = new Float64Array((values.length / dims) * 2);
    for (let i = 0, p = 0; i + dims <= values.length; i += dims, p += 2) {
      const [px, py] = toPixels(values[i], values[i + 1]);
      points[p] = px;
      points[p + 1] = py;
    }
    const primitives = splitPrimitives(group, graphicType, count, points, dims, label, warnings);
    const className = item(group, 'AnnotationPropertyTypeCodeSequence')?.CodeMeaning as string | undefined;
    const color = labColor(numbers(group, 'RecommendedDisplayCIELabValue')) ?? GROUP_COLORS[groupIndex % GROUP_COLORS.length];
    const measured = groupMeasurements(group, count);
    const uid = text(group, 'AnnotationGroupUID') ?? `group-${groupIndex + 1}`;
    primitives.forEach((coords, i) => {
      if (annotations.length >= MAX_ANNOTATIONS) return;
      const shape = shapeOf(graphicType, coords);
      if (!shape) return;
      annotations.push({
        id: `${uid}#${i + 1}`,
        shape,
        classification: { name: className ?? label, color },
        label,
        discuss: false,
        measurements: measured[i],
        createdAt: created,
        updatedAt: created,
      });
    });
  });
  if (annotations.length >= MAX_ANNOTATIONS) warnings.push(`Only the first ${MAX_ANNOTATIONS} annotations are shown.`);
  return {
    fileId: file.fileId,
    fileName: file.fileName,
    label: text(ds, 'ContentDescription') ?? text(ds, 'ContentLabel') ?? file.fileName,
    coordinateType,
    annotations,
    warnings,
  };
}

/** Point lists of each annotation of a group, in level-0 pixels. */
function splitPrimitives(
  group: NaturalDataset,
  graphicType: string,
  count: number,
  points: Float64Array,
  dims: number,
  label: string,
  warnings: string[],
): number[][] {
  const fixed = { POINT: 1, RECTANGLE: 4, ELLIPSE: 4 }[graphicType];
  const out: number[][] = [];
  if (fixed) {
    for (let i = 0; i < count && (i + 1) * fixed * 2 <= points.length; i++)
      out.push([...points.subarray(i * fixed * 2, (i + 1) * fixed * 2)]);
  } else if (graphicType === 'POLYLINE' || graphicType === 'POLYGON') {
    const raw = bytesOf(group.LongPrimitivePointIndexList);
    if (!raw) {
      warnings.push(`${label}: ${graphicType} without a Long Primitive Point Index List.`);
      return out;
    }
    const indices = [...new Uint32Array(raw.buffer, raw.byteOffset, Math.floor(raw.byteLength / 4))];
    // The standard counts coordinate values; a writer that counted points is read as it meant.
    const valueCount = (points.length / 2) * dims;
    const perValue = indices.every((i) => (i - 1) % dims === 0) && indices[indices.length - 1] <= valueCount;
    const starts = indices.map((i) => (perValue ? (i - 1) / dims : i - 1));
    starts.forEach((start, k) => {
      const end = k + 1 < starts.length ? starts[k + 1] : points.length / 2;
      if (start >= 0 && end > start) out.push([...points.subarray(start * 2, end * 2)]);
    });
  } else {
    warnings.push(`${label}: graphic type ${graphicType || '(none)'} is not shown.`);
    return out;
  }
  if (out.length !== count) warnings.push(`${label}: the file says ${count} annotations, ${out.length} were read.`);
  return out;
}

function shapeOf(graphicType: string, c: number[]): Shape | null {
  switch (graphicType) {
    case 'POINT':
      return { type: 'point', coords: c };
    case 'POLYLINE':
      return c.length >= 4 ? { type: 'line', coords: c } : null;
    case 'POLYGON': {
      // Some writers close the ring; ours is open.
      const ring = c.length >= 8 && c[0] === c[c.length - 2] && c[1] === c[c.length - 1] ? c.slice(0, -2) : c;
      return ring.length >= 6 ? { type: 'polygon', polygons: [[ring]] } : null;
    }
    case 'RECTANGLE': {
      const xs = [c[0], c[2], c[4], c[6]];
      const ys = [c[1], c[3], c[5], c[7]];
      const axisAligned = new Set(xs).size <= 2 && new Set(ys).size <= 2;
      if (!axisAligned) return { type: 'polygon', polygons: [[c]] };
      const x = Math.min(...xs);
      const y = Math.min(...ys);
      return { type: 'rectangle', x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
    }
    case 'ELLIPSE': {
      // Major axis (c0–c1), minor axis (c2–c3), both through the centre.
      const cx = (c[0] + c[2]) / 2;
      const cy = (c[1] + c[3]) / 2;
      const a = Math.hypot(c[2] - c[0], c[3] - c[1]) / 2;
      const b = Math.hypot(c[6] - c[4], c[7] - c[5]) / 2;
      const angle = Math.atan2(c[3] - c[1], c[2] - c[0]);
      const aligned = Math.abs(Math.sin(2 * angle)) < 1e-9;
      if (aligned) {
        const horizontal = Math.abs(Math.cos(angle)) > 0.5;
        const [rx, ry] = horizontal ? [a, b] : [b, a];
        return { type: 'ellipse', x: cx - rx, y: cy - ry, width: 2 * rx, height: 2 * ry };
      }
      const unit = ellipseRing(-a, -b, 2 * a, 2 * b);
      const ring: number[] = [];
      for (let i = 0; i < unit.length; i += 2) {
        ring.push(
          cx + unit[i] * Math.cos(angle) - unit[i + 1] * Math.sin(angle),
          cy + unit[i] * Math.sin(angle) + unit[i + 1] * Math.cos(angle),
        );
      }
      return { type: 'polygon', polygons: [[ring]] };
    }
    default:
      return null;
  }
}

/** Slide coordinates (mm) → level-0 pixel coordinates, by inverting the image's placement on the slide. */
export function slideToPixels(frame: SlideFrame): (x: number, y: number) => readonly [number, number] {
  const [rx, ry, , cx, cy] = frame.orientation;
  const [rowSpacing, columnSpacing] = frame.spacing;
  // x = ox + rx·Δc·col + cx·Δr·row ; y = oy + ry·Δc·col + cy·Δr·row
  const a = rx * columnSpacing;
  const b = cx * rowSpacing;
  const c = ry * columnSpacing;
  const d = cy * rowSpacing;
  const det = a * d - b * c;
  return (x, y) => {
    const dx = x - frame.originX;
    const dy = y - frame.originY;
    return [(d * dx - b * dy) / det, (a * dy - c * dx) / det] as const;
  };
}

/** The slide's level-0 placement from its header, when the file gives all of it. */
export function slideFrameOf(dataset: NaturalDataset): SlideFrame | null {
  const origin = item(dataset, 'TotalPixelMatrixOriginSequence');
  const originX = number(origin, 'XOffsetInSlideCoordinateSystem');
  const originY = number(origin, 'YOffsetInSlideCoordinateSystem');
  const orientation = numbers(dataset, 'ImageOrientationSlide');
  const spacing =
    numbers(item(dataset, 'SharedFunctionalGroupsSequence', 'PixelMeasuresSequence'), 'PixelSpacing').length === 2
      ? numbers(item(dataset, 'SharedFunctionalGroupsSequence', 'PixelMeasuresSequence'), 'PixelSpacing')
      : numbers(dataset, 'PixelSpacing');
  if (originX === undefined || originY === undefined || orientation.length !== 6 || spacing.length !== 2) return null;
  if (!(spacing[0] > 0 && spacing[1] > 0)) return null;
  return { originX, originY, orientation: orientation as SlideFrame['orientation'], spacing: spacing as [number, number] };
}

/** Per annotation, the group's measurements (QuPath-like names: "Area µm^2"). */
function groupMeasurements(group: NaturalDataset, count: number): Array<Record<string, number> | undefined> {
  const out: Array<Record<string, number> | undefined> = Array.from({ length: count }, () => undefined);
  for (const m of items(group, 'MeasurementsSequence')) {
    const name = text(item(m, 'ConceptNameCodeSequence'), 'CodeMeaning') ?? 'Measurement';
    const unit = text(item(m, 'MeasurementUnitsCodeSequence'), 'CodeValue');
    const key = unit ? `${name} ${unit.replace(/^um2$/, 'µm^2').replace(/^um$/, 'µm')}` : name;
    const valuesItem = item(m, 'MeasurementValuesSequence');
    const values = floats(valuesItem, ['FloatingPointValues'], 4);
    if (!values) continue;
    const indexBytes = bytesOf(valuesItem?.AnnotationIndexList);
    const indices = indexBytes
      ? [...new Uint32Array(indexBytes.buffer, indexBytes.byteOffset, indexBytes.byteLength / 4)].map((i) => i - 1)
      : null;
    values.forEach((value, k) => {
      const at = indices ? indices[k] : k;
      if (at === undefined || at < 0 || at >= count || !Number.isFinite(value)) return;
      out[at] = { ...out[at], [key]: value };
    });
  }
  return out;
}

/** A binary value dcmjs left as [ArrayBuffer] (or an ArrayBuffer), as bytes. */
function bytesOf(value: unknown): Uint8Array | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return undefined;
}

/** OD (float64) or OF (float32) values, little endian as the transfer syntaxes we read are. */
function floats(dataset: NaturalDataset | undefined, keywords: string[], floatBytes?: 4 | 8): number[] | undefined {
  for (const keyword of keywords) {
    const raw = bytesOf(dataset?.[keyword]);
    if (!raw) continue;
    const size = floatBytes ?? (keyword.startsWith('Double') ? 8 : 4);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const out: number[] = new Array(Math.floor(raw.byteLength / size));
    for (let i = 0; i < out.length; i++) out[i] = size === 8 ? view.getFloat64(i * 8, true) : view.getFloat32(i * 4, true);
    return out;
  }
  return undefined;
}

/** DICOM's CIELab (scaled to 0–65535, PS3.3 C.10.7.1.1) → sRGB. */
export function labColor(lab: number[]): Rgb | undefined {
  if (lab.length !== 3) return undefined;
  const L = (lab[0] / 65535) * 100;
  const a = (lab[1] / 65535) * 255 - 128;
  const b = (lab[2] / 65535) * 255 - 128;
  const fy = (L + 16) / 116;
  const f = (t: number) => (t ** 3 > 0.008856 ? t ** 3 : (t - 16 / 116) / 7.787);
  const [X, Y, Z] = [0.95047 * f(fy + a / 500), f(fy), 1.08883 * f(fy - b / 200)];
  const linear = [
    3.2406 * X - 1.5372 * Y - 0.4986 * Z,
    -0.9689 * X + 1.8758 * Y + 0.0415 * Z,
    0.0557 * X - 0.204 * Y + 1.057 * Z,
  ];
  const gamma = (u: number) => (u <= 0.0031308 ? 12.92 * u : 1.055 * u ** (1 / 2.4) - 0.055);
  return linear.map((u) => Math.round(255 * Math.min(1, Math.max(0, gamma(u))))) as Rgb;
}

function dicomDateTime(date: string | undefined, time: string | undefined): string {
  const d = date && /^\d{8}$/.test(date) ? `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}` : '1970-01-01';
  const t = time && /^\d{6}/.test(time) ? `${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}` : '00:00:00';
  return `${d}T${t}Z`;
}
