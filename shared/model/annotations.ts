import { z } from 'zod';

/**
 * Annotations of a slide: shapes in level-0 image pixel coordinates (x right, y down, (0, 0) the
 * top-left corner of the top-left pixel — QuPath's and DICOM's 2D convention), each with a class,
 * a colour, a label and a "for discussion" flag the tumor-board agenda picks up.
 *
 * Coordinates are flat arrays [x0, y0, x1, y1, …]: compact in the store and quick to draw, for
 * slides with tens of thousands of shapes.
 */

/** An sRGB colour, 0–255 per channel (QuPath's `[r, g, b]`). */
export const Rgb = z.tuple([
  z.number().int().min(0).max(255),
  z.number().int().min(0).max(255),
  z.number().int().min(0).max(255),
]);
export type Rgb = z.infer<typeof Rgb>;

/** x, y pairs; a ring is not closed (its last point is not its first). */
const Coordinates = z
  .array(z.number().finite())
  .max(2_000_000)
  .refine((c) => c.length % 2 === 0, 'coordinates come in x, y pairs');

export const PointShape = z.object({ type: z.literal('point'), coords: Coordinates.refine((c) => c.length >= 2, 'no point') });
export const LineShape = z.object({
  type: z.literal('line'),
  coords: Coordinates.refine((c) => c.length >= 4, 'a line has 2 points or more'),
});
const Box = {
  x: z.number().finite(),
  y: z.number().finite(),
  width: z.number().finite().min(0),
  height: z.number().finite().min(0),
};
export const RectangleShape = z.object({ type: z.literal('rectangle'), ...Box });
/** An axis-aligned ellipse, by its bounding box (as QuPath keeps it). */
export const EllipseShape = z.object({ type: z.literal('ellipse'), ...Box });
/** One or more polygons (a MultiPolygon), each an outer ring then its holes. */
export const PolygonShape = z.object({
  type: z.literal('polygon'),
  polygons: z
    .array(
      z
        .array(Coordinates.refine((c) => c.length >= 6, 'a ring has 3 points or more'))
        .min(1)
        .max(10_000),
    )
    .min(1)
    .max(10_000),
});

export const Shape = z.discriminatedUnion('type', [PointShape, LineShape, RectangleShape, EllipseShape, PolygonShape]);
export type Shape = z.infer<typeof Shape>;
export type ShapeType = Shape['type'];

/** How a shape was drawn: the freehand brush and the polygon tool both make polygons. */
export const AnnotationTool = z.enum(['point', 'line', 'rectangle', 'ellipse', 'polygon', 'freehand']);
export type AnnotationTool = z.infer<typeof AnnotationTool>;

/** A class, as QuPath's `classification`: a name and its colour. */
export const AnnotationClass = z.object({ name: z.string().min(1).max(200), color: Rgb });
export type AnnotationClass = z.infer<typeof AnnotationClass>;

/** The classes every slide offers; "custom" classes are any other name the user gives. */
export const BUILT_IN_CLASSES: readonly AnnotationClass[] = [
  { name: 'Tumor', color: [200, 0, 0] },
  { name: 'Stroma', color: [150, 200, 150] },
  { name: 'Necrosis', color: [90, 60, 40] },
  { name: 'Margin', color: [0, 150, 220] },
];

/** Drawn when an annotation has neither a colour nor a class. */
export const UNCLASSIFIED_COLOR: Rgb = [255, 210, 74];

export const Annotation = z.object({
  /** A UUID (QuPath's feature `id`). */
  id: z.string().min(1).max(100),
  shape: Shape,
  classification: AnnotationClass.nullable(),
  /** The annotation's own colour, over its class's. */
  color: Rgb.optional(),
  label: z.string().max(1000),
  /** For discussion at the tumor board. */
  discuss: z.boolean(),
  tool: AnnotationTool.optional(),
  /** Measurements a file brought (QuPath's `measurements`), kept for the round trip. */
  measurements: z.record(z.string().max(200), z.number()).optional(),
  createdAt: z.string().max(40),
  updatedAt: z.string().max(40),
});
export type Annotation = z.infer<typeof Annotation>;

/** The colour an annotation is drawn in. */
export const annotationColor = (a: Pick<Annotation, 'color' | 'classification'>): Rgb =>
  a.color ?? a.classification?.color ?? UNCLASSIFIED_COLOR;

/** Annotations shown read-only: a DICOM Microscopy Bulk Simple Annotations file of the case. */
export const ImportedAnnotationLayer = z.object({
  fileId: z.string(),
  fileName: z.string(),
  /** Content Label / Description of the file. */
  label: z.string(),
  /** 2D: image pixel coordinates; 3D: slide coordinates (mm), converted here to the slide's pixels. */
  coordinateType: z.enum(['2D', '3D']),
  annotations: z.array(Annotation),
  /** What could not be shown, and why. */
  warnings: z.array(z.string()),
});
export type ImportedAnnotationLayer = z.infer<typeof ImportedAnnotationLayer>;

export const SlideAnnotations = z.object({
  slideId: z.string(),
  /** The user's annotations: editable, saved per slide. */
  annotations: z.array(Annotation),
  /** ISO time of the last save, null before the first. */
  savedAt: z.string().nullable(),
  location: z.enum(['case-folder', 'app-data']),
  /** The store's file, as the user can find it (relative to the case folder when it is there). */
  file: z.string(),
  imported: z.array(ImportedAnnotationLayer),
});
export type SlideAnnotations = z.infer<typeof SlideAnnotations>;

/** What a save answers: where it went and when (the page keeps the annotations it sent). */
export const SavedAnnotations = z.object({
  slideId: z.string(),
  savedAt: z.string().nullable(),
  location: z.enum(['case-folder', 'app-data']),
  file: z.string(),
  count: z.number().int(),
});
export type SavedAnnotations = z.infer<typeof SavedAnnotations>;

/** A change to a slide's annotations: added or replaced ones, removed ones (by id). */
export const AnnotationChange = z
  .object({
    slideId: z.string().min(1).max(200),
    /** As many as one GeoJSON import may add: redoing an undone import sends them all back. */
    upsert: z.array(Annotation).max(500_000),
    remove: z.array(z.string().max(100)).max(1_000_000),
  })
  .strict();
export type AnnotationChange = z.infer<typeof AnnotationChange>;

/** An annotation flagged "for discussion", as the tumor-board agenda lists it. */
export const FlaggedAnnotation = z.object({
  slideId: z.string(),
  slideName: z.string(),
  id: z.string(),
  label: z.string(),
  className: z.string().nullable(),
  shapeType: z.enum(['point', 'line', 'rectangle', 'ellipse', 'polygon']),
  /** Level-0 pixels: where the agenda flies to. */
  bounds: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
  /** In µm / µm², when the slide gives its pixel spacing. */
  lengthUm: z.number().optional(),
  areaUm2: z.number().optional(),
});
export type FlaggedAnnotation = z.infer<typeof FlaggedAnnotation>;
