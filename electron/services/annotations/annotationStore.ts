/**
 * The user's annotations, one file per slide, kept with the case's notes (`<case>/.triptych/
 * annotations/`, or the app data folder when the case folder is read-only).
 *
 * - Keyed by the slide's Series Instance UID, so the annotations follow the slide when the case
 *   folder is moved or renamed.
 * - Every write is atomic (temp file, fsync, rename): a crash keeps the last saved set.
 * - Checked on read against the model: a damaged file is an error that names it and is never
 *   written over; the user may set it aside (renamed, kept) to start afresh.
 * - Changes are applied one at a time per slide (added/replaced and removed annotations), so two
 *   saves never interleave; a file changed on disk by another window is read again before a change.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { Annotation } from '../../../shared/model/annotations.js';
import { ServiceError } from '../errors.js';
import { writeFileAtomic } from '../storage/atomicWrite.js';
import { caseStorageFolder, type CaseStorage } from '../storage/caseStorage.js';

const ANNOTATIONS_DIR = 'annotations';
const FORMAT = 'triptych.annotations';
const VERSION = 1;

/** The slide a set belongs to. */
export type SlideKey = { seriesInstanceUID: string; name: string };

const StoredFile = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  slide: z.object({ seriesInstanceUID: z.string(), name: z.string() }),
  savedAt: z.string(),
  annotations: z.array(Annotation),
});

export type StoredAnnotations = {
  annotations: Annotation[];
  savedAt: string | null;
  location: CaseStorage['location'];
  /** As the user finds it: relative to the case folder when it is there. */
  file: string;
};

type Loaded = { annotations: Map<string, Annotation>; savedAt: string | null; mtimeMs: number };

export class AnnotationStore {
  private folder: Promise<CaseStorage> | undefined;
  private readonly loaded = new Map<string, Loaded>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly caseRoot: string,
    private readonly dataDir: string,
  ) {}

  async get(slide: SlideKey): Promise<StoredAnnotations> {
    return this.serialized(slide, async () => {
      const state = await this.load(slide);
      return this.answer(slide, state);
    });
  }

  /** Add or replace `upsert` (by id) and remove `remove`, then write the slide's file. */
  async change(slide: SlideKey, upsert: Annotation[], remove: string[]): Promise<StoredAnnotations> {
    return this.serialized(slide, async () => {
      const state = await this.load(slide);
      for (const id of remove) state.annotations.delete(id);
      for (const a of upsert) state.annotations.set(a.id, a);
      const savedAt = new Date().toISOString();
      const path = await this.pathOf(slide);
      await mkdir(join(path, '..'), { recursive: true });
      await writeFileAtomic(path, serialize(slide, savedAt, [...state.annotations.values()]));
      state.savedAt = savedAt;
      state.mtimeMs = (await stat(path)).mtimeMs;
      return this.answer(slide, state);
    });
  }

  /** Rename a damaged file aside (kept, never deleted) so the slide starts with no annotations. */
  async setAside(slide: SlideKey): Promise<string> {
    return this.serialized(slide, async () => {
      const path = await this.pathOf(slide);
      const aside = path.replace(/\.json$/, `.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
      await rename(path, aside);
      this.loaded.delete(slide.seriesInstanceUID);
      return this.display(aside);
    });
  }

  /** Every slide's stored annotations (for the board's agenda); damaged files are left out. */
  async all(): Promise<Array<{ seriesInstanceUID: string; annotations: Annotation[] }>> {
    const { dir } = await this.where();
    let names: string[];
    try {
      names = await readdir(join(dir, ANNOTATIONS_DIR));
    } catch {
      return [];
    }
    const out = [];
    for (const name of names.filter((n) => /^[^.].*\.json$/.test(n) && !n.includes('.damaged-'))) {
      try {
        const parsed = StoredFile.safeParse(JSON.parse(await readFile(join(dir, ANNOTATIONS_DIR, name), 'utf8')));
        if (parsed.success)
          out.push({ seriesInstanceUID: parsed.data.slide.seriesInstanceUID, annotations: parsed.data.annotations });
      } catch {
        /* a damaged file says so when its slide is opened */
      }
    }
    return out;
  }

  private async load(slide: SlideKey): Promise<Loaded> {
    const path = await this.pathOf(slide);
    const cached = this.loaded.get(slide.seriesInstanceUID);
    let mtimeMs: number;
    try {
      mtimeMs = (await stat(path)).mtimeMs;
    } catch {
      // No file yet: nothing saved for this slide.
      const empty = cached && cached.mtimeMs === 0 ? cached : { annotations: new Map(), savedAt: null, mtimeMs: 0 };
      this.loaded.set(slide.seriesInstanceUID, empty);
      return empty;
    }
    if (cached && cached.mtimeMs === mtimeMs) return cached;
    const state = await this.read(path, mtimeMs);
    this.loaded.set(slide.seriesInstanceUID, state);
    return state;
  }

  private async read(path: string, mtimeMs: number): Promise<Loaded> {
    const shown = await this.display(path);
    const damaged = (reason: string) =>
      new ServiceError(
        'BAD_FILE',
        `The annotations of this slide cannot be read: ${reason}. The file is left as it is; nothing is written over it until it is set aside.`,
        shown,
      );
    let value: unknown;
    try {
      value = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw damaged(error instanceof SyntaxError ? `it is not valid JSON (${error.message})` : 'it could not be read');
    }
    const parsed = StoredFile.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw damaged(`${issue.path.length ? `at ${issue.path.join('.')}: ` : ''}${issue.message}`);
    }
    const annotations = new Map<string, Annotation>();
    for (const a of parsed.data.annotations) annotations.set(a.id, a);
    return { annotations, savedAt: parsed.data.savedAt, mtimeMs };
  }

  private async answer(slide: SlideKey, state: Loaded): Promise<StoredAnnotations> {
    const { location } = await this.where();
    return {
      annotations: [...state.annotations.values()],
      savedAt: state.savedAt,
      location,
      file: await this.display(await this.pathOf(slide)),
    };
  }

  /** One change at a time per slide: each waits for the one before, failed or not. */
  private serialized<T>(slide: SlideKey, work: () => Promise<T>): Promise<T> {
    const key = slide.seriesInstanceUID;
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    this.queues.set(
      key,
      next.catch(() => undefined),
    );
    return next;
  }

  private async pathOf(slide: SlideKey): Promise<string> {
    const { dir } = await this.where();
    return join(dir, ANNOTATIONS_DIR, fileNameOf(slide.seriesInstanceUID));
  }

  private async display(path: string): Promise<string> {
    const { location } = await this.where();
    return location === 'case-folder' ? relative(this.caseRoot, path) : path;
  }

  private where(): Promise<CaseStorage> {
    this.folder ??= caseStorageFolder(this.caseRoot, this.dataDir);
    return this.folder;
  }
}

/** A DICOM UID is digits and dots (safe as a file name); anything else is hashed. */
export function fileNameOf(seriesInstanceUID: string): string {
  if (/^[0-9][0-9.]{0,63}$/.test(seriesInstanceUID)) return `${seriesInstanceUID}.json`;
  return `series-${createHash('sha256').update(seriesInstanceUID).digest('hex').slice(0, 32)}.json`;
}

/** One annotation per line: readable, and a change shows as a few lines in a diff. */
function serialize(slide: SlideKey, savedAt: string, annotations: Annotation[]): string {
  const head = JSON.stringify({ format: FORMAT, version: VERSION, slide, savedAt });
  const body = annotations.map((a) => JSON.stringify(a)).join(',\n');
  return `${head.slice(0, -1)},"annotations":[\n${body}\n]}\n`;
}
