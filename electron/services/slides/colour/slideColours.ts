/**
 * Per open case: each slide's colour transform, read and computed on first ask and kept (one
 * lcms run per slide). null when the slide carries no ICC profile. A profile lcms refuses is a
 * clear error naming the file.
 */
import type { SlideColour } from '../../../../shared/model/slideColour.js';
import type { CaseSession } from '../../case/caseSession.js';
import { ServiceError, badFile } from '../../errors.js';
import { buildColourLut, toSlideColour } from './colourLut.js';
import { readSlideIccProfile } from './iccProfile.js';

export class SlideColours {
  private readonly cache = new Map<string, Promise<SlideColour | null>>();

  constructor(
    private readonly filesOf: (slideId: string) => string[],
    /** A slide of the case held remotely (HealthImaging, #9): no file to read a profile from. */
    private readonly isRemote: (slideId: string) => boolean = () => false,
  ) {}

  colour(slideId: string): Promise<SlideColour | null> {
    let entry = this.cache.get(slideId);
    if (!entry) {
      entry = this.compute(slideId);
      this.cache.set(slideId, entry);
      entry.catch(() => this.cache.delete(slideId));
    }
    return entry;
  }

  private async compute(slideId: string): Promise<SlideColour | null> {
    const files = this.filesOf(slideId);
    if (files.length === 0 && this.isRemote(slideId)) {
      // HealthImaging keeps binary attributes such as the ICC profile out of its metadata.
      throw new ServiceError('UNSUPPORTED', 'HealthImaging does not give the ICC profile of its slides.');
    }
    if (files.length === 0) throw new ServiceError('NOT_FOUND', `No slide ${slideId} in this case.`);
    const profile = await readSlideIccProfile(files);
    if (!profile) return null;
    try {
      return toSlideColour(await buildColourLut(profile.bytes), profile.bytes.length, profile.opticalPath);
    } catch (error) {
      throw badFile(
        profile.path,
        `its ICC profile cannot be applied (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
}

const ofCase = new WeakMap<CaseSession, SlideColours>();

/** The open case's slide colours (dropped with the case). */
export function slideColoursOf(open: CaseSession): SlideColours {
  let colours = ofCase.get(open);
  if (!colours)
    ofCase.set(
      open,
      (colours = new SlideColours(
        (id) => open.slideFilePaths(id),
        (id) => !!open.remoteSlide(id),
      )),
    );
  return colours;
}
