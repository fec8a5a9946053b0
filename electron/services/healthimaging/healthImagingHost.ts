/**
 * The contract's `healthImaging.*` methods, and the opener of the case's HealthImaging slides:
 * one instance per host, holding the request queue every frame goes through (shared by all
 * slides, so the bound on parallel requests is the account's, not the slide's).
 */
import type { AwsConnection } from '../../../shared/model/aws.js';
import type { CaseSummary } from '../../../shared/model/case.js';
import { healthImagingUrl, type HealthImagingRef, type OfflineSlidePlan } from '../../../shared/model/healthImaging.js';
import type { DiskCache } from '../cache/diskCache.js';
import type { CaseSession } from '../case/caseSession.js';
import type { Handlers } from '../contract/dispatch.js';
import { ServiceError } from '../errors.js';
import { RequestQueue } from '../remote/requestQueue.js';
import type { Bytes } from '../sources.js';
import { updateCaseJson } from '../case/updateCaseJson.js';
import type { TaskRegistry } from '../tasks/taskRegistry.js';
import { HealthImagingSlide, openHealthImagingSlide } from './healthImagingSlide.js';
import { detailsOf, fetchImageSetMetadata } from './imageSetMetadata.js';
import { listDatastores, searchImageSets } from './imageSetSearch.js';

type HealthImagingMethod = Extract<keyof Handlers, `healthImaging.${string}`>;

/** Frames in flight at once: a viewport asks for dozens; HealthImaging answers ~10 parallel calls well. */
const CONCURRENCY = 10;

export class HealthImagingHost {
  private readonly queue = new RequestQueue<Bytes>(CONCURRENCY);

  constructor(
    private readonly options: {
      cache: () => Promise<DiskCache>;
      /** The user's AWS choice (settings.aws): its profile is used, the image set's region wins. */
      awsSettings: () => Promise<AwsConnection | null>;
      tasks: TaskRegistry;
      currentCase: () => CaseSession | undefined;
      reopenCase: () => Promise<CaseSummary>;
    },
  ) {}

  /** For the case session: open one of its image sets as a slide. */
  openSlide = async (ref: HealthImagingRef): Promise<HealthImagingSlide> => {
    const chosen = await this.options.awsSettings();
    const connection = { profile: chosen?.profile ?? null, region: ref.region };
    return openHealthImagingSlide(connection, ref, { cache: await this.options.cache(), queue: this.queue });
  };

  handlers(): Pick<Handlers, HealthImagingMethod> {
    const requireCase = () => {
      const session = this.options.currentCase();
      if (!session) throw new ServiceError('NO_CASE', 'No case is open.');
      return session;
    };
    return {
      'healthImaging.datastores': async ({ connection }) => listDatastores(connection),
      'healthImaging.search': async ({ connection, datastoreId, search }) => searchImageSets(connection, datastoreId, search),
      'healthImaging.imageSet': async ({ connection, datastoreId, imageSetId }) => {
        const ref: HealthImagingRef = { source: 'healthimaging', region: connection.region, datastoreId, imageSetId };
        const url = healthImagingUrl(ref);
        // The same cache group the slide opens from: a look in the dialog is not fetched twice.
        const group = (await this.options.cache()).group(`healthimaging:${url}`);
        return detailsOf(await fetchImageSetMetadata(connection, ref, group, url));
      },
      'healthImaging.addToCase': async ({ imageSets }) => {
        const session = requireCase();
        if (session.summary.isDemo) {
          throw new ServiceError(
            'UNSUPPORTED',
            'The demo case is generated: open a case folder to add HealthImaging slides to it.',
          );
        }
        await addToCaseJson(session.root, imageSets);
        return this.options.reopenCase();
      },
      'healthImaging.offlinePlan': async () => {
        const session = requireCase();
        const plans: OfflineSlidePlan[] = [];
        for (const ref of session.summary.slides) {
          if (!session.remoteSlide(ref.id)) continue;
          try {
            const slide = await session.slide(ref.id);
            if (!(slide instanceof HealthImagingSlide)) continue;
            plans.push({
              slideId: ref.id,
              name: ref.name,
              levels: await slide.offlineLevels(),
              associatedFrames: slide.associatedFrameCount,
            });
          } catch (error) {
            plans.push({ slideId: ref.id, name: ref.name, levels: [], associatedFrames: 0, error: messageOf(error) });
          }
        }
        return plans;
      },
      'healthImaging.makeOffline': async ({ slideId, choice }) => {
        const session = requireCase();
        const ids = session.summary.slides.map((s) => s.id).filter((id) => session.remoteSlide(id));
        // What to fetch per slide: the levels chosen now, or (undefined) those chosen last.
        const wanted = new Map<string, number[] | undefined>();
        if (choice) {
          const named = choice.filter((c) => ids.includes(c.slideId));
          if (!named.some((c) => c.levels.length))
            throw new ServiceError('BAD_PARAMS', 'Choose at least one level of a HealthImaging slide to make available offline.');
          for (const c of named) {
            if (c.levels.length) wanted.set(c.slideId, c.levels);
            else await keepChoiceOf(session, c.slideId, []);
          }
        } else {
          for (const id of ids) if (!slideId || id === slideId) wanted.set(id, undefined);
        }
        if (wanted.size === 0)
          throw new ServiceError('NOT_FOUND', 'The case has no HealthImaging slide to make available offline.');
        const task = `healthimaging-offline:${session.root}:${slideId ?? 'all'}`;
        this.options.tasks.start(
          task,
          `Make the HealthImaging slides of ${session.summary.title} available offline`,
          async ({ signal, progress }) => {
            let frames = 0;
            let bytes = 0;
            for (const [id, levels] of wanted) {
              const slide = await session.slide(id);
              if (!(slide instanceof HealthImagingSlide)) continue;
              const chosen = levels ?? (await slide.offlineChoice()) ?? undefined;
              // A slide left out of the choice made last stays out when the copy resumes.
              if (chosen?.length === 0) continue;
              const done = await slide.makeAvailableOffline(signal, progress, chosen);
              frames += done.frames;
              bytes += done.bytes;
            }
            return `${frames} frames available offline (${(bytes / 2 ** 20).toFixed(1)} MiB fetched)`;
          },
        );
        return { task };
      },
    };
  }
}

/** Keep a slide's choice (a slide that does not open has nothing to keep). */
async function keepChoiceOf(session: CaseSession, slideId: string, levels: number[]): Promise<void> {
  const slide = await session.slide(slideId).catch(() => undefined);
  if (slide instanceof HealthImagingSlide) await slide.keepOfflineChoice(levels);
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Merge image sets into the folder's case.json. */
function addToCaseJson(root: string, imageSets: HealthImagingRef[]): Promise<void> {
  return updateCaseJson(root, (json) => {
    const list = (Array.isArray(json.healthImaging) ? json.healthImaging : []) as HealthImagingRef[];
    for (const ref of imageSets) {
      if (list.some((x) => healthImagingUrl(x) === healthImagingUrl(ref))) continue;
      list.push(ref);
    }
    json.healthImaging = list;
  });
}
