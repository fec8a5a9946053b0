/**
 * The annotations of an open case's slides: the user's (per slide, in the annotation store), the
 * read-only layers of the case's DICOM bulk annotation files that refer to the slide, and QuPath
 * GeoJSON out and in.
 */
import { randomUUID } from 'node:crypto';
import type {
  Annotation,
  AnnotationChange,
  FlaggedAnnotation,
  ImportedAnnotationLayer,
  SavedAnnotations,
  SlideAnnotations,
} from '../../../shared/model/annotations.js';
import { GeoJsonError, parseGeoJson, toFeatureCollection } from '../../../shared/annotations/geojson.js';
import { bounds } from '../../../shared/annotations/geometry.js';
import { level0Spacing, measureShape } from '../../../shared/annotations/measure.js';
import type { SlideInfo } from '../../../shared/model/slide.js';
import type { CaseSession } from '../case/caseSession.js';
import { badFile } from '../errors.js';
import { readDicomHeader } from '../slides/dicom/index.js';
import { AnnotationStore, type SlideKey } from './annotationStore.js';
import {
  bulkAnnotationsLayer,
  readBulkAnnotationsHeader,
  slideFrameOf,
  type BulkAnnotationsFile,
  type SlideFrame,
} from './dicomBulkAnnotations.js';

/** More than this in one import is refused: the store keeps a slide's set in memory and on one line each. */
const IMPORT_LIMIT = 500_000;

export type GeoJsonImportResult = { saved: SavedAnnotations; imported: number; added: Annotation[]; warnings: string[] };

export class CaseAnnotations {
  private readonly store: AnnotationStore;
  private bulkFiles: Promise<Array<BulkAnnotationsFile | { fileName: string; error: string }>> | undefined;
  private readonly layers = new Map<string, Promise<ImportedAnnotationLayer[]>>();

  constructor(
    private readonly session: CaseSession,
    dataDir: string,
  ) {
    this.store = new AnnotationStore(session.root, dataDir);
  }

  async get(slideId: string): Promise<SlideAnnotations> {
    const slide = await this.session.slideInfo(slideId);
    const [stored, imported] = await Promise.all([this.store.get(keyOf(slide)), this.importedLayers(slide)]);
    return { slideId, ...stored, imported };
  }

  async change({ slideId, upsert, remove }: AnnotationChange): Promise<SlideAnnotations> {
    const slide = await this.session.slideInfo(slideId);
    const stored = await this.store.change(keyOf(slide), upsert, remove);
    return { slideId, ...stored, imported: await this.importedLayers(slide) };
  }

  /** Set a damaged annotations file aside (kept under another name); the slide starts with none. */
  async setAside(slideId: string): Promise<string> {
    return this.store.setAside(keyOf(await this.session.slideInfo(slideId)));
  }

  /** Add the features of a QuPath GeoJSON text to the slide's annotations (new ids where taken). */
  async importGeoJson(slideId: string, fileName: string, textOfFile: string): Promise<GeoJsonImportResult> {
    const slide = await this.session.slideInfo(slideId);
    const key = keyOf(slide);
    const existing = await this.store.get(key);
    let parsed;
    try {
      parsed = parseGeoJson(textOfFile, {
        newId: randomUUID,
        now: new Date().toISOString(),
        existingIds: new Set(existing.annotations.map((a) => a.id)),
        limit: IMPORT_LIMIT,
      });
    } catch (error) {
      if (error instanceof GeoJsonError) throw badFile(fileName, `not GeoJSON annotations: ${error.message}`);
      throw error;
    }
    if (parsed.annotations.length === 0) {
      throw badFile(fileName, `no annotation could be read${parsed.warnings.length ? ` (${parsed.warnings[0]})` : ''}`);
    }
    const stored = await this.store.change(key, parsed.annotations, []);
    return {
      saved: { slideId, savedAt: stored.savedAt, location: stored.location, file: stored.file, count: stored.annotations.length },
      imported: parsed.annotations.length,
      added: parsed.annotations,
      warnings: parsed.warnings,
    };
  }

  /** The slide's annotations as QuPath writes GeoJSON (measurements in µm when the slide says its spacing). */
  async exportGeoJson(slideId: string): Promise<{ fileName: string; text: string; count: number }> {
    const slide = await this.session.slideInfo(slideId);
    const { annotations } = await this.store.get(keyOf(slide));
    const collection = toFeatureCollection(annotations, level0Spacing(slide.levels));
    const base = slide.name.replace(/[^\p{L}\p{N}._ -]+/gu, '_').trim() || 'slide';
    return { fileName: `${base}.geojson`, text: JSON.stringify(collection), count: annotations.length };
  }

  /** Every annotation flagged for discussion, on any slide of the case (the board's agenda). */
  async flagged(): Promise<FlaggedAnnotation[]> {
    const all = await this.store.all();
    const out: FlaggedAnnotation[] = [];
    for (const ref of this.session.summary.slides) {
      let slide: SlideInfo;
      try {
        slide = await this.session.slideInfo(ref.id);
      } catch {
        continue; // a slide that cannot be opened says so in its pane
      }
      const set = all.find((s) => s.seriesInstanceUID === slide.seriesInstanceUID);
      const spacing = level0Spacing(slide.levels);
      for (const a of set?.annotations.filter((x) => x.discuss) ?? []) {
        const b = bounds(a.shape);
        const m = spacing ? measureShape(a.shape, spacing) : {};
        out.push({
          slideId: ref.id,
          slideName: slide.name,
          id: a.id,
          label: a.label,
          className: a.classification?.name ?? null,
          shapeType: a.shape.type,
          bounds: { x: b.minX, y: b.minY, width: b.maxX - b.minX, height: b.maxY - b.minY },
          lengthUm: m.lengthUm,
          areaUm2: m.areaUm2,
        });
      }
    }
    return out;
  }

  /** The case's bulk annotation files that refer to this slide, each read once. */
  private importedLayers(slide: SlideInfo): Promise<ImportedAnnotationLayer[]> {
    let layers = this.layers.get(slide.id);
    if (!layers) {
      layers = this.readLayers(slide);
      this.layers.set(slide.id, layers);
      layers.catch(() => this.layers.delete(slide.id));
    }
    return layers;
  }

  private async readLayers(slide: SlideInfo): Promise<ImportedAnnotationLayer[]> {
    const files = await this.bulkAnnotationFiles();
    const out: ImportedAnnotationLayer[] = [];
    let frame: SlideFrame | null | undefined;
    for (const file of files) {
      if ('error' in file) continue;
      if (!file.referencedSeriesUIDs.includes(slide.seriesInstanceUID)) continue;
      frame ??= await this.frameOf(slide.id);
      out.push(bulkAnnotationsLayer(file, frame));
    }
    return out;
  }

  private bulkAnnotationFiles(): Promise<Array<BulkAnnotationsFile | { fileName: string; error: string }>> {
    this.bulkFiles ??= Promise.all(
      this.session.summary.files
        .filter((f) => f.kind === 'annotations')
        .map((f) =>
          readBulkAnnotationsHeader(this.session.filePath(f.id)!, f.name, f.id).catch((error: unknown) => ({
            fileName: f.name,
            error: error instanceof Error ? error.message : String(error),
          })),
        ),
    );
    return this.bulkFiles;
  }

  /** Level-0's placement on the slide: from the file of the series with the largest total pixel matrix. */
  private async frameOf(slideId: string): Promise<SlideFrame | null> {
    let best: { columns: number; frame: SlideFrame | null } | undefined;
    for (const path of this.session.slideFilePaths(slideId)) {
      try {
        const { dataset } = await readDicomHeader(path);
        const columns = Number(dataset.TotalPixelMatrixColumns) || 0;
        if (!best || columns > best.columns) best = { columns, frame: slideFrameOf(dataset) };
      } catch {
        /* the slide pane reports unreadable files */
      }
    }
    return best?.frame ?? null;
  }
}

const keyOf = (slide: SlideInfo): SlideKey => ({ seriesInstanceUID: slide.seriesInstanceUID, name: slide.name });
