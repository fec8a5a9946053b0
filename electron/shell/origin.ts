/**
 * The origin of a URL as Chromium computes it, including for our standard custom scheme.
 *
 * Node's WHATWG URL answers "null" for the origin of a scheme it does not know (triptych://app/…),
 * while Chromium, where the scheme is registered as standard, answers "triptych://app". Security
 * checks must compare what Chromium sees, so compute it the same way here.
 */
export function originOf(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.origin !== 'null') return parsed.origin;
  if (!parsed.host) return undefined;
  return `${parsed.protocol}//${parsed.host.toLowerCase()}`;
}
