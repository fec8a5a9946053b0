/**
 * QuPath GeoJSON: what QuPath writes is read (every geometry kind, holes, old and new property
 * forms), what we write has QuPath's structure, and a round trip keeps shapes, classes, names,
 * colours and the "for discussion" flag.
 */
import { describe, expect, it } from 'vitest';
import { DISCUSS_METADATA_KEY, GeoJsonError, parseGeoJson, toFeatureCollection } from '../../../shared/annotations/geojson.js';
import { measureShape } from '../../../shared/annotations/measure.js';
import { Annotation, type Shape } from '../../../shared/model/annotations.js';

let counter = 0;
const options = () => ({
  newId: () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
  now: '2026-01-01T00:00:00.000Z',
});

/** As QuPath 0.5 writes "Export objects as GeoJSON" (pretty printed, FeatureCollection), by hand. */
const QUPATH_EXPORT = `{
  "type": "FeatureCollection",
  "features": [
    {
      "type": "Feature",
      "id": "4c2e9f5a-1b7d-4a38-9a0e-6f1c2d3b4a5e",
      "geometry": {
        "type": "Polygon",
        "coordinates": [
          [[1000, 1000], [3000, 1000], [3000, 2000], [1000, 2000], [1000, 1000]],
          [[1500, 1250], [2000, 1250], [2000, 1750], [1500, 1750], [1500, 1250]]
        ]
      },
      "properties": {
        "objectType": "annotation",
        "name": "Invasive front",
        "classification": { "name": "Tumor", "color": [200, 0, 0] },
        "measurements": { "Area µm^2": 437500, "Length µm": 4000 }
      }
    },
    {
      "type": "Feature",
      "id": "9a1f3c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
      "geometry": {
        "type": "MultiPolygon",
        "coordinates": [
          [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]],
          [[[20, 20], [30, 20], [30, 30], [20, 20]]]
        ]
      },
      "properties": { "objectType": "annotation", "classification": { "names": ["Tumor", "Positive"], "color": [255, 0, 0] } }
    },
    {
      "type": "Feature",
      "id": "1e2d3c4b-5a69-4788-9aab-bccddeeff001",
      "geometry": { "type": "LineString", "coordinates": [[100.25, 200.5], [400.75, 600]] },
      "properties": { "objectType": "annotation", "color": [0, 255, 0] }
    },
    {
      "type": "Feature",
      "id": "1e2d3c4b-5a69-4788-9aab-bccddeeff002",
      "geometry": { "type": "MultiPoint", "coordinates": [[5, 6], [7, 8], [9, 10]] },
      "properties": { "objectType": "annotation", "classification": "Stroma" }
    },
    {
      "type": "Feature",
      "id": "1e2d3c4b-5a69-4788-9aab-bccddeeff003",
      "geometry": { "type": "Point", "coordinates": [11, 12] },
      "properties": { "objectType": "annotation" }
    },
    {
      "type": "Feature",
      "id": "1e2d3c4b-5a69-4788-9aab-bccddeeff004",
      "geometry": {
        "type": "Polygon",
        "coordinates": [[[600, 500], [500, 550], [400, 500], [500, 450], [600, 500]]],
        "isEllipse": true
      },
      "properties": { "objectType": "annotation", "isLocked": true }
    },
    {
      "type": "Feature",
      "id": "PathDetectionObject",
      "geometry": { "type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 4], [0, 0]]] },
      "properties": {
        "objectType": "detection",
        "classification": { "name": "Necrosis", "colorRGB": -13421773 },
        "measurements": [{ "name": "Nucleus: Area", "value": 12.5 }]
      }
    }
  ]
}`;

describe('reading what QuPath writes', () => {
  const read = parseGeoJson(QUPATH_EXPORT, options());
  const [polygon, multi, line, points, point, ellipse, detection] = read.annotations;

  it('reads every feature, keeping the UUIDs', () => {
    expect(read.annotations).toHaveLength(7);
    expect(polygon.id).toBe('4c2e9f5a-1b7d-4a38-9a0e-6f1c2d3b4a5e');
    expect(detection.id).not.toBe('PathDetectionObject'); // v0.2 put the type in "id": not a UUID
    for (const a of read.annotations) expect(Annotation.safeParse(a).success).toBe(true);
  });
  it('a polygon with its hole, rings unclosed; name, class and measurements', () => {
    expect(polygon.shape).toEqual({
      type: 'polygon',
      polygons: [
        [
          [1000, 1000, 3000, 1000, 3000, 2000, 1000, 2000],
          [1500, 1250, 2000, 1250, 2000, 1750, 1500, 1750],
        ],
      ],
    });
    expect(polygon.label).toBe('Invasive front');
    expect(polygon.classification).toEqual({ name: 'Tumor', color: [200, 0, 0] });
    expect(polygon.measurements).toEqual({ 'Area µm^2': 437500, 'Length µm': 4000 });
    expect(measureShape(polygon.shape, { x: 0.5, y: 0.5 }).areaUm2).toBe(437500);
  });
  it('a MultiPolygon stays one annotation; a derived class is joined by ": "', () => {
    expect(multi.shape.type === 'polygon' && multi.shape.polygons.length).toBe(2);
    expect(multi.classification?.name).toBe('Tumor: Positive');
  });
  it('lines, points (Point and MultiPoint), ellipses from isEllipse', () => {
    expect(line.shape).toEqual({ type: 'line', coords: [100.25, 200.5, 400.75, 600] });
    expect(line.color).toEqual([0, 255, 0]);
    expect(points.shape).toEqual({ type: 'point', coords: [5, 6, 7, 8, 9, 10] });
    expect(points.classification?.name).toBe('Stroma');
    expect(point.shape).toEqual({ type: 'point', coords: [11, 12] });
    expect(ellipse.shape).toEqual({ type: 'ellipse', x: 400, y: 450, width: 200, height: 100 });
  });
  it('old forms: colorRGB packed integers, measurements as a list; other object types said', () => {
    expect(detection.classification).toEqual({ name: 'Necrosis', color: [51, 51, 51] });
    expect(detection.measurements).toEqual({ 'Nucleus: Area': 12.5 });
    expect(read.warnings.some((w) => /feature 7: a QuPath detection/.test(w))).toBe(true);
  });

  it('a bare array of Features (QuPath without "FeatureCollection") and a single Feature', () => {
    const features = JSON.parse(QUPATH_EXPORT).features;
    expect(parseGeoJson(JSON.stringify(features), options()).annotations).toHaveLength(7);
    expect(parseGeoJson(features[2], options()).annotations[0].shape.type).toBe('line');
  });
  it('a bad feature is left out with a warning naming it; a file that is not GeoJSON is an error', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 1],
              ],
            ],
          },
          properties: {},
        },
        { type: 'Feature', geometry: { type: 'Circle', coordinates: [0, 0] }, properties: {} },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [1, 'x'] }, properties: {} },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [3, 4] }, properties: {} },
      ],
    });
    const read = parseGeoJson(text, options());
    expect(read.annotations.map((a) => a.shape)).toEqual([{ type: 'point', coords: [3, 4] }]);
    expect(read.warnings).toEqual([
      'feature 1: a Polygon ring has fewer than 3 points; left out.',
      'feature 2: geometry type "Circle" is not one GeoJSON knows; left out.',
      'feature 3: a position is not a pair of numbers; left out.',
    ]);
    expect(() => parseGeoJson('{"type": "Topology"}', options())).toThrow(GeoJsonError);
    expect(() => parseGeoJson('not json', options())).toThrow(/not JSON/);
  });
  it('ids already on the slide are not reused; a limit stops the import and says so', () => {
    const taken = new Set(['4c2e9f5a-1b7d-4a38-9a0e-6f1c2d3b4a5e']);
    const read = parseGeoJson(QUPATH_EXPORT, { ...options(), existingIds: taken, limit: 3 });
    expect(read.annotations).toHaveLength(3);
    expect(read.annotations[0].id).not.toBe('4c2e9f5a-1b7d-4a38-9a0e-6f1c2d3b4a5e');
    expect(read.warnings).toContain('Only the first 3 annotations were imported.');
  });
});

describe('writing QuPath’s structure', () => {
  const now = '2026-02-03T04:05:06.000Z';
  const make = (id: string, shape: Shape, extra: Partial<Annotation> = {}): Annotation => ({
    id,
    shape,
    classification: null,
    label: '',
    discuss: false,
    createdAt: now,
    updatedAt: now,
    ...extra,
  });
  const annotations: Annotation[] = [
    make(
      '11111111-1111-4111-8111-111111111111',
      { type: 'rectangle', x: 10, y: 20, width: 100, height: 50 },
      {
        classification: { name: 'Tumor', color: [200, 0, 0] },
        label: 'Block A <b>',
        discuss: true,
      },
    ),
    make('22222222-2222-4222-8222-222222222222', { type: 'ellipse', x: 0, y: 0, width: 200, height: 100 }, { color: [1, 2, 3] }),
    make('33333333-3333-4333-8333-333333333333', { type: 'point', coords: [5.123, 6.456] }),
    make('44444444-4444-4444-8444-444444444444', { type: 'line', coords: [0, 0, 30, 40] }, { tool: 'line' }),
    make('55555555-5555-4555-8555-555555555555', {
      type: 'polygon',
      polygons: [
        [
          [0, 0, 100, 0, 100, 100, 0, 100],
          [25, 25, 75, 25, 75, 75, 25, 75],
        ],
        [[200, 200, 220, 200, 210, 230]],
      ],
    }),
  ];
  const out = toFeatureCollection(annotations, { x: 0.5, y: 0.5 });

  it('a FeatureCollection of Features with objectType, name, classification, metadata', () => {
    expect(out.type).toBe('FeatureCollection');
    const [rect] = out.features;
    expect(rect).toMatchObject({
      type: 'Feature',
      id: '11111111-1111-4111-8111-111111111111',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [10, 20],
            [110, 20],
            [110, 70],
            [10, 70],
            [10, 20],
          ],
        ],
      },
      properties: {
        objectType: 'annotation',
        name: 'Block A <b>',
        classification: { name: 'Tumor', color: [200, 0, 0] },
        metadata: { [DISCUSS_METADATA_KEY]: 'true' },
      },
    });
    expect(rect.properties.measurements!['Area µm^2']).toBeCloseTo(50 * 25, 9);
    expect(rect.properties.measurements!['Length µm']).toBeCloseTo(2 * (50 + 25), 9);
    expect(rect.properties.color).toBeUndefined();
  });
  it('ellipses as polygons marked isEllipse; points as MultiPoint (2 decimals); lines as LineString; MultiPolygon', () => {
    const [, ellipse, point, line, multi] = out.features;
    expect(ellipse.geometry.type).toBe('Polygon');
    expect((ellipse.geometry as { isEllipse?: boolean }).isEllipse).toBe(true);
    expect(ellipse.properties.color).toEqual([1, 2, 3]);
    expect(ellipse.properties.measurements!['Area µm^2']).toBeCloseTo(Math.PI * 50 * 25, 6);
    expect(point.geometry).toEqual({ type: 'MultiPoint', coordinates: [[5.12, 6.46]] });
    expect(line.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [0, 0],
        [30, 40],
      ],
    });
    expect(line.properties.measurements).toEqual({ 'Length µm': 25 });
    expect(multi.geometry.type).toBe('MultiPolygon');
    // Closed rings, as GeoJSON requires.
    const rings = (multi.geometry as { coordinates: number[][][][] }).coordinates.flat();
    for (const ring of rings) expect(ring[0]).toEqual(ring[ring.length - 1]);
  });
  it('no measurements without a pixel spacing (nothing in µm can be said)', () => {
    expect(toFeatureCollection(annotations.slice(0, 1), null).features[0].properties.measurements).toBeUndefined();
  });

  it('round trip: shapes (to 0.01 px), classes, names, colours and the flag come back', () => {
    const back = parseGeoJson(JSON.stringify(out), options()).annotations;
    expect(back).toHaveLength(annotations.length);
    back.forEach((b, i) => {
      const a = annotations[i];
      expect(b.id).toBe(a.id);
      expect(b.label).toBe(a.label);
      expect(b.classification).toEqual(a.classification);
      expect(b.color).toEqual(a.color);
      expect(b.discuss).toBe(a.discuss);
      expect(b.shape.type).toBe(a.shape.type);
      expect(flat(b.shape).length).toBe(flat(a.shape).length);
      flat(b.shape).forEach((v, k) => expect(Math.abs(v - flat(a.shape)[k])).toBeLessThanOrEqual(0.005 + 1e-9));
    });
  });
});

function flat(shape: Shape): number[] {
  switch (shape.type) {
    case 'point':
    case 'line':
      return shape.coords;
    case 'rectangle':
    case 'ellipse':
      return [shape.x, shape.y, shape.width, shape.height];
    case 'polygon':
      return shape.polygons.flat(2);
  }
}
