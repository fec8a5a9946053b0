/**
 * The one contract between the renderer and the Node side.
 *
 * The Electron shell registers every method with ipcMain.handle, the preload exposes exactly these
 * names on `window.triptych`, and the HTTP host mounts them at POST /api/<method>. No other list of
 * channel names exists: everything derives from `methods` and `events` below.
 */
import { z } from 'zod';
import { AwsConnection, AwsIdentity, AwsProfiles } from './model/aws.js';
// ---- slide colour (#8) ----
import { SlideColour } from './model/slideColour.js';
// ---- end slide colour ----
import { Annotation, AnnotationChange, FlaggedAnnotation, SavedAnnotations, SlideAnnotations } from './model/annotations.js';
import { CaseSummary, RecentCase } from './model/case.js';
import { CtdnaSeries } from './model/ctdna.js';
import { CaseNotes, Recommendation, VariantFlag } from './model/notes.js';
import { SlideInfo } from './model/slide.js';
import { Settings } from './model/settings.js';
import { TaskInfo } from './model/tasks.js';
import { GenomeTrack, Region, VariantRegion, VariantTable } from './model/variants.js';
import { CaseUiSession } from './model/session.js';
// ---- HealthImaging (#9) ----
import {
  Datastore,
  HealthImagingRef,
  ImageSetDetails,
  ImageSetPage,
  ImageSetSearch,
  OfflineChoice,
  OfflineSlidePlan,
} from './model/healthImaging.js';
// ---- end HealthImaging ----
// ---- HealthOmics (#10) ----
import { OmicsUrl, ReadSetPage, ReferenceSummary, RunOutput, RunSummary, SequenceStore } from './model/healthOmics.js';
// ---- end HealthOmics ----

const none = z.object({}).strict();
const slideParams = z.object({ slideId: z.string().min(1).max(200) }).strict();
// ---- HealthOmics (#10) ----
const omicsId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'a HealthOmics id');
// ---- end HealthOmics ----

/** Request bodies the HTTP host takes for methods that carry whole files (others: 1 MiB). */
export const LARGE_BODY_BYTES = 256 * 1024 * 1024;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'http']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const methods = {
  /** Versions and which host serves the page. */
  'app.info': { params: none, result: AppInfo },
  /** The case open now, or null. */
  'case.current': { params: none, result: CaseSummary.nullable() },
  /** Open a case folder (or a single file) on this machine. */
  'case.open': { params: z.object({ path: z.string().min(1).max(4096) }).strict(), result: CaseSummary },
  /** Open the built-in synthetic demo case (generated on first need, then cached). */
  'case.openDemo': { params: none, result: CaseSummary },
  /** The recent cases with their titles, and whether each is still there (the start screen). */
  'case.recent': { params: none, result: z.array(RecentCase) },
  'case.close': { params: none, result: z.null() },
  /** A slide's levels, associated images and tile URL template. */
  'slides.info': { params: z.object({ slideId: z.string().min(1).max(200) }).strict(), result: SlideInfo },
  // ---- slide colour (#8) ----
  /** The slide's ICC profile → sRGB transform as a 3D lookup table; null when it carries no profile. */
  'slides.colour': { params: z.object({ slideId: z.string().min(1).max(200) }).strict(), result: SlideColour.nullable() },
  // ---- end slide colour ----
  /** The variants of one variant file of the open case. */
  'variants.table': { params: z.object({ fileId: z.string().min(1).max(200) }).strict(), result: VariantTable },
  /** The genome view's tracks: variant files and alignment files (BAM/CRAM), each with its index. */
  'variants.tracks': { params: none, result: z.array(GenomeTrack) },
  /** The variants of an indexed VCF in one region, read through its index. */
  'variants.region': { params: z.object({ fileId: z.string().min(1).max(200), region: Region }).strict(), result: VariantRegion },
  /** All ctDNA results and events of the open case, merged. */
  'ctdna.series': { params: none, result: CtdnaSeries },
  /** The case's notes and the board's recommendation. */
  'notes.get': { params: none, result: CaseNotes },
  /** Save them (atomically, in the case folder or, when it is read-only, in the app data folder). */
  'notes.save': {
    params: z.object({ markdown: z.string().max(1_000_000), recommendation: Recommendation.nullable() }).strict(),
    result: CaseNotes,
  },
  /**
   * Save the one-page summary as a PDF where the host can print it itself (Electron's printToPDF,
   * after a save dialog): the saved path, null when the user cancelled. UNSUPPORTED in a browser,
   * whose print dialog saves PDFs.
   */
  'summary.savePdf': {
    params: z
      .object({
        fileName: z
          .string()
          .min(5)
          .max(200)
          .regex(/^[^/\\]+\.pdf$/i),
      })
      .strict(),
    result: z.object({ path: z.string().nullable() }),
  },
  /** Where the user left the open case (slide and viewport, locus, filters, selection, layout). */
  'session.get': { params: none, result: CaseUiSession },
  /**
   * Merge into it (each field replaced as a whole; viewports merged per slide). `forCase` is the
   * summary's root the page saved for: a save that arrives after another case opened is refused.
   */
  'session.save': {
    params: z.object({ forCase: z.string().max(4096), patch: CaseUiSession.strict() }).strict(),
    result: CaseUiSession,
  },
  /** Variants flagged for discussion at the board (kept beside the notes). */
  'flags.get': { params: none, result: z.array(VariantFlag) },
  'flags.set': { params: z.object({ variants: z.array(VariantFlag).max(10_000) }).strict(), result: z.array(VariantFlag) },
  'settings.get': { params: none, result: Settings },
  /** Merge a partial update into the settings and write them (atomically). */
  'settings.update': { params: Settings.partial().strict(), result: Settings },
  /** A slide's annotations: the user's (editable) and the case's DICOM bulk annotations over it (read-only). */
  'annotations.get': { params: slideParams, result: SlideAnnotations },
  /**
   * Add, replace (by id) and remove annotations of one slide, saved atomically (in the case folder
   * or, when it is read-only, the app data folder); changes to one slide are applied in order.
   */
  'annotations.change': { params: AnnotationChange, result: SavedAnnotations, maxBodyBytes: LARGE_BODY_BYTES },
  /** Rename a damaged annotations file aside (kept) so the slide starts afresh; answers its new name. */
  'annotations.setAside': { params: slideParams, result: z.string() },
  /**
   * Add the features of a QuPath GeoJSON file (its text) to a slide's annotations; answers the ones
   * added (with the ids they were given), so the page shows them and can undo the import as one step.
   */
  'annotations.importGeoJson': {
    params: z
      .object({ slideId: z.string().min(1).max(200), fileName: z.string().max(1000), text: z.string().max(LARGE_BODY_BYTES) })
      .strict(),
    result: z.object({
      saved: SavedAnnotations,
      imported: z.number().int(),
      added: z.array(Annotation),
      warnings: z.array(z.string()),
    }),
    maxBodyBytes: LARGE_BODY_BYTES,
  },
  /** A slide's annotations as QuPath GeoJSON (a FeatureCollection), with a file name for it. */
  'annotations.exportGeoJson': {
    params: slideParams,
    result: z.object({ fileName: z.string(), text: z.string(), count: z.number().int() }),
  },
  /** Annotations flagged for discussion on any slide of the case: the board's agenda. */
  'annotations.flagged': { params: none, result: z.array(FlaggedAnnotation) },
  /** The AWS profiles and regions this machine has (names and kinds only: no secret leaves Node). */
  'aws.profiles': { params: none, result: AwsProfiles },
  /** Who these credentials are (STS GetCallerIdentity), or a typed error that says how to fix them. */
  'aws.identity': { params: z.object({ connection: AwsConnection }).strict(), result: AwsIdentity },
  /** Long actions under way or finished lately (offline copies …). */
  'tasks.list': { params: none, result: z.array(TaskInfo) },
  /** Cancel a long action; what it fetched so far is kept, so starting it again resumes. */
  'tasks.cancel': { params: z.object({ id: z.string().min(1).max(200) }).strict(), result: z.boolean() },
  /** The on-disk cache of remote data: its size and limit (the limit is `settings.cacheMaxBytes`). */
  'cache.stats': {
    params: none,
    result: z.object({
      entries: z.number(),
      bytes: z.number(),
      pinnedEntries: z.number(),
      pinnedBytes: z.number(),
      maxBytes: z.number(),
      corruptDropped: z.number(),
      evicted: z.number(),
    }),
  },
  // ---- HealthOmics (#10) ----
  /** Sequence stores of the account in the connection's region. */
  'healthOmics.sequenceStores': { params: z.object({ connection: AwsConnection }).strict(), result: z.array(SequenceStore) },
  /** One page of a store's read sets, filtered by subject and sample at HealthOmics. */
  'healthOmics.readSets': {
    params: z
      .object({
        connection: AwsConnection,
        sequenceStoreId: omicsId,
        subjectId: z.string().max(200).optional(),
        sampleId: z.string().max(200).optional(),
        nextToken: z.string().max(10_000).optional(),
      })
      .strict(),
    result: ReadSetPage,
  },
  'healthOmics.referenceStores': { params: z.object({ connection: AwsConnection }).strict(), result: z.array(SequenceStore) },
  'healthOmics.references': {
    params: z.object({ connection: AwsConnection, referenceStoreId: omicsId }).strict(),
    result: z.array(ReferenceSummary),
  },
  /** Workflow runs (name, status), one page; `healthOmics.run` adds run group, tags and outputs. */
  'healthOmics.runs': {
    params: z
      .object({
        connection: AwsConnection,
        name: z.string().max(200).optional(),
        startingToken: z.string().max(10_000).optional(),
      })
      .strict(),
    result: z.object({ runs: z.array(RunSummary), nextToken: z.string().nullable() }),
  },
  'healthOmics.run': {
    /** `outputs: false`: GetRun only (run group, tags), no listing of the output folder. */
    params: z.object({ connection: AwsConnection, runId: omicsId, outputs: z.boolean().optional() }).strict(),
    result: RunSummary.extend({ outputs: z.array(RunOutput) }),
  },
  /** Add read sets, references, runs and run outputs to the open case's case.json (written atomically); the case reopens. */
  'healthOmics.addToCase': {
    params: z
      .object({ urls: z.array(OmicsUrl).min(1).max(200), labels: z.record(z.string(), z.string().max(500)).optional() })
      .strict(),
    result: CaseSummary,
  },
  /** What the open case names in HealthOmics, with what could not be opened and why. */
  'healthOmics.caseStatus': {
    params: none,
    result: z.object({
      urls: z.array(z.string()),
      problems: z.array(z.object({ url: z.string(), message: z.string() })),
    }),
  },
  /** Fetch and pin every HealthOmics file of the case (a task: progress, cancel, resume by starting again). */
  'healthOmics.makeOffline': { params: none, result: z.object({ task: z.string() }) },
  // ---- end HealthOmics ----
  // ---- HealthImaging (#9) ----
  /** HealthImaging data stores of the account in the connection's region. */
  'healthImaging.datastores': { params: z.object({ connection: AwsConnection }).strict(), result: z.array(Datastore) },
  /** One page of a data store's slide microscopy image sets, by patient / accession / study UID / study date. */
  'healthImaging.search': {
    params: z
      .object({ connection: AwsConnection, datastoreId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), search: ImageSetSearch })
      .strict(),
    result: ImageSetPage,
  },
  /** One image set's series description and size, from its metadata (kept in the cache for opening). */
  'healthImaging.imageSet': {
    params: z
      .object({
        connection: AwsConnection,
        datastoreId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
        imageSetId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
      })
      .strict(),
    result: ImageSetDetails,
  },
  /** Add image sets to the open case's case.json (written atomically); the case reopens. */
  'healthImaging.addToCase': {
    params: z.object({ imageSets: z.array(HealthImagingRef).min(1).max(200) }).strict(),
    result: CaseSummary,
  },
  /** The case's HealthImaging slides and their levels: frames, bytes, kept offline already, chosen last. */
  'healthImaging.offlinePlan': { params: none, result: z.array(OfflineSlidePlan) },
  /**
   * Fetch and pin every frame of the chosen levels of the case's HealthImaging slides (a task:
   * progress, cancel, resume by starting again). `choice` names the slides and their levels (none:
   * the slide is left out) and is kept per slide; without it, each slide (or `slideId`) gets the
   * levels chosen last for it, or every level.
   */
  'healthImaging.makeOffline': {
    params: z
      .object({ slideId: z.string().min(1).max(200).optional(), choice: z.array(OfflineChoice).max(200).optional() })
      .strict(),
    result: z.object({ task: z.string() }),
  },
  // ---- end HealthImaging ----
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export type ParamsOf<M extends MethodName> = z.input<Methods[M]['params']>;
export type ResultOf<M extends MethodName> = z.output<Methods[M]['result']>;

/** Messages the Node side pushes to the page (IPC webContents.send / server-sent events). */
export const events = {
  /** A case was opened or closed from outside the page (menu, second instance, CLI). */
  'case.changed': CaseSummary.nullable(),
  /** A native menu command the page carries out. */
  'menu.command': z.object({
    command: z.enum(['toggle-pane-slide', 'toggle-pane-variants', 'toggle-pane-ctdna', 'toggle-theme', 'reset-layout', 'about']),
  }),
  /** Progress of a long action (demo generation, case scan, offline copies: `tasks.cancel` stops those). */
  progress: z.object({
    task: z.string(),
    done: z.number(),
    total: z.number(),
    message: z.string().optional(),
    /** Set for the actions of `tasks.list` (absent for demo generation and case scans). */
    state: z.enum(['running', 'done', 'cancelled', 'failed']).optional(),
    label: z.string().optional(),
  }),
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export const EVENT_NAMES = Object.keys(events) as EventName[];
export type PayloadOf<E extends EventName> = z.output<Events[E]>;

/** Every call answers with this envelope, over IPC and HTTP alike: errors stay typed across the wire. */
export const ErrorCode = z.enum([
  'BAD_PARAMS',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'BAD_FILE',
  'UNSUPPORTED',
  'NO_CASE',
  'INTERNAL',
  /** Remote sources (AWS): no credentials found, or the ones found were refused. */
  'NO_CREDENTIALS',
  /** An SSO session or a temporary token has expired: the message names the command that renews it. */
  'CREDENTIALS_EXPIRED',
  /** The identity may not do this: the message names the action and the resource. */
  'ACCESS_DENIED',
  /** Still throttled after the SDK's retries. */
  'THROTTLED',
  /** The service could not be reached (offline, blocked, timed out) or kept failing (5xx). */
  'UNREACHABLE',
  /** A long action was cancelled by the user. */
  'CANCELLED',
  /** A file could not be written (disk full, read-only, no permission); the last saved version is kept. */
  'WRITE_FAILED',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;
export const ContractError = z.object({
  code: ErrorCode,
  message: z.string(),
  /** The file the error is about, as the user knows it (name in the case), when there is one. */
  file: z.string().optional(),
});
export type ContractError = z.infer<typeof ContractError>;
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** The IPC channel of a method: derived, never listed twice. */
export const ipcChannel = (name: MethodName | EventName): string => `triptych:${name}`;

/** The API the renderer sees, whichever host serves it. */
export type TriptychApi = {
  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void;
};

/** A failed call, thrown by the renderer's API module so callers can `catch` it. */
export class TriptychError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'TriptychError';
  }
}

/**
 * What the Electron preload puts on `window.triptych` (contextBridge): one function per contract
 * method (built by iterating METHOD_NAMES, so nothing else is reachable), event subscription, and
 * the file-path lookup that drag-and-drop of a case folder needs.
 */
export type PreloadBridge = {
  methods: { [M in MethodName]: (params: ParamsOf<M>) => Promise<Envelope<ResultOf<M>>> };
  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void;
  /** Absolute path of a dropped File (Electron's webUtils.getPathForFile). */
  pathForFile(file: object): string;
};

/** Where the HTTP host mounts things (the Electron shell serves the same paths on triptych://app). */
export const HTTP_PATHS = {
  api: '/api/', // POST /api/<method>, JSON body = params, answer = Envelope
  events: '/api/events', // GET, text/event-stream; event name = contract event name
  binary: '/binary/', // GET, the binary handler
} as const;

/** The custom scheme of the Electron shell: the UI and /binary are served from triptych://app/. */
export const APP_SCHEME = 'triptych';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
