/**
 * Add our Content-Security-Policy to a response's headers (Electron's webRequest header map).
 *
 * Appended beside any policy already there rather than replacing it: Chromium enforces every
 * policy it receives, so an extra one can only narrow what a response may do, never widen it.
 */
export type HeaderMap = Record<string, string[]>;

const CSP_HEADER = 'Content-Security-Policy';

export function withContentSecurityPolicy(headers: HeaderMap | undefined, policy: string): HeaderMap {
  const result: HeaderMap = { ...(headers ?? {}) };
  const existingKey = Object.keys(result).find((key) => key.toLowerCase() === CSP_HEADER.toLowerCase());
  const key = existingKey ?? CSP_HEADER;
  const values = result[key] ?? [];
  result[key] = values.includes(policy) ? values : [...values, policy];
  return result;
}
