/**
 * The triptych:// scheme: registered as privileged before the app is ready (a standard, secure
 * origin with fetch, CORS and streaming), then mounted on the session with the app request handler.
 */
import { protocol, type Session } from 'electron';
import { APP_SCHEME } from '../../shared/contract.js';
import { SECURITY_HEADERS } from '../services/security/csp.js';
import { createAppRequestHandler } from './appRequestHandler.js';

/** Must run before `app` is ready: Chromium fixes scheme privileges at start-up. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true },
    },
  ]);
}

export function mountAppProtocol(
  session: Session,
  options: { rendererRoot: string; binary: (request: Request) => Promise<Response> },
): void {
  const handler = createAppRequestHandler({ ...options, securityHeaders: SECURITY_HEADERS });
  session.protocol.handle(APP_SCHEME, handler);
}
