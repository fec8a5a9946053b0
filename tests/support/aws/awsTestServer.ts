/**
 * A local stand-in for AWS services, on loopback, for tests, e2e and benchmarks (AWS cannot be
 * reached here). The real SDK clients are pointed at it with an endpoint; it speaks each service's
 * wire protocol for the operations a test registers (REST-JSON for HealthImaging and HealthOmics,
 * REST-XML for S3, the query protocol for STS), and it checks every request's SigV4 signature by
 * signing the request again with the secret of the access key it names — a request the SDK signed
 * wrongly fails here as it would at AWS.
 *
 * Faults can be injected per operation: throttling, server errors, connection resets, an expired
 * token, and latency (per request, and slow bodies).
 */
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';

export type AwsProtocol = 'rest-json' | 'rest-xml' | 'query';

export type TestCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Every request signed with it is refused as an expired token. */
  expired?: boolean;
  /** What STS GetCallerIdentity answers for it. */
  arn?: string;
  account?: string;
};

export type TestRequest = {
  method: string;
  /** Decoded path, without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** From the signature's credential scope. */
  service: string;
  region: string;
  credentials: TestCredentials;
  json<T = unknown>(): T;
};

export type TestResponse = {
  status?: number;
  headers?: Record<string, string>;
  /** A string, bytes, a stream, or a value sent as JSON. */
  body?: string | Uint8Array | Readable | object;
};

export type Route = {
  /** The signing name in the credential scope: "medical-imaging", "omics", "s3", "sts". */
  service: string;
  protocol: AwsProtocol;
  /** The operation's name, for faults and the request log. */
  operation: string;
  method: string;
  path: RegExp;
  handle(request: TestRequest, match: RegExpExecArray): TestResponse | Promise<TestResponse>;
};

export type FaultKind = 'throttle' | 'server-error' | 'reset' | 'expired-token' | 'not-found' | 'access-denied';

export type Fault = {
  /** Operation name (exact) or pattern; all operations when absent. */
  operation?: string | RegExp;
  kind: FaultKind;
  /** Only requests whose path matches (one resource of many); all paths when absent. */
  path?: RegExp;
  /** How many matching requests fail (then the fault is spent). Infinity for all. */
  times: number;
};

export type LoggedRequest = {
  service: string;
  operation: string;
  method: string;
  path: string;
  status: number;
  /** The access key the request was signed with (undefined when unsigned). */
  accessKeyId?: string;
  /** Bytes of the response body sent (0 for streams not counted). */
  bytes: number;
  at: number;
};

export type AwsTestServer = {
  endpoint: string;
  port: number;
  credentials: TestCredentials;
  requests: LoggedRequest[];
  faults: Fault[];
  /** Added before every answer, in ms (a network round trip to a region). */
  latencyMs: number;
  addRoutes(routes: Route[]): void;
  /** Environment for a process (CLI, HTTP host) that should reach this server with the SDK's own rules. */
  env(extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
};

export const TEST_ACCOUNT = '123456789012';

export async function startAwsTestServer(
  options: { routes?: Route[]; credentials?: TestCredentials[]; latencyMs?: number } = {},
): Promise<AwsTestServer> {
  const credentials: TestCredentials[] = options.credentials ?? [
    {
      accessKeyId: 'AKIDTRIPTYCHTEST',
      secretAccessKey: 'triptych-test-secret',
      arn: `arn:aws:iam::${TEST_ACCOUNT}:user/pathologist`,
      account: TEST_ACCOUNT,
    },
  ];
  const routes: Route[] = [stsRoute(), ...(options.routes ?? [])];
  const requests: LoggedRequest[] = [];
  const faults: Fault[] = [];
  const sockets = new Set<Socket>();

  const state = { latencyMs: options.latencyMs ?? 0 };

  const server: Server = createServer((req, res) => {
    void answer(req, res).catch((error) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      } else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = decodePath(url.pathname);
    const auth = parseAuthorization(req.headers.authorization);
    const log = (service: string, operation: string, status: number, bytes: number) =>
      requests.push({
        service,
        operation,
        method: req.method ?? '',
        path,
        status,
        accessKeyId: auth?.accessKeyId,
        bytes,
        at: Date.now(),
      });

    if (state.latencyMs > 0) await sleep(state.latencyMs);

    if (!auth) {
      log('?', '?', 403, 0);
      return sendError(
        res,
        'rest-json',
        403,
        'MissingAuthenticationTokenException',
        'Missing or malformed Authorization header (SigV4).',
      );
    }
    const service = auth.service;
    const route = findRoute(routes, service, req.method ?? 'GET', path, body);
    const protocol = route?.route.protocol ?? (service === 's3' ? 'rest-xml' : service === 'sts' ? 'query' : 'rest-json');
    const operation = route?.route.operation ?? '?';
    const fail = (status: number, code: string, message: string) => {
      log(service, operation, status, 0);
      sendError(res, protocol, status, code, message);
    };

    const who = credentials.find((c) => c.accessKeyId === auth.accessKeyId);
    if (!who)
      return fail(
        403,
        protocol === 'rest-xml' ? 'InvalidAccessKeyId' : 'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      );
    if ((who.sessionToken ?? undefined) !== (headerValue(req.headers['x-amz-security-token']) ?? undefined)) {
      return fail(
        403,
        protocol === 'rest-xml' ? 'InvalidToken' : 'UnrecognizedClientException',
        'The session token does not match.',
      );
    }
    const expected = await expectedSignature(req, url, body, auth, who);
    if (expected !== auth.signature) {
      return fail(
        403,
        protocol === 'rest-xml' ? 'SignatureDoesNotMatch' : 'InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided.',
      );
    }
    if (who.expired) {
      return fail(
        protocol === 'rest-xml' ? 400 : 403,
        protocol === 'rest-xml' ? 'ExpiredToken' : 'ExpiredTokenException',
        'The security token included in the request is expired.',
      );
    }
    if (!route) return fail(404, 'UnknownOperationException', `No test route for ${req.method} ${path} (${service}).`);

    const fault = faults.find((f) => f.times > 0 && matches(f.operation, operation) && (!f.path || f.path.test(path)));
    if (fault) {
      fault.times--;
      switch (fault.kind) {
        case 'reset':
          log(service, operation, 0, 0);
          req.socket.destroy();
          return;
        case 'throttle':
          return protocol === 'rest-xml'
            ? fail(503, 'SlowDown', 'Please reduce your request rate.')
            : fail(429, 'ThrottlingException', 'Rate exceeded');
        case 'server-error':
          return fail(503, protocol === 'rest-xml' ? 'ServiceUnavailable' : 'ServiceUnavailableException', 'Service unavailable');
        case 'expired-token':
          return fail(
            protocol === 'rest-xml' ? 400 : 403,
            protocol === 'rest-xml' ? 'ExpiredToken' : 'ExpiredTokenException',
            'The security token included in the request is expired.',
          );
        case 'not-found':
          return fail(404, protocol === 'rest-xml' ? 'NoSuchKey' : 'ResourceNotFoundException', 'Not found');
        case 'access-denied':
          return fail(
            403,
            protocol === 'rest-xml' ? 'AccessDenied' : 'AccessDeniedException',
            `User: ${who.arn ?? who.accessKeyId} is not authorized to perform: ${service}:${operation} on resource: ${path}`,
          );
      }
    }

    const request: TestRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      headers: req.headers,
      body,
      service,
      region: auth.region,
      credentials: who,
      json: <T>() => (body.length ? JSON.parse(body.toString('utf8')) : {}) as T,
    };
    let reply: TestResponse;
    try {
      reply = await route.route.handle(request, route.match);
    } catch (error) {
      if (error instanceof AwsTestError) return fail(error.status, error.code, error.message);
      throw error;
    }
    const status = reply.status ?? 200;
    const headers: Record<string, string> = { 'x-amzn-requestid': `req-${requests.length + 1}`, ...(reply.headers ?? {}) };
    const b = reply.body;
    if (b instanceof Readable) {
      res.writeHead(status, headers);
      log(service, operation, status, 0);
      b.pipe(res);
      return;
    }
    const bytes =
      b === undefined
        ? Buffer.alloc(0)
        : typeof b === 'string'
          ? Buffer.from(b)
          : b instanceof Uint8Array
            ? Buffer.from(b.buffer, b.byteOffset, b.byteLength)
            : Buffer.from(JSON.stringify(b));
    if (b !== undefined && !(b instanceof Uint8Array) && typeof b === 'object') headers['content-type'] ??= 'application/json';
    // A HEAD answer tells the length of the body it does not send (S3 HeadObject).
    if (request.method !== 'HEAD' || headers['content-length'] === undefined)
      headers['content-length'] = String(bytes.byteLength);
    res.writeHead(status, headers);
    res.end(bytes);
    log(service, operation, status, bytes.byteLength);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;
  const first = credentials[0];

  return {
    endpoint,
    port,
    credentials: first,
    requests,
    faults,
    get latencyMs() {
      return state.latencyMs;
    },
    set latencyMs(ms: number) {
      state.latencyMs = ms;
    },
    addRoutes: (more) => routes.push(...more),
    env: (extra = {}) => ({
      AWS_ACCESS_KEY_ID: first.accessKeyId,
      AWS_SECRET_ACCESS_KEY: first.secretAccessKey,
      ...(first.sessionToken ? { AWS_SESSION_TOKEN: first.sessionToken } : {}),
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: endpoint,
      // No shared files of the machine's user, no instance metadata look-up.
      AWS_CONFIG_FILE: '/nonexistent/triptych-test-aws-config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/triptych-test-aws-credentials',
      AWS_EC2_METADATA_DISABLED: 'true',
      ...extra,
    }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Thrown by a route handler: answered as the service's error shape. */
export class AwsTestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function stsRoute(): Route {
  return {
    service: 'sts',
    protocol: 'query',
    operation: 'GetCallerIdentity',
    method: 'POST',
    path: /^\/$/,
    handle: (request) => {
      const c = request.credentials;
      const arn = c.arn ?? `arn:aws:iam::${c.account ?? TEST_ACCOUNT}:user/test`;
      return {
        headers: { 'content-type': 'text/xml' },
        body:
          '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
          `<Arn>${xml(arn)}</Arn><UserId>AIDATEST</UserId><Account>${xml(c.account ?? TEST_ACCOUNT)}</Account>` +
          '</GetCallerIdentityResult><ResponseMetadata><RequestId>sts-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
      };
    },
  };
}

function findRoute(routes: Route[], service: string, method: string, path: string, body: Buffer) {
  for (const route of routes) {
    if (route.service !== service || route.method !== method) continue;
    const match = route.path.exec(path);
    if (!match) continue;
    if (route.protocol === 'query') {
      const action = new URLSearchParams(body.toString('utf8')).get('Action');
      if (action !== route.operation) continue;
    }
    return { route, match };
  }
  return undefined;
}

function matches(pattern: string | RegExp | undefined, operation: string): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === 'string' ? pattern === operation : pattern.test(operation);
}

type Authorization = {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
};

function parseAuthorization(header: string | undefined): Authorization | null {
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      header ?? '',
    );
  if (!m) return null;
  return { accessKeyId: m[1], date: m[2], region: m[3], service: m[4], signedHeaders: m[5].split(';'), signature: m[6] };
}

/** Sign the request again, with the same date, scope and headers, and return the signature. */
async function expectedSignature(req: IncomingMessage, url: URL, body: Buffer, auth: Authorization, who: TestCredentials) {
  const amzDate = headerValue(req.headers['x-amz-date']);
  if (!amzDate || !amzDate.startsWith(auth.date) || !auth.signedHeaders.includes('host')) return 'unsigned';
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = req.headers[name];
    if (value === undefined) return 'missing-signed-header';
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId: who.accessKeyId, secretAccessKey: who.secretAccessKey, sessionToken: who.sessionToken },
    region: auth.region,
    service: auth.service,
    sha256: NodeSha256,
    // S3 signs the path as sent; every other service signs it URI-encoded once more.
    uriEscapePath: auth.service !== 's3',
  });
  const rawPath = (req.url ?? '/').split('?')[0];
  const signed = await signer.sign(
    {
      method: req.method ?? 'GET',
      protocol: 'http:',
      hostname: url.hostname,
      // The path exactly as sent: what the SDK's signer saw before its own encoding.
      path: rawPath,
      query,
      headers,
      body,
    },
    { signingDate: parseAmzDate(amzDate), signingRegion: auth.region, signingService: auth.service },
  );
  const header = String(signed.headers.authorization ?? signed.headers.Authorization ?? '');
  return /Signature=([0-9a-f]{64})/.exec(header)?.[1] ?? 'none';
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function parseAmzDate(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return new Date(NaN);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

/** The hash constructor SignatureV4 takes, over node:crypto. */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

function sendError(res: ServerResponse, protocol: AwsProtocol, status: number, code: string, message: string): void {
  if (protocol === 'rest-json') {
    const body = JSON.stringify({ message, __type: code });
    res.writeHead(status, {
      'content-type': 'application/json',
      'x-amzn-errortype': code,
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
    return;
  }
  const body =
    protocol === 'rest-xml'
      ? `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${xml(code)}</Code><Message>${xml(message)}</Message><RequestId>r</RequestId></Error>`
      : `<ErrorResponse><Error><Type>Sender</Type><Code>${xml(code)}</Code><Message>${xml(message)}</Message></Error><RequestId>r</RequestId></ErrorResponse>`;
  res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const headerValue = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * A page of items for a stand-in's List/Search operation: the token is the offset of the next
 * page, as opaque to the client as AWS's; at most `limit` items per page.
 */
export function pageOf<T>(
  items: T[],
  maxResults: string | null,
  token: string | null,
  limit: number,
): { items: T[]; nextToken?: string } {
  const max = Math.min(limit, Number(maxResults ?? limit) || limit);
  const start = token
    ? Number(
        Buffer.from(token, 'base64url')
          .toString('utf8')
          .replace(/^page:/, ''),
      )
    : 0;
  if (!Number.isInteger(start) || start < 0) throw new AwsTestError(400, 'ValidationException', 'Invalid pagination token.');
  const end = start + max;
  return {
    items: items.slice(start, end),
    nextToken: end < items.length ? Buffer.from(`page:${end}`).toString('base64url') : undefined,
  };
}
