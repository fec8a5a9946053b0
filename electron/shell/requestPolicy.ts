/**
 * Which requests the page (and anything else in the Electron session) may make.
 *
 * Patient data must not leave the machine: network requests (http, https, ws, wss) go only to
 * origins the user listed in Settings.allowedEndpoints. Our own UI and binary scheme, and purely
 * local URLs (data:, blob:), are always allowed; any other scheme (file:, ftp:, …) is refused.
 */
import { APP_ORIGIN } from '../../shared/contract.js';
import { originOf } from './origin.js';

const NETWORK_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:']);
// devtools: is the DevTools front end, which only opens in an unpackaged build.
const LOCAL_PROTOCOLS = new Set(['data:', 'blob:', 'devtools:']);

export function isRequestAllowed(url: string, allowedEndpoints: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (LOCAL_PROTOCOLS.has(parsed.protocol)) return true;
  const origin = originOf(url);
  if (origin === APP_ORIGIN) return true;
  if (!NETWORK_PROTOCOLS.has(parsed.protocol) || origin === undefined) return false;
  return allowedOrigins(allowedEndpoints).has(origin);
}

/** The origins of the configured endpoints; entries that are not network URLs are ignored. */
export function allowedOrigins(allowedEndpoints: readonly string[]): Set<string> {
  const origins = new Set<string>();
  for (const endpoint of allowedEndpoints) {
    try {
      const parsed = new URL(endpoint.trim());
      if (NETWORK_PROTOCOLS.has(parsed.protocol)) origins.add(parsed.origin);
    } catch {
      /* not a URL: ignore rather than guess what was meant */
    }
  }
  return origins;
}

/** Only network requests need the settings; everything else is decided without them. */
export function needsEndpointCheck(url: string): boolean {
  try {
    return NETWORK_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return false;
  }
}
