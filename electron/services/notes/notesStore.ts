import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type CaseNotes, Recommendation, VariantFlag } from '../../../shared/model/notes.js';
import { writeFileAtomic } from '../storage/atomicWrite.js';
import { caseStorageFolder, type CaseStorage } from '../storage/caseStorage.js';
const NOTES_FILE = 'notes.md';
const RECOMMENDATION_FILE = 'recommendation.json';
const SAVED_AT_FILE = 'saved-at.txt';
const FLAGS_FILE = 'flags.json';
/**
 * One save is three files (the notes stay a plain Markdown file beside the data): the whole save is
 * written here first, then the three, then this is removed. A save killed half-way is finished from
 * this file on the next read, so notes and recommendation are always of the same save.
 */
const PENDING_FILE = 'save-pending.json';
const NOTES_LABEL = 'The case notes';

/**
 * The notes of one case: Markdown notes and the board's recommendation, kept as files beside the
 * data they are about (`<case>/.triptych/`), or in the app data folder when the case folder cannot
 * be written. Every write is atomic: a crash keeps the last saved text.
 */
export class NotesStore {
  private folder: Promise<CaseStorage> | undefined;

  constructor(
    private readonly caseRoot: string,
    private readonly dataDir: string,
  ) {}

  async get(): Promise<CaseNotes> {
    const { dir, location } = await this.where();
    const pending = parsePending(await readText(join(dir, PENDING_FILE)));
    if (pending) {
      await this.writeAll(dir, pending);
      return { ...pending, location };
    }
    const [markdown, recommendation, savedAt] = await Promise.all([
      readText(join(dir, NOTES_FILE)),
      readText(join(dir, RECOMMENDATION_FILE)),
      readText(join(dir, SAVED_AT_FILE)),
    ]);
    return {
      markdown: markdown ?? '',
      recommendation: parseRecommendation(recommendation),
      savedAt: savedAt?.trim() || null,
      location,
    };
  }

  async save(markdown: string, recommendation: Recommendation | null): Promise<CaseNotes> {
    const { dir, location } = await this.where();
    await mkdir(dir, { recursive: true });
    const saved: PendingSave = { markdown, recommendation, savedAt: new Date().toISOString() };
    await writeFileAtomic(join(dir, PENDING_FILE), JSON.stringify(saved), NOTES_LABEL);
    await this.writeAll(dir, saved);
    return { ...saved, location };
  }

  private async writeAll(dir: string, saved: PendingSave): Promise<void> {
    await writeFileAtomic(join(dir, NOTES_FILE), saved.markdown, NOTES_LABEL);
    await writeFileAtomic(join(dir, RECOMMENDATION_FILE), JSON.stringify(saved.recommendation, null, 2) + '\n', NOTES_LABEL);
    await writeFileAtomic(join(dir, SAVED_AT_FILE), saved.savedAt + '\n', NOTES_LABEL);
    await rm(join(dir, PENDING_FILE), { force: true });
  }

  /** The variants flagged for discussion; a damaged file reads as none. */
  async flags(): Promise<VariantFlag[]> {
    const { dir } = await this.where();
    const text = await readText(join(dir, FLAGS_FILE));
    if (!text) return [];
    try {
      const parsed = VariantFlag.array().safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  }

  async setFlags(variants: VariantFlag[]): Promise<VariantFlag[]> {
    const { dir } = await this.where();
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(join(dir, FLAGS_FILE), JSON.stringify(variants, null, 2) + '\n', 'The variants flagged for discussion');
    return variants;
  }

  private where(): Promise<CaseStorage> {
    this.folder ??= caseStorageFolder(this.caseRoot, this.dataDir);
    return this.folder;
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Checked on read: a damaged file reads as no recommendation rather than breaking the notes. */
function parseRecommendation(text: string | undefined): Recommendation | null {
  if (!text) return null;
  try {
    const parsed = Recommendation.nullable().safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

type PendingSave = { markdown: string; recommendation: Recommendation | null; savedAt: string };

/** The save in progress, when one was cut short (a damaged pending file is one that never finished). */
function parsePending(text: string | undefined): PendingSave | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as PendingSave;
    const recommendation = value.recommendation === null ? null : Recommendation.safeParse(value.recommendation);
    if (typeof value.markdown !== 'string' || typeof value.savedAt !== 'string') return null;
    if (recommendation !== null && !recommendation.success) return null;
    return { markdown: value.markdown, recommendation: recommendation?.data ?? null, savedAt: value.savedAt };
  } catch {
    return null;
  }
}
