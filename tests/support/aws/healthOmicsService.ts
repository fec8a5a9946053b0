/**
 * HealthOmics for the loopback AWS stand-in: sequence stores and read sets (files split into parts,
 * as HealthOmics stores them), reference stores and references, workflow runs. REST-JSON, paths and
 * query members as the SDK's schemas serialize them (@aws-sdk/client-omics dist-cjs/schemas):
 *
 *   POST /sequencestores                                         ListSequenceStores
 *   POST /sequencestore/{store}/readsets?maxResults&nextToken    ListReadSets   body {filter}
 *   GET  /sequencestore/{store}/readset/{id}/metadata            GetReadSetMetadata
 *   GET  /sequencestore/{store}/readset/{id}?file&partNumber     GetReadSet     (bytes of one part)
 *   POST /referencestores                                        ListReferenceStores
 *   POST /referencestore/{store}/references                      ListReferences
 *   GET  /referencestore/{store}/reference/{id}/metadata         GetReferenceMetadata
 *   GET  /referencestore/{store}/reference/{id}?file&partNumber  GetReference   Range header in the part
 *   GET  /run?startingToken&maxResults&name&status               ListRuns
 *   GET  /run/{id}                                               GetRun
 *
 * A read set with `s3Uris` lists them in its metadata (`files.*.s3Access.s3Uri`), as a sequence
 * store's S3 access point does; the world puts those objects in the S3 stand-in.
 *
 * The runtime operations (GetReadSet, GetReference) live on a `storage-` host prefix at AWS; the
 * client config disables host prefixes on a custom endpoint, so everything arrives here.
 */
import { AwsTestError, pageOf, TEST_ACCOUNT, type Route, type TestRequest } from './awsTestServer.js';

export type ReadSetFileType = 'BAM' | 'CRAM' | 'FASTQ' | 'UBAM';
export type ReadSetStatus = 'ACTIVE' | 'ARCHIVED' | 'ACTIVATING' | 'DELETING' | 'FAILED';

export type StandInReadSet = {
  id: string;
  sequenceStoreId: string;
  name: string;
  subjectId?: string;
  sampleId?: string;
  fileType: ReadSetFileType;
  status: ReadSetStatus;
  referenceArn?: string;
  source1: Uint8Array;
  index?: Uint8Array;
  /** Where the sequence store's S3 access point serves each file (the bytes put in the S3 stand-in). */
  s3Uris?: { source1?: string; index?: string };
};

export type StandInReference = {
  id: string;
  referenceStoreId: string;
  name: string;
  source: Uint8Array;
  index: Uint8Array;
};

export type StandInRun = {
  id: string;
  name: string;
  status: 'COMPLETED' | 'RUNNING' | 'FAILED' | 'PENDING';
  runGroupId?: string;
  workflowId?: string;
  tags?: Record<string, string>;
  outputUri: string;
};

export class HealthOmicsStandIn {
  readonly sequenceStores: Array<{ id: string; name: string }> = [];
  readonly referenceStores: Array<{ id: string; name: string }> = [];
  readonly readSets: StandInReadSet[] = [];
  readonly references: StandInReference[] = [];
  readonly runs: StandInRun[] = [];
  /** Bytes of every part but the last (HealthOmics uses 100 MiB; tests use less to cross parts). */
  partSize: number;
  readonly region: string;

  constructor(options: { partSize?: number; region?: string } = {}) {
    this.partSize = options.partSize ?? 64 * 1024;
    this.region = options.region ?? 'us-east-1';
  }

  readSetArn(r: { sequenceStoreId: string; id: string }): string {
    return `arn:aws:omics:${this.region}:${TEST_ACCOUNT}:sequenceStore/${r.sequenceStoreId}/readSet/${r.id}`;
  }
  referenceArn(r: { referenceStoreId: string; id: string }): string {
    return `arn:aws:omics:${this.region}:${TEST_ACCOUNT}:referenceStore/${r.referenceStoreId}/reference/${r.id}`;
  }

  routes(): Route[] {
    const route = (operation: string, method: string, path: RegExp, handle: Route['handle']): Route => ({
      service: 'omics',
      protocol: 'rest-json',
      operation,
      method,
      path,
      handle,
    });
    return [
      route('ListSequenceStores', 'POST', /^\/sequencestores$/, (req) => {
        const page = paged(this.sequenceStores, req);
        return {
          body: {
            sequenceStores: page.items.map((s) => ({
              id: s.id,
              name: s.name,
              arn: `arn:aws:omics:${this.region}:${TEST_ACCOUNT}:sequenceStore/${s.id}`,
              creationTime: CREATED,
            })),
            nextToken: page.nextToken,
          },
        };
      }),
      route('ListReadSets', 'POST', /^\/sequencestore\/([^/]+)\/readsets$/, (req, m) => {
        this.sequenceStore(m[1]);
        const filter =
          req.json<{ filter?: { subjectId?: string; sampleId?: string; status?: string; name?: string } }>().filter ?? {};
        const matching = this.readSets.filter(
          (r) =>
            r.sequenceStoreId === m[1] &&
            (filter.subjectId === undefined || r.subjectId === filter.subjectId) &&
            (filter.sampleId === undefined || r.sampleId === filter.sampleId) &&
            (filter.status === undefined || r.status === filter.status) &&
            (filter.name === undefined || r.name === filter.name),
        );
        const page = paged(matching, req);
        return { body: { readSets: page.items.map((r) => this.readSetItem(r)), nextToken: page.nextToken } };
      }),
      route('GetReadSetMetadata', 'GET', /^\/sequencestore\/([^/]+)\/readset\/([^/]+)\/metadata$/, (_req, m) => {
        const r = this.readSet(m[1], m[2]);
        return {
          body: {
            ...this.readSetItem(r),
            files: {
              source1: this.fileInformation(r.source1, r.s3Uris?.source1),
              ...(r.index ? { index: this.fileInformation(r.index, r.s3Uris?.index) } : {}),
            },
          },
        };
      }),
      route('GetReadSet', 'GET', /^\/sequencestore\/([^/]+)\/readset\/([^/]+)$/, (req, m) => {
        const r = this.readSet(m[1], m[2]);
        if (r.status !== 'ACTIVE') {
          throw new AwsTestError(400, 'ValidationException', `Read set ${r.id} is ${r.status}: activate it first.`);
        }
        const file = req.query.get('file') ?? 'SOURCE1';
        const bytes = file === 'SOURCE1' ? r.source1 : file === 'INDEX' ? r.index : undefined;
        if (!bytes) throw new AwsTestError(404, 'ResourceNotFoundException', `Read set ${r.id} has no ${file} file.`);
        return { headers: { 'content-type': 'application/octet-stream' }, body: this.part(bytes, req) };
      }),
      route('ListReferenceStores', 'POST', /^\/referencestores$/, (req) => {
        const page = paged(this.referenceStores, req);
        return {
          body: {
            referenceStores: page.items.map((s) => ({
              id: s.id,
              name: s.name,
              arn: `arn:aws:omics:${this.region}:${TEST_ACCOUNT}:referenceStore/${s.id}`,
              creationTime: CREATED,
            })),
            nextToken: page.nextToken,
          },
        };
      }),
      route('ListReferences', 'POST', /^\/referencestore\/([^/]+)\/references$/, (req, m) => {
        if (!this.referenceStores.some((s) => s.id === m[1])) throw notFound(`reference store ${m[1]}`);
        const page = paged(
          this.references.filter((r) => r.referenceStoreId === m[1]),
          req,
        );
        return { body: { references: page.items.map((r) => this.referenceItem(r)), nextToken: page.nextToken } };
      }),
      route('GetReferenceMetadata', 'GET', /^\/referencestore\/([^/]+)\/reference\/([^/]+)\/metadata$/, (_req, m) => {
        const r = this.reference(m[1], m[2]);
        return {
          body: {
            ...this.referenceItem(r),
            files: { source: this.fileInformation(r.source), index: this.fileInformation(r.index) },
          },
        };
      }),
      route('GetReference', 'GET', /^\/referencestore\/([^/]+)\/reference\/([^/]+)$/, (req, m) => {
        const r = this.reference(m[1], m[2]);
        const file = req.query.get('file') ?? 'SOURCE';
        const bytes = file === 'SOURCE' ? r.source : file === 'INDEX' ? r.index : undefined;
        if (!bytes) throw new AwsTestError(400, 'ValidationException', `Unknown reference file ${file}.`);
        let part = this.part(bytes, req);
        const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? ''));
        if (range) {
          const start = Number(range[1]);
          const end = range[2] === '' ? part.length - 1 : Math.min(Number(range[2]), part.length - 1);
          if (start >= part.length || end < start) throw new AwsTestError(416, 'RangeNotSatisfiableException', 'Bad range.');
          part = part.subarray(start, end + 1);
        }
        return { headers: { 'content-type': 'application/octet-stream' }, body: part };
      }),
      route('ListRuns', 'GET', /^\/run$/, (req) => {
        const name = req.query.get('name');
        const status = req.query.get('status');
        const matching = this.runs.filter((r) => (!name || r.name === name) && (!status || r.status === status));
        const page = paged(matching, req, 'startingToken');
        return {
          body: {
            items: page.items.map((r) => ({
              id: r.id,
              arn: `arn:aws:omics:${this.region}:${TEST_ACCOUNT}:run/${r.id}`,
              name: r.name,
              status: r.status,
              workflowId: r.workflowId,
              creationTime: CREATED,
            })),
            nextToken: page.nextToken,
          },
        };
      }),
      route('GetRun', 'GET', /^\/run\/([^/]+)$/, (_req, m) => {
        const r = this.runs.find((x) => x.id === m[1]);
        if (!r) throw notFound(`run ${m[1]}`);
        return {
          body: {
            id: r.id,
            arn: `arn:aws:omics:${this.region}:${TEST_ACCOUNT}:run/${r.id}`,
            name: r.name,
            status: r.status,
            runGroupId: r.runGroupId,
            workflowId: r.workflowId,
            tags: r.tags ?? {},
            outputUri: r.outputUri,
            creationTime: CREATED,
          },
        };
      }),
    ];
  }

  private sequenceStore(id: string) {
    const store = this.sequenceStores.find((s) => s.id === id);
    if (!store) throw notFound(`sequence store ${id}`);
    return store;
  }
  private readSet(store: string, id: string): StandInReadSet {
    this.sequenceStore(store);
    const r = this.readSets.find((x) => x.sequenceStoreId === store && x.id === id);
    if (!r) throw notFound(`read set ${id}`);
    return r;
  }
  private reference(store: string, id: string): StandInReference {
    const r = this.references.find((x) => x.referenceStoreId === store && x.id === id);
    if (!r) throw notFound(`reference ${id}`);
    return r;
  }

  private readSetItem(r: StandInReadSet) {
    return {
      id: r.id,
      arn: this.readSetArn(r),
      sequenceStoreId: r.sequenceStoreId,
      subjectId: r.subjectId,
      sampleId: r.sampleId,
      status: r.status,
      name: r.name,
      fileType: r.fileType,
      referenceArn: r.referenceArn,
      creationTime: CREATED,
    };
  }
  private referenceItem(r: StandInReference) {
    return {
      id: r.id,
      arn: this.referenceArn(r),
      referenceStoreId: r.referenceStoreId,
      md5: 'd41d8cd98f00b204e9800998ecf8427e',
      status: 'ACTIVE',
      name: r.name,
      creationTime: CREATED,
      updateTime: CREATED,
    };
  }
  private fileInformation(bytes: Uint8Array, s3Uri?: string) {
    return {
      totalParts: Math.max(1, Math.ceil(bytes.length / this.partSize)),
      partSize: this.partSize,
      contentLength: bytes.length,
      ...(s3Uri ? { s3Access: { s3Uri } } : {}),
    };
  }
  /** The bytes of the request's part (1-based, as HealthOmics numbers them). */
  private part(bytes: Uint8Array, req: TestRequest): Uint8Array {
    const partNumber = Number(req.query.get('partNumber'));
    const totalParts = Math.max(1, Math.ceil(bytes.length / this.partSize));
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > totalParts) {
      throw new AwsTestError(
        400,
        'ValidationException',
        `partNumber must be 1..${totalParts}, not ${req.query.get('partNumber')}.`,
      );
    }
    return bytes.subarray((partNumber - 1) * this.partSize, Math.min(bytes.length, partNumber * this.partSize));
  }
}

const CREATED = '2026-11-02T09:30:00Z';

const notFound = (what: string) => new AwsTestError(404, 'ResourceNotFoundException', `No ${what}.`);

/** HealthOmics pages: up to 100, the token in the query under its operation's name. */
const paged = <T>(items: T[], req: TestRequest, tokenName = 'nextToken') =>
  pageOf(items, req.query.get('maxResults'), req.query.get(tokenName), 100);
