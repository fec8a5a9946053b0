import type { AppOptions, AppServices } from './app.js';
import { stat } from 'node:fs/promises';
import { asFetchHandler, createBinaryService } from './binary/binaryHandler.js';
import { CaseSession } from './case/caseSession.js';
import { openCase } from './case/openCase.js';
import { createDispatch, type Handlers } from './contract/dispatch.js';
import { ensureDemoCase } from './demo/ensureDemoCase.js';
import { ServiceError } from './errors.js';
import { logFailure } from './logging/safeLog.js';
import { NotesStore } from './notes/notesStore.js';
import { CaseAnnotations } from './annotations/caseAnnotations.js';
// ---- slide colour (#8) ----
import { slideColoursOf } from './slides/colour/slideColours.js';
// ---- end slide colour ----
import { SettingsStore } from './settings/settingsStore.js';
import { checkRegion, listGenomeTracks, readRegion } from './variants/genomeTracks.js';
import { listAwsProfiles } from './aws/awsProfiles.js';
import { awsIdentity } from './aws/awsIdentity.js';
import { DiskCache } from './cache/diskCache.js';
import { TaskRegistry } from './tasks/taskRegistry.js';
import { join } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { describeRecentCases } from './case/recentCases.js';
import { SessionStore } from './session/sessionStore.js';
// ---- HealthOmics (#10) ----
import { HealthOmicsHost } from './healthomics/healthOmicsHandlers.js';
// ---- end HealthOmics ----
// ---- HealthImaging (#9) ----
import { HealthImagingHost } from './healthimaging/healthImagingHost.js';
// ---- end HealthImaging ----

const APP_VERSION = packageJson.version;

/** Build the Node side once per host: the contract's handlers, the binary handler, the open case. */
export async function createAppServices(options: AppOptions): Promise<AppServices> {
  const settings = new SettingsStore(options.dataDir);
  const sessions = new SessionStore(options.dataDir);
  // The demo is regenerated into versioned folders: its session is kept under one name.
  const sessionKey = (open: CaseSession): string => (open.summary.isDemo ? 'built-in demo' : open.root);
  let session: CaseSession | undefined;
  const tasks = new TaskRegistry((info) =>
    options.emit('progress', {
      task: info.id,
      done: info.done,
      total: info.total,
      message: info.message,
      state: info.state,
      label: info.label,
    }),
  );
  // Remote data (HealthImaging frames, HealthOmics parts, S3 objects), shared by every case.
  let remoteCache: DiskCache | undefined;
  const cache = async (): Promise<DiskCache> => {
    remoteCache ??= new DiskCache(join(options.dataDir, 'cache'), (await settings.get()).cacheMaxBytes);
    return remoteCache;
  };

  const notesOfCase = new WeakMap<CaseSession, NotesStore>();
  const notes = (): NotesStore => {
    const open = requireCase();
    let store = notesOfCase.get(open);
    if (!store) notesOfCase.set(open, (store = new NotesStore(open.root, options.dataDir)));
    return store;
  };

  const annotationsOfCase = new WeakMap<CaseSession, CaseAnnotations>();
  const annotations = (): CaseAnnotations => {
    const open = requireCase();
    let store = annotationsOfCase.get(open);
    if (!store) annotationsOfCase.set(open, (store = new CaseAnnotations(open, options.dataDir)));
    return store;
  };

  const requireCase = (): CaseSession => {
    if (!session) throw new ServiceError('NO_CASE', 'No case is open.');
    return session;
  };

  /**
   * A case folder being opened from outside the page (CLI argument, menu). The page asks
   * `case.current` as it starts: it must get that case, not null (and then open the demo instead).
   * The demo is not waited for here: the page opens it too and shows its generation's progress.
   */
  let openingFolder: Promise<unknown> | undefined;

  /**
   * Opening and closing run one after another, in the order asked: the demo, generated slowly on
   * a first run, must not land after (and over) a case the user opened meanwhile.
   */
  let caseChanges: Promise<unknown> = Promise.resolve();
  function inTurn<T>(change: () => Promise<T>): Promise<T> {
    const result = caseChanges.then(change);
    caseChanges = result.catch(() => undefined);
    return result;
  }

  /**
   * `orLastCase`: with no path, the case opened last (when still there) rather than the demo; it
   * takes its turn when asked, though finding that case takes a moment.
   */
  function open(path: string | undefined, orLastCase = false): Promise<CaseSession> {
    const folder = path !== undefined || !orLastCase ? Promise.resolve(path) : lastCaseStillThere();
    const opening = inTurn(async () => openNow(await folder));
    const settled = opening.catch(() => undefined);
    const before = openingFolder; // the demo is not waited for: the page shows its progress
    openingFolder = folder.then((f) => (f === undefined ? before : settled));
    return opening;
  }

  async function openNow(path: string | undefined): Promise<CaseSession> {
    const isDemo = path === undefined;
    const folder =
      path ??
      (await ensureDemoCase(options.dataDir, (done, total, message) =>
        options.emit('progress', { task: 'demo', done, total, message }),
      ));
    const next = new CaseSession(await openCase(folder, { isDemo }), healthImaging.openSlide);
    const previous = session;
    session = next;
    await previous?.close();
    if (!isDemo) await settings.addRecentCase(folder);
    return next;
  }

  /** The case opened last, when its folder is still there: reopened on launch instead of the demo. */
  async function lastCaseStillThere(): Promise<string | undefined> {
    const [last] = (await settings.get()).recentCases;
    if (!last) return undefined;
    return (await stat(last).then(
      () => true,
      () => false,
    ))
      ? last
      : undefined;
  }

  // ---- HealthOmics (#10): read sets, references, run outputs of the open case ----
  const healthOmics = new HealthOmicsHost({
    cache,
    awsSettings: async () => (await settings.get()).aws,
    tasks,
    currentCase: () => session,
    reopenCase: async () => {
      const reopened = await open(requireCase().root);
      options.emit('case.changed', reopened.summary);
      return reopened.summary;
    },
  });
  // ---- end HealthOmics ----
  // ---- HealthImaging (#9): the case's slides in HealthImaging, browse, add, offline ----
  const healthImaging = new HealthImagingHost({
    cache,
    awsSettings: async () => (await settings.get()).aws,
    tasks,
    currentCase: () => session,
    reopenCase: async () => {
      const reopened = await open(requireCase().root);
      options.emit('case.changed', reopened.summary);
      return reopened.summary;
    },
  });
  // ---- end HealthImaging ----

  const handlers: Handlers = {
    'app.info': async () => ({ name: 'Triptych', version: APP_VERSION, host: options.host }),
    'case.current': async () => {
      await openingFolder;
      return session?.summary ?? null;
    },
    'case.open': async ({ path }) => (await open(path)).summary,
    'case.openDemo': async () => (await open(undefined)).summary,
    'session.get': async () => sessions.get(sessionKey(requireCase())),
    'session.save': async ({ forCase, patch }) => {
      const open = requireCase();
      if (open.summary.root !== forCase) throw new ServiceError('NO_CASE', 'The case changed before its session was saved.');
      return sessions.save(sessionKey(open), patch);
    },
    'case.recent': async () => describeRecentCases((await settings.get()).recentCases),
    'case.close': () =>
      inTurn(async () => {
        await session?.close();
        session = undefined;
        return null;
      }),
    'slides.info': async ({ slideId }) => requireCase().slideInfo(slideId),
    // ---- slide colour (#8) ----
    'slides.colour': async ({ slideId }) => slideColoursOf(requireCase()).colour(slideId),
    // ---- end slide colour ----
    // ---- healthomics run outputs (#10) ----
    'variants.table': async ({ fileId }) => {
      const session = requireCase();
      if (session.summary.files.some((f) => f.id === fileId)) return session.variantTable(fileId);
      return (await healthOmics.variantTable(fileId)) ?? session.variantTable(fileId);
    },
    // ---- end healthomics run outputs ----
    'variants.tracks': async () => [...(await listGenomeTracks(requireCase())), ...(await healthOmics.tracks())],
    // ---- healthomics run outputs (#10): an indexed VCF in S3 read by region ----
    'variants.region': async ({ fileId, region }) => {
      const session = requireCase();
      checkRegion(region);
      if (session.summary.files.some((f) => f.id === fileId)) return readRegion(session, fileId, region);
      return (await healthOmics.variantRegion(fileId, region)) ?? readRegion(session, fileId, region);
    },
    // ---- end healthomics run outputs ----
    'ctdna.series': async () => requireCase().ctdnaSeries(),
    'notes.get': async () => notes().get(),
    'notes.save': async ({ markdown, recommendation }) => notes().save(markdown, recommendation),
    'summary.savePdf': async ({ fileName }) => {
      if (!options.saveSummaryPdf) {
        throw new ServiceError(
          'UNSUPPORTED',
          'This host cannot print to PDF itself: use the browser’s Print dialog and “Save as PDF”.',
        );
      }
      return { path: await options.saveSummaryPdf(fileName) };
    },
    'flags.get': async () => notes().flags(),
    'flags.set': async ({ variants }) => notes().setFlags(variants),
    'annotations.get': async ({ slideId }) => annotations().get(slideId),
    'annotations.change': async (change) => {
      const saved = await annotations().change(change);
      return {
        slideId: saved.slideId,
        savedAt: saved.savedAt,
        location: saved.location,
        file: saved.file,
        count: saved.annotations.length,
      };
    },
    'annotations.setAside': async ({ slideId }) => annotations().setAside(slideId),
    'annotations.importGeoJson': async ({ slideId, fileName, text }) => annotations().importGeoJson(slideId, fileName, text),
    'annotations.exportGeoJson': async ({ slideId }) => annotations().exportGeoJson(slideId),
    'annotations.flagged': async () => annotations().flagged(),
    'settings.get': async () => settings.get(),
    'settings.update': async (patch) => {
      const next = await settings.update(patch);
      if (patch.cacheMaxBytes !== undefined) await (await cache()).setMaxBytes(next.cacheMaxBytes);
      return next;
    },
    'aws.profiles': async () => listAwsProfiles(),
    'aws.identity': async ({ connection }) => awsIdentity(connection),
    'tasks.list': async () => tasks.list(),
    'tasks.cancel': async ({ id }) => tasks.cancel(id),
    'cache.stats': async () => (await cache()).statistics(),
    ...healthOmics.handlers(),
    ...healthImaging.handlers(),
  };

  const serveBinary = createBinaryService({
    filePath: (id) => session?.filePath(id),
    slide: async (id) => session?.slide(id),
    remoteFile: (id) => healthOmics.remoteFile(id),
  });

  return {
    dispatch: createDispatch(handlers, (error) => logFailure('internal error', error)),
    binary: asFetchHandler(serveBinary),
    serveBinary,
    async openCase(path) {
      const opened = await open(path, true);
      options.emit('case.changed', opened.summary);
    },
    async dispose() {
      tasks.cancelAll();
      await session?.close();
      session = undefined;
      remoteCache?.close(); // its open entry files
    },
  };
}
