/**
 * QuPath-compatible GeoJSON, out and in. Pure.
 *
 * Out, as QuPath's GsonTools writes objects (PathObjectTypeAdapters / ROITypeAdapters): a
 * FeatureCollection of Features with a UUID `id`, the geometry in level-0 pixel coordinates
 * (2 decimals), and `properties` with `objectType: "annotation"`, `name`, `color` (the object's own
 * colour, when it has one), `classification: {name, color: [r, g, b]}`, `measurements` as a map
 * (`Area µm^2`, `Length µm`, `Circularity`, the names of QuPath's shape features) and `metadata`
 * (a map of strings, where our "for discussion" flag travels). Points are a MultiPoint, lines a
 * LineString, rectangles a Polygon, ellipses a Polygon marked `isEllipse: true` on the geometry
 * (QuPath's own foreign member: it reads them back as ellipses from the envelope).
 *
 * In: what QuPath writes (a FeatureCollection, a bare array of Features, or one Feature), from any
 * version: Point, MultiPoint, LineString, MultiLineString, Polygon (holes), MultiPolygon,
 * GeometryCollection (split), axis-aligned boxes read back as rectangles; `classification` as an object, `names`, a string or the old
 * `colorRGB`; `color` as an array or a packed integer; `measurements` as a map or the old array of
 * {name, value}. A feature that cannot be read is skipped with a warning naming it.
 */
import type { Annotation, AnnotationClass, Rgb, Shape } from '../model/annotations.js';
import { ellipseRing, rectangleRing } from './geometry.js';
import { measureShape, qupathMeasurements, type PixelSpacing } from './measure.js';

/** The metadata key of our "for discussion" flag (QuPath keeps metadata it does not know). */
export const DISCUSS_METADATA_KEY = 'triptych.discuss';

type Position = [number, number];
type GeoJsonGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'Polygon'; coordinates: Position[][]; isEllipse?: boolean }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }
  | { type: 'GeometryCollection'; geometries: GeoJsonGeometry[] };

export type GeoJsonFeature = {
  type: 'Feature';
  id: string;
  geometry: GeoJsonGeometry;
  properties: {
    objectType: 'annotation';
    name?: string;
    color?: Rgb;
    classification?: { name: string; color: Rgb };
    measurements?: Record<string, number>;
    metadata?: Record<string, string>;
  };
};
export type GeoJsonFeatureCollection = { type: 'FeatureCollection'; features: GeoJsonFeature[] };

const round2 = (v: number) => Math.round(v * 100) / 100;
const positions = (c: ArrayLike<number>): Position[] => {
  const out: Position[] = [];
  for (let i = 0; i + 1 < c.length; i += 2) out.push([round2(c[i]), round2(c[i + 1])]);
  return out;
};
/** A GeoJSON linear ring: closed (its first position repeated at its end). */
const closedRing = (c: ArrayLike<number>): Position[] => {
  const ring = positions(c);
  if (ring.length) ring.push([ring[0][0], ring[0][1]]);
  return ring;
};

export function shapeToGeometry(shape: Shape): GeoJsonGeometry {
  switch (shape.type) {
    case 'point':
      return { type: 'MultiPoint', coordinates: positions(shape.coords) };
    case 'line':
      return { type: 'LineString', coordinates: positions(shape.coords) };
    case 'rectangle':
      return { type: 'Polygon', coordinates: [closedRing(rectangleRing(shape.x, shape.y, shape.width, shape.height))] };
    case 'ellipse':
      return {
        type: 'Polygon',
        coordinates: [closedRing(ellipseRing(shape.x, shape.y, shape.width, shape.height))],
        isEllipse: true,
      };
    case 'polygon':
      return shape.polygons.length === 1
        ? { type: 'Polygon', coordinates: shape.polygons[0].map(closedRing) }
        : { type: 'MultiPolygon', coordinates: shape.polygons.map((rings) => rings.map(closedRing)) };
  }
}

/** One annotation as QuPath writes it; measurements in µm when the slide gives its pixel spacing. */
export function annotationToFeature(a: Annotation, spacing: PixelSpacing | null): GeoJsonFeature {
  const measured = spacing ? qupathMeasurements(measureShape(a.shape, spacing)) : {};
  const measurements = { ...a.measurements, ...measured };
  const properties: GeoJsonFeature['properties'] = { objectType: 'annotation' };
  if (a.label) properties.name = a.label;
  if (a.color) properties.color = a.color;
  if (a.classification) properties.classification = { name: a.classification.name, color: a.classification.color };
  if (Object.keys(measurements).length) properties.measurements = measurements;
  if (a.discuss) properties.metadata = { [DISCUSS_METADATA_KEY]: 'true' };
  return { type: 'Feature', id: a.id, geometry: shapeToGeometry(a.shape), properties };
}

export function toFeatureCollection(annotations: Annotation[], spacing: PixelSpacing | null): GeoJsonFeatureCollection {
  return { type: 'FeatureCollection', features: annotations.map((a) => annotationToFeature(a, spacing)) };
}

// ---------------------------------------------------------------------------------------------
// Reading

export type GeoJsonImport = {
  annotations: Annotation[];
  /** One line per feature left out or changed, naming it. */
  warnings: string[];
};

export type ImportOptions = {
  /** A new id, for features without a UUID of their own (or whose id is taken). */
  newId(): string;
  /** ISO time stamped on what is imported. */
  now: string;
  /** Ids already on the slide: an imported feature with one of them gets a new id. */
  existingIds?: ReadonlySet<string>;
  /** Stop after this many annotations (a warning says so). */
  limit?: number;
};

/** A file that is not GeoJSON at all. */
export class GeoJsonError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_WARNINGS = 50;

/** Parse GeoJSON text (or an already parsed value) into annotations. */
export function parseGeoJson(input: string | unknown, options: ImportOptions): GeoJsonImport {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new GeoJsonError(`it is not JSON (${(error as Error).message})`);
    }
  }
  const features = featureList(value);
  const warnings: string[] = [];
  let warned = 0;
  const warn = (message: string) => {
    warned++;
    if (warnings.length < MAX_WARNINGS) warnings.push(message);
  };
  const taken = new Set(options.existingIds ?? []);
  const annotations: Annotation[] = [];
  const limit = options.limit ?? Infinity;
  for (let index = 0; index < features.length; index++) {
    if (annotations.length >= limit) {
      warn(`Only the first ${limit.toLocaleString('en-US')} annotations were imported.`);
      break;
    }
    const feature = features[index];
    const where = `feature ${index + 1}`;
    try {
      const read = readFeature(feature, where, warn);
      for (const [k, part] of read.shapes.entries()) {
        let id = k === 0 && read.id && UUID.test(read.id) && !taken.has(read.id) ? read.id : options.newId();
        while (taken.has(id)) id = options.newId();
        taken.add(id);
        annotations.push({ ...read.properties, id, shape: part, createdAt: options.now, updatedAt: options.now });
      }
    } catch (error) {
      warn(`${where}: ${(error as Error).message}; left out.`);
    }
  }
  if (warned > warnings.length) warnings.push(`… and ${warned - warnings.length} more.`);
  return { annotations, warnings };
}

function featureList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') {
    const v = value as { type?: unknown; features?: unknown };
    if (v.type === 'FeatureCollection') {
      if (!Array.isArray(v.features)) throw new GeoJsonError('its FeatureCollection has no "features" array');
      return v.features;
    }
    if (v.type === 'Feature') return [value];
    if (typeof v.type === 'string' && GEOMETRY_TYPES.has(v.type)) return [{ type: 'Feature', geometry: value, properties: {} }];
  }
  throw new GeoJsonError('it is not GeoJSON (no FeatureCollection, Feature or array of Features)');
}

const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

type ReadFeature = {
  id: string | undefined;
  shapes: Shape[];
  properties: Omit<Annotation, 'id' | 'shape' | 'createdAt' | 'updatedAt'>;
};

function readFeature(feature: unknown, where: string, warn: (m: string) => void): ReadFeature {
  if (!feature || typeof feature !== 'object') throw new Error('not an object');
  const f = feature as { type?: unknown; id?: unknown; geometry?: unknown; properties?: unknown };
  if (f.type !== 'Feature') throw new Error(`type is ${JSON.stringify(f.type)}, not "Feature"`);
  const props = (f.properties && typeof f.properties === 'object' ? f.properties : {}) as Record<string, unknown>;
  const shapes = geometryShapes(f.geometry);
  if (shapes.length === 0) throw new Error('its geometry is empty');
  if (shapes.length > 1) warn(`${where}: its geometry has ${shapes.length} parts of different kinds; each became an annotation.`);
  const objectType = typeof props.objectType === 'string' ? props.objectType : 'annotation';
  if (objectType !== 'annotation') warn(`${where}: a QuPath ${objectType}, imported as an annotation.`);
  const metadata = props.metadata && typeof props.metadata === 'object' ? (props.metadata as Record<string, unknown>) : {};
  const measurements = readMeasurements(props.measurements);
  const color = readColor(props.color);
  return {
    id: typeof f.id === 'string' ? f.id : undefined,
    shapes,
    properties: {
      classification: readClassification(props.classification),
      ...(color ? { color } : {}),
      label: typeof props.name === 'string' ? props.name.slice(0, 1000) : '',
      discuss: metadata[DISCUSS_METADATA_KEY] === 'true' || metadata[DISCUSS_METADATA_KEY] === true,
      ...(measurements ? { measurements } : {}),
    },
  };
}

/** The shapes of a geometry: one, or several for a collection or lines of a MultiLineString. */
export function geometryShapes(geometry: unknown): Shape[] {
  if (!geometry || typeof geometry !== 'object') throw new Error('it has no geometry');
  const g = geometry as { type?: unknown; coordinates?: unknown; geometries?: unknown; isEllipse?: unknown };
  switch (g.type) {
    case 'Point':
      return [{ type: 'point', coords: position(g.coordinates) }];
    case 'MultiPoint': {
      const coords = list(g.coordinates, 'MultiPoint').flatMap(position);
      return coords.length ? [{ type: 'point', coords }] : [];
    }
    case 'LineString':
      return [line(g.coordinates)];
    case 'MultiLineString':
      return list(g.coordinates, 'MultiLineString').map(line);
    case 'Polygon': {
      const rings = polygonRings(g.coordinates);
      if (g.isEllipse === true) {
        const b = ringsBox(rings[0]);
        return [{ type: 'ellipse', x: b.x, y: b.y, width: b.width, height: b.height }];
      }
      // An axis-aligned box comes back as a rectangle, as QuPath reads it (GeometryTools).
      if (rings.length === 1 && isAxisAlignedBox(rings[0])) {
        const b = ringsBox(rings[0]);
        return [{ type: 'rectangle', x: b.x, y: b.y, width: b.width, height: b.height }];
      }
      return [{ type: 'polygon', polygons: [rings] }];
    }
    case 'MultiPolygon': {
      const polygons = list(g.coordinates, 'MultiPolygon').map(polygonRings);
      return polygons.length ? [{ type: 'polygon', polygons }] : [];
    }
    case 'GeometryCollection':
      return list(g.geometries, 'GeometryCollection').flatMap(geometryShapes);
    default:
      throw new Error(`geometry type ${JSON.stringify(g.type)} is not one GeoJSON knows`);
  }
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`its ${what} has no coordinate array`);
  return value;
}

function position(value: unknown): number[] {
  if (!Array.isArray(value) || value.length < 2) throw new Error('a position is not [x, y]');
  const x = Number(value[0]);
  const y = Number(value[1]);
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error('a position is not a pair of numbers');
  return [x, y];
}

function line(value: unknown): Shape {
  const coords = list(value, 'LineString').flatMap(position);
  if (coords.length < 4) throw new Error('a LineString has fewer than 2 positions');
  return { type: 'line', coords };
}

function polygonRings(value: unknown): number[][] {
  const rings = list(value, 'Polygon').map((ring) => {
    const coords = list(ring, 'Polygon ring').flatMap(position);
    const n = coords.length;
    // GeoJSON closes its rings: our rings do not repeat the first point.
    if (n >= 4 && coords[0] === coords[n - 2] && coords[1] === coords[n - 1]) coords.length = n - 2;
    return coords;
  });
  if (rings.length === 0) throw new Error('a Polygon has no ring');
  if (rings[0].length < 6) throw new Error('a Polygon ring has fewer than 3 points');
  // A degenerate hole is dropped rather than losing the polygon.
  return [rings[0], ...rings.slice(1).filter((r) => r.length >= 6)];
}

function isAxisAlignedBox(ring: number[]): boolean {
  if (ring.length !== 8) return false;
  const xs = new Set([ring[0], ring[2], ring[4], ring[6]]);
  const ys = new Set([ring[1], ring[3], ring[5], ring[7]]);
  if (xs.size !== 2 || ys.size !== 2) return false;
  // Each side moves along one axis only.
  for (let i = 0; i < 8; i += 2) {
    const j = (i + 2) % 8;
    if (ring[i] !== ring[j] && ring[i + 1] !== ring[j + 1]) return false;
  }
  return true;
}

function ringsBox(ring: number[]) {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i + 1 < ring.length; i += 2) {
    minX = Math.min(minX, ring[i]);
    maxX = Math.max(maxX, ring[i]);
    minY = Math.min(minY, ring[i + 1]);
    maxY = Math.max(maxY, ring[i + 1]);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** [r, g, b], [r, g, b, a], or a packed (A)RGB integer, as QuPath writes colours. */
export function readColor(value: unknown): Rgb | undefined {
  if (Array.isArray(value) && value.length >= 3) {
    const c = value.slice(0, 3).map(Number);
    if (c.every((v) => Number.isFinite(v))) return c.map((v) => Math.max(0, Math.min(255, Math.round(v)))) as Rgb;
    return undefined;
  }
  if (typeof value === 'number' && Number.isInteger(value)) {
    const rgb = value >>> 0;
    return [(rgb >>> 16) & 255, (rgb >>> 8) & 255, rgb & 255];
  }
  return undefined;
}

/** QuPath's classification: {name, color}, {names: [...], color}, a string, or the old {name, colorRGB}. */
export function readClassification(value: unknown): AnnotationClass | null {
  if (typeof value === 'string')
    return value.trim() ? { name: value.trim().slice(0, 200), color: defaultClassColor(value) } : null;
  if (!value || typeof value !== 'object') return null;
  const v = value as { name?: unknown; names?: unknown; color?: unknown; colorRGB?: unknown };
  const name =
    typeof v.name === 'string'
      ? v.name
      : Array.isArray(v.names)
        ? v.names.filter((n): n is string => typeof n === 'string').join(': ')
        : '';
  if (!name.trim()) return null;
  return { name: name.trim().slice(0, 200), color: readColor(v.color) ?? readColor(v.colorRGB) ?? defaultClassColor(name) };
}

/** A stable colour for a class a file names without one. */
function defaultClassColor(name: string): Rgb {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const hue = h % 360;
  // HSL(hue, 70%, 55%) to RGB.
  const f = (n: number) => {
    const k = (n + hue / 30) % 12;
    const a = 0.7 * Math.min(0.55, 0.45);
    return Math.round(255 * (0.55 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

function readMeasurements(value: unknown): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  if (Array.isArray(value)) {
    for (const m of value) {
      const { name, value: v } = (m ?? {}) as { name?: unknown; value?: unknown };
      if (typeof name === 'string' && typeof v === 'number' && Number.isFinite(v)) out[name.slice(0, 200)] = v;
    }
  } else if (value && typeof value === 'object') {
    for (const [name, v] of Object.entries(value)) if (typeof v === 'number' && Number.isFinite(v)) out[name.slice(0, 200)] = v;
  }
  return Object.keys(out).length ? out : undefined;
}
