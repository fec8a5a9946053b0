/**
 * Session- and page-level hardening: what the page may request, which permissions it gets (none),
 * where it may navigate (nowhere), which windows it may open (none).
 */
import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../services/security/csp.js';
import { withContentSecurityPolicy } from './cspHeader.js';
import { isSamePageNavigation } from './navigationPolicy.js';
import { originOf } from './origin.js';
import { isRequestAllowed, needsEndpointCheck } from './requestPolicy.js';

export interface SessionPolicyOptions {
  /** Settings.allowedEndpoints, read at request time so a change applies without a restart. */
  allowedEndpoints: () => Promise<readonly string[]>;
}

export function hardenSession(session: Session, options: SessionPolicyOptions): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // No spell-check dictionaries fetched from the network.
  session.setSpellCheckerEnabled(false);

  session.webRequest.onBeforeRequest((details, callback) => {
    const decide = (endpoints: readonly string[]): void => {
      const allowed = isRequestAllowed(details.url, endpoints);
      // Log the origin only: a full URL can carry identifiers of the patient.
      if (!allowed) console.warn(`triptych: blocked request to ${originOf(details.url) ?? 'an invalid URL'}`);
      callback({ cancel: !allowed });
    };
    if (!needsEndpointCheck(details.url)) return decide([]);
    options.allowedEndpoints().then(decide, () => decide([]));
  });

  // Defense in depth: the app protocol already sends the policy; this covers any other response.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, CONTENT_SECURITY_POLICY) });
  });
}

/** Applied to every WebContents the app creates (app 'web-contents-created'), ours included. */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayOnPage = (event: { url: string; preventDefault(): void }): void => {
    if (!isSamePageNavigation(contents.getURL(), event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnPage);
  contents.on('will-redirect', stayOnPage);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
