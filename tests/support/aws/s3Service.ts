/**
 * S3 for the loopback AWS stand-in, path-style (a custom endpoint has no per-bucket host names):
 *
 *   GET  /{bucket}?list-type=2&prefix&delimiter&continuation-token&max-keys   ListObjectsV2
 *   GET  /{bucket}/{key}      Range: bytes=a-b → 206 + Content-Range            GetObject
 *   HEAD /{bucket}/{key}                                                     HeadObject
 *
 * REST-XML answers as S3 writes them.
 */
import { createHash } from 'node:crypto';
import { AwsTestError, type Route } from './awsTestServer.js';

export class S3StandIn {
  readonly buckets = new Map<string, Map<string, Uint8Array>>();

  put(bucket: string, key: string, bytes: Uint8Array): void {
    let objects = this.buckets.get(bucket);
    if (!objects) this.buckets.set(bucket, (objects = new Map()));
    objects.set(key, bytes);
    etag(bytes);
  }

  routes(): Route[] {
    return [
      {
        service: 's3',
        protocol: 'rest-xml',
        operation: 'ListObjectsV2',
        method: 'GET',
        path: /^\/([^/]+)\/?$/,
        handle: (req, m) => {
          const objects = this.bucket(m[1]);
          if (req.query.get('list-type') !== '2') throw new AwsTestError(400, 'InvalidRequest', 'Only ListObjectsV2 is served.');
          const prefix = req.query.get('prefix') ?? '';
          const delimiter = req.query.get('delimiter') ?? '';
          const maxKeys = Math.min(1000, Number(req.query.get('max-keys') ?? 1000) || 1000);
          const after = req.query.get('continuation-token') ?? req.query.get('start-after') ?? '';
          const keys = [...objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
          const contents: string[] = [];
          const prefixes = new Set<string>();
          let last = '';
          let truncated = false;
          for (const key of keys) {
            if (contents.length + prefixes.size >= maxKeys) {
              truncated = true;
              break;
            }
            last = key;
            const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
            if (cut >= 0) prefixes.add(key.slice(0, cut + delimiter.length));
            else contents.push(key);
          }
          const body =
            '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
            `<Name>${xml(m[1])}</Name><Prefix>${xml(prefix)}</Prefix><KeyCount>${contents.length + prefixes.size}</KeyCount>` +
            `<MaxKeys>${maxKeys}</MaxKeys>${delimiter ? `<Delimiter>${xml(delimiter)}</Delimiter>` : ''}` +
            `<IsTruncated>${truncated}</IsTruncated>` +
            contents
              .map((key) => {
                const bytes = objects.get(key)!;
                return `<Contents><Key>${xml(key)}</Key><LastModified>${MODIFIED}</LastModified><ETag>${etag(bytes)}</ETag><Size>${bytes.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
              })
              .join('') +
            [...prefixes].map((p) => `<CommonPrefixes><Prefix>${xml(p)}</Prefix></CommonPrefixes>`).join('') +
            (truncated ? `<NextContinuationToken>${xml(last)}</NextContinuationToken>` : '') +
            '</ListBucketResult>';
          return { headers: { 'content-type': 'application/xml' }, body };
        },
      },
      {
        service: 's3',
        protocol: 'rest-xml',
        operation: 'GetObject',
        method: 'GET',
        path: /^\/([^/]+)\/(.+)$/,
        handle: (req, m) => {
          const bytes = this.object(m[1], m[2]);
          const headers: Record<string, string> = {
            'content-type': 'application/octet-stream',
            'accept-ranges': 'bytes',
            etag: etag(bytes),
            'last-modified': new Date(MODIFIED).toUTCString(),
          };
          const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ''));
          if (!range || (range[1] === '' && range[2] === '')) return { headers, body: bytes };
          let start: number;
          let end: number;
          if (range[1] === '') {
            start = Math.max(0, bytes.length - Number(range[2]));
            end = bytes.length - 1;
          } else {
            start = Number(range[1]);
            end = range[2] === '' ? bytes.length - 1 : Math.min(Number(range[2]), bytes.length - 1);
          }
          if (start >= bytes.length) throw new AwsTestError(416, 'InvalidRange', 'The requested range is not satisfiable');
          headers['content-range'] = `bytes ${start}-${end}/${bytes.length}`;
          return { status: 206, headers, body: bytes.subarray(start, end + 1) };
        },
      },
      {
        service: 's3',
        protocol: 'rest-xml',
        operation: 'HeadObject',
        method: 'HEAD',
        path: /^\/([^/]+)\/(.+)$/,
        handle: (_req, m) => {
          const bytes = this.object(m[1], m[2]);
          return {
            headers: {
              'content-type': 'application/octet-stream',
              'content-length': String(bytes.length),
              'accept-ranges': 'bytes',
              etag: etag(bytes),
              'last-modified': new Date(MODIFIED).toUTCString(),
            },
          };
        },
      },
    ];
  }

  private bucket(name: string): Map<string, Uint8Array> {
    const objects = this.buckets.get(name);
    if (!objects) throw new AwsTestError(404, 'NoSuchBucket', 'The specified bucket does not exist');
    return objects;
  }
  private object(bucket: string, key: string): Uint8Array {
    const bytes = this.bucket(bucket).get(key);
    if (!bytes) throw new AwsTestError(404, 'NoSuchKey', 'The specified key does not exist.');
    return bytes;
  }
}

const MODIFIED = '2026-11-02T10:00:00.000Z';
/**
 * MD5 once per object, when it is put: hashing a 1 GB read set on a ranged GET would block the
 * server for seconds and dwarf the latency measured.
 */
const etags = new WeakMap<Uint8Array, string>();
const etag = (bytes: Uint8Array) => {
  let tag = etags.get(bytes);
  if (!tag) etags.set(bytes, (tag = `"${createHash('md5').update(bytes).digest('hex')}"`));
  return tag;
};
const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
