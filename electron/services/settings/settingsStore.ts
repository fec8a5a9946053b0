import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, Settings } from '../../../shared/model/settings.js';
import { writeFileAtomic } from '../storage/atomicWrite.js';

const MAX_RECENT = 10;

/**
 * The user's settings (theme, layout, recent cases, allowed endpoints) in `settings.json` of the
 * data folder. Read once, checked against the schema on read (a damaged file falls back to the
 * defaults instead of breaking start-up), written atomically on every change.
 */
export class SettingsStore {
  private current: Settings | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly dataDir: string) {}

  get file(): string {
    return join(this.dataDir, 'settings.json');
  }

  async get(): Promise<Settings> {
    if (!this.current) this.current = await this.load();
    return this.current;
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    const next = Settings.parse({ ...(await this.get()), ...patch });
    this.current = next;
    // Writes are chained so two quick updates never race each other to the rename.
    this.writing = this.writing.then(() => writeFileAtomic(this.file, JSON.stringify(next, null, 2) + '\n'));
    await this.writing;
    return next;
  }

  async addRecentCase(path: string): Promise<void> {
    const recent = (await this.get()).recentCases.filter((p) => p !== path);
    await this.update({ recentCases: [path, ...recent].slice(0, MAX_RECENT) });
  }

  private async load(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return structuredClone(DEFAULT_SETTINGS);
    }
    try {
      const parsed = Settings.partial().safeParse(JSON.parse(text));
      if (parsed.success) return { ...structuredClone(DEFAULT_SETTINGS), ...parsed.data };
    } catch {
      /* fall through */
    }
    return structuredClone(DEFAULT_SETTINGS);
  }
}
