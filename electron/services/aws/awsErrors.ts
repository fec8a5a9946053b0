/**
 * AWS failures in words a user can act on: which credentials are missing or expired and the
 * command that renews them, which action on which resource was denied, throttling, offline.
 * Everything the SDK can throw ends here as a ServiceError with one of the contract's codes.
 */
import type { AwsConnection } from '../../../shared/model/aws.js';
import { ServiceError } from '../errors.js';

export type AwsErrorContext = {
  connection: AwsConnection;
  /** The IAM action, e.g. "medical-imaging:GetImageFrame". */
  action: string;
  /** What it was asked of, as the user knows it (an image set id, a read set, s3://bucket/key). */
  resource?: string;
  /** The file name to report in the pane, when there is one. */
  file?: string;
};

type SdkError = Error & {
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $fault?: 'client' | 'server';
};

const EXPIRED = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const INVALID = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'IncompleteSignature',
  'MissingAuthenticationToken',
]);
const DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'Forbidden']);
const NOT_FOUND = new Set(['ResourceNotFoundException', 'NoSuchKey', 'NoSuchBucket', 'NotFound', 'NotFoundException']);
const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'SlowDown',
  'RequestLimitExceeded',
  'ServiceQuotaExceededException',
]);
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'TimeoutError',
  'RequestTimeout',
]);

export function awsServiceError(error: unknown, context: AwsErrorContext): ServiceError {
  if (error instanceof ServiceError) return error;
  const e = (error instanceof Error ? error : new Error(String(error))) as SdkError;
  const name = e.name;
  const code = e.code ?? e.Code ?? '';
  const status = e.$metadata?.httpStatusCode;
  const attempts = e.$metadata?.attempts;
  const who = context.connection.profile ? `profile "${context.connection.profile}"` : 'the default credentials';
  const renew = context.connection.profile ? `aws sso login --profile ${context.connection.profile}` : 'aws sso login';
  const what = context.resource ? `${context.action} on ${context.resource}` : context.action;
  const make = (c: ServiceError['code'], message: string) => new ServiceError(c, message, context.file);

  if (/\bsso\b.*(expired|invalid)|refresh this sso session/i.test(e.message)) {
    return make('CREDENTIALS_EXPIRED', `The AWS SSO session of ${who} has expired: run \`${renew}\`, then try again.`);
  }
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError' || /could not load credentials/i.test(e.message)) {
    return make(
      'NO_CREDENTIALS',
      `No AWS credentials were found for ${who}. Set them up with \`aws configure\` or \`aws configure sso\` (or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), then try again.`,
    );
  }
  if (EXPIRED.has(name) || EXPIRED.has(code)) {
    return make(
      'CREDENTIALS_EXPIRED',
      `The AWS credentials of ${who} have expired: renew them (\`${renew}\` for an SSO profile, or a new session token), then try again.`,
    );
  }
  if (INVALID.has(name) || INVALID.has(code)) {
    return make('NO_CREDENTIALS', `AWS did not accept the credentials of ${who} (${name}): check the access key and secret.`);
  }
  if (DENIED.has(name) || DENIED.has(code) || status === 403) {
    return make('ACCESS_DENIED', `Access denied: ${what} is not allowed for ${who}. ${awsMessage(e)}`.trim());
  }
  if (NOT_FOUND.has(name) || NOT_FOUND.has(code) || status === 404) {
    return make('NOT_FOUND', `${context.resource ?? 'The resource'} was not found in ${context.connection.region} (${name}).`);
  }
  // S3 throttles with 503 Slow Down, which a HEAD answer carries with no body to name it.
  const s3SlowDown = context.action.startsWith('s3:') && status === 503;
  if (THROTTLED.has(name) || THROTTLED.has(code) || status === 429 || s3SlowDown) {
    return make('THROTTLED', `AWS is throttling ${context.action}${retried(attempts)}: wait a moment and try again.`);
  }
  if (NETWORK.has(name) || NETWORK.has(code) || /socket hang up|network|timed? ?out/i.test(e.message)) {
    return make(
      'UNREACHABLE',
      `AWS could not be reached for ${context.action} (${code || name}): offline, or the endpoint is blocked.`,
    );
  }
  if (e.$fault === 'server' || (status !== undefined && status >= 500)) {
    return make(
      'UNREACHABLE',
      `AWS answered ${context.action} with a server error (${status ?? name})${retried(attempts)}: try again later.`,
    );
  }
  if (name === 'ValidationException') return make('BAD_PARAMS', `AWS refused ${what}: ${awsMessage(e)}`);
  return make('INTERNAL', `${context.action} failed: ${name}${awsMessage(e) ? `: ${awsMessage(e)}` : ''}`);
}

/** AWS's own sentence (it names the principal, action and resource of a denial); bounded. */
function awsMessage(e: Error): string {
  const m = e.message && e.message !== 'UnknownError' ? e.message : '';
  return m.length > 400 ? `${m.slice(0, 400)}…` : m;
}

const retried = (attempts: number | undefined) => (attempts && attempts > 1 ? ` (after ${attempts} attempts)` : '');
