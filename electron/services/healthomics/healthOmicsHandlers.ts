/**
 * The contract's `healthOmics.*` methods, and the remote files of the open case for the binary
 * handler: one instance per host, holding the request queue every part and range goes through.
 */
import type { AwsConnection } from '../../../shared/model/aws.js';
import type { CaseSummary } from '../../../shared/model/case.js';
import { parseOmicsUrl } from '../../../shared/model/healthOmics.js';
import type { GenomeTrack, Region, VariantRegion, VariantTable } from '../../../shared/model/variants.js';
import type { DiskCache } from '../cache/diskCache.js';
import type { CaseSession } from '../case/caseSession.js';
import type { Handlers } from '../contract/dispatch.js';
import { ServiceError } from '../errors.js';
import { RequestQueue } from '../remote/requestQueue.js';
import { updateCaseJson } from '../case/updateCaseJson.js';
import type { TaskRegistry } from '../tasks/taskRegistry.js';
import { CaseHealthOmics } from './caseHealthOmics.js';
import type { RangeSource } from './partedFile.js';
import { listReferences, listReferenceStores } from './referenceStores.js';
import { listReadSets, listSequenceStores } from './sequenceStores.js';
import { getRun, listRunOutputs, listRuns } from './workflowRuns.js';

type HealthOmicsMethod = Extract<keyof Handlers, `healthOmics.${string}`>;

/** Parts in flight at once: HealthOmics answers a few parallel GetReadSet calls per read set well. */
const CONCURRENCY = 6;

export class HealthOmicsHost {
  private readonly queue = new RequestQueue<Uint8Array>(CONCURRENCY);
  private readonly ofCase = new WeakMap<CaseSession, Promise<CaseHealthOmics>>();

  constructor(
    private readonly options: {
      cache: () => Promise<DiskCache>;
      /** The user's AWS choice (settings.aws): its profile is used, the URL's region wins. */
      awsSettings: () => Promise<AwsConnection | null>;
      tasks: TaskRegistry;
      currentCase: () => CaseSession | undefined;
      /** Open the current case's folder again (after case.json changed) and tell the page. */
      reopenCase: () => Promise<CaseSummary>;
    },
  ) {}

  private forCase(session: CaseSession): Promise<CaseHealthOmics> {
    let found = this.ofCase.get(session);
    if (!found) {
      found = CaseHealthOmics.of(
        session,
        async () => ({ cache: await this.options.cache(), queue: this.queue }),
        (region) => this.connection(region),
      );
      this.ofCase.set(session, found);
    }
    return found;
  }

  private async connection(region: string): Promise<AwsConnection> {
    const chosen = await this.options.awsSettings();
    return { profile: chosen?.profile ?? null, region: region || chosen?.region || 'us-east-1' };
  }

  /** The case's remote tracks (read sets, run outputs) to add to the local ones. */
  async tracks(): Promise<GenomeTrack[]> {
    const session = this.options.currentCase();
    return session ? (await this.forCase(session)).tracks() : [];
  }

  /** The variant table of a run output the open case names, or undefined for an id that is not one. */
  async variantTable(fileId: string): Promise<VariantTable | undefined> {
    const session = this.options.currentCase();
    if (!session) return undefined;
    const remote = await this.forCase(session);
    let table = remote.variantTable(fileId);
    if (!table) {
      await remote.tracks(); // the page asked for a table before the tracks: list them first
      table = remote.variantTable(fileId);
    }
    return table;
  }

  /** A region of an indexed VCF run output the open case names, or undefined for an id that is not one. */
  async variantRegion(fileId: string, region: Region): Promise<VariantRegion | undefined> {
    const session = this.options.currentCase();
    if (!session) return undefined;
    const remote = await this.forCase(session);
    const answer = await remote.variantRegion(fileId, region);
    if (answer) return answer;
    await remote.tracks(); // asked before the tracks: list them first
    return remote.variantRegion(fileId, region);
  }

  /** For the binary handler: the bytes behind a remote track id of the open case. */
  async remoteFile(fileId: string): Promise<RangeSource | undefined> {
    const session = this.options.currentCase();
    return session ? (await this.forCase(session)).source(fileId) : undefined;
  }

  handlers(): Pick<Handlers, HealthOmicsMethod> {
    const requireCase = () => {
      const session = this.options.currentCase();
      if (!session) throw new ServiceError('NO_CASE', 'No case is open.');
      return session;
    };
    return {
      'healthOmics.sequenceStores': async ({ connection }) => listSequenceStores(connection),
      'healthOmics.readSets': async ({ connection, sequenceStoreId, ...options }) =>
        listReadSets(connection, sequenceStoreId, options),
      'healthOmics.referenceStores': async ({ connection }) => listReferenceStores(connection),
      'healthOmics.references': async ({ connection, referenceStoreId }) => listReferences(connection, referenceStoreId),
      'healthOmics.runs': async ({ connection, ...options }) => listRuns(connection, options),
      'healthOmics.run': async ({ connection, runId, outputs }) => {
        const run = await getRun(connection, runId);
        const listed = outputs !== false && run.outputUri ? await listRunOutputs(connection, run.outputUri) : [];
        return { ...run, outputs: listed };
      },
      'healthOmics.addToCase': async ({ urls, labels }) => {
        const session = requireCase();
        if (session.summary.isDemo) {
          throw new ServiceError('UNSUPPORTED', 'The demo case is generated: open a case folder to add HealthOmics data to it.');
        }
        await addToCaseJson(session.root, urls, labels ?? {});
        return this.options.reopenCase();
      },
      'healthOmics.caseStatus': async () => {
        const session = this.options.currentCase();
        if (!session) return { urls: [], problems: [] };
        const remote = await this.forCase(session);
        await remote.tracks();
        const e = remote.entries;
        const urls = [...(e.readSets ?? []), ...(e.references ?? []), ...(e.runs ?? []), ...(e.runOutputs ?? [])].map(
          (x) => x.url,
        );
        return { urls, problems: [...remote.problems] };
      },
      'healthOmics.makeOffline': async () => {
        const session = requireCase();
        const remote = await this.forCase(session);
        const id = `healthomics-offline:${session.root}`;
        this.options.tasks.start(
          id,
          `Make the HealthOmics data of ${session.summary.title} available offline`,
          async ({ signal, progress }) => {
            const { files, bytes } = await remote.makeAvailableOffline(signal, progress);
            return `${files} files (${(bytes / 2 ** 20).toFixed(1)} MiB) available offline`;
          },
        );
        return { task: id };
      },
    };
  }
}

const KIND_KEY = { 'read-set': 'readSets', reference: 'references', run: 'runs', s3: 'runOutputs' } as const;

/** Merge URLs into the folder's case.json. */
function addToCaseJson(root: string, urls: string[], labels: Record<string, string>): Promise<void> {
  return updateCaseJson(root, (json) => {
    const section = (json.healthOmics ?? {}) as Record<string, Array<{ url: string; label?: string }>>;
    for (const url of urls) {
      const resource = parseOmicsUrl(url);
      if (!resource) throw new ServiceError('BAD_PARAMS', `Not a HealthOmics or S3 URL: ${url}`);
      const list = (section[KIND_KEY[resource.kind]] ??= []);
      if (list.some((x) => x.url === url)) continue;
      list.push(labels[url] ? { url, label: labels[url] } : { url });
    }
    json.healthOmics = section;
  });
}
