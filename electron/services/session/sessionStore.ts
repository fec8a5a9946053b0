/**
 * Where the user left each case (slide and viewport, locus, filters, selection, layout), one JSON
 * file per case in the app data folder: it is the user's view of the case, not part of it, so it is
 * kept even for read-only cases. Merged field by field, written atomically, one write at a time.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CaseUiSession } from '../../../shared/model/session.js';
import { writeFileAtomic } from '../storage/atomicWrite.js';

export class SessionStore {
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataDir: string) {}

  fileOf(caseKey: string): string {
    const key = createHash('sha256').update(caseKey).digest('hex').slice(0, 24);
    return join(this.dataDir, 'sessions', `${key}.json`);
  }

  /** The case's session; empty when there is none or it cannot be read (never a failure to open). */
  async get(caseKey: string): Promise<CaseUiSession> {
    await this.writing.catch(() => undefined);
    return this.read(caseKey);
  }

  /** Merge `patch` into the case's session: fields replaced whole, viewports merged per slide. */
  async save(caseKey: string, patch: CaseUiSession): Promise<CaseUiSession> {
    const run = this.writing
      .catch(() => undefined)
      .then(async () => {
        const current = await this.read(caseKey);
        const next: CaseUiSession = { ...current, ...dropUndefined(patch) };
        if (patch.viewports) next.viewports = { ...current.viewports, ...patch.viewports };
        await writeFileAtomic(this.fileOf(caseKey), JSON.stringify(next) + '\n');
        return next;
      });
    this.writing = run;
    return run;
  }

  private async read(caseKey: string): Promise<CaseUiSession> {
    try {
      const parsed = CaseUiSession.safeParse(JSON.parse(await readFile(this.fileOf(caseKey), 'utf8')));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  }
}

const dropUndefined = (patch: CaseUiSession): CaseUiSession =>
  Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as CaseUiSession;
