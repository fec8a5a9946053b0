import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/services/security/csp.js';
import { hardenSession, hardenWebContents } from '../../electron/shell/security.js';

type Listener = (...args: never[]) => void;

/** Records what hardenSession installs on a session, so each policy can be exercised. */
function fakeSession() {
  const installed: Record<string, Listener> = {};
  const session = {
    setPermissionRequestHandler: (handler: Listener) => (installed.permissionRequest = handler),
    setPermissionCheckHandler: (handler: Listener) => (installed.permissionCheck = handler),
    setDevicePermissionHandler: (handler: Listener) => (installed.devicePermission = handler),
    setSpellCheckerEnabled: vi.fn(),
    webRequest: {
      onBeforeRequest: (handler: Listener) => (installed.beforeRequest = handler),
      onHeadersReceived: (handler: Listener) => (installed.headersReceived = handler),
    },
  };
  return { session: session as unknown as Session, installed, spellcheck: session.setSpellCheckerEnabled };
}

function decide(installed: Record<string, Listener>, url: string): Promise<{ cancel: boolean }> {
  return new Promise((resolve) => (installed.beforeRequest as (d: unknown, cb: unknown) => void)({ url }, resolve));
}

describe('hardenSession', () => {
  it('denies every permission request and check, and turns spell-check off', () => {
    const { session, installed, spellcheck } = fakeSession();
    hardenSession(session, { allowedEndpoints: async () => [] });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen']) {
      const callback = vi.fn();
      (installed.permissionRequest as (...a: unknown[]) => void)({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect((installed.permissionCheck as (...a: unknown[]) => boolean)({}, permission, 'triptych://app')).toBe(false);
    }
    expect((installed.devicePermission as (...a: unknown[]) => boolean)({})).toBe(false);
    expect(spellcheck).toHaveBeenCalledWith(false);
  });

  it('lets our scheme through and blocks the network unless the endpoint is allowed', async () => {
    const { session, installed } = fakeSession();
    const allowedEndpoints = vi.fn(async () => ['https://allowed.example']);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    hardenSession(session, { allowedEndpoints });
    expect(await decide(installed, 'triptych://app/binary/x')).toEqual({ cancel: false });
    expect(allowedEndpoints).not.toHaveBeenCalled(); // no settings read for local requests
    expect(await decide(installed, 'https://allowed.example/data')).toEqual({ cancel: false });
    expect(await decide(installed, 'https://genomes.igv.org/genomes3.json?patient=123')).toEqual({ cancel: true });
    expect(await decide(installed, 'file:///etc/passwd')).toEqual({ cancel: true });
    // The log names the origin only, never the query that may identify the patient.
    expect(warn.mock.calls.flat().join(' ')).toContain('https://genomes.igv.org');
    expect(warn.mock.calls.flat().join(' ')).not.toContain('patient=123');
    warn.mockRestore();
  });

  it('fails closed when the settings cannot be read', async () => {
    const { session, installed } = fakeSession();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    hardenSession(session, { allowedEndpoints: async () => Promise.reject(new Error('disk')) });
    expect(await decide(installed, 'https://allowed.example/data')).toEqual({ cancel: true });
  });

  it('adds the CSP to every response', () => {
    const { session, installed } = fakeSession();
    hardenSession(session, { allowedEndpoints: async () => [] });
    const callback = vi.fn();
    (installed.headersReceived as (...a: unknown[]) => void)({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
});

describe('hardenWebContents', () => {
  function fakeContents(url: string) {
    const contents = Object.assign(new EventEmitter(), {
      windowOpenHandler: undefined as undefined | (() => unknown),
      setWindowOpenHandler(handler: () => unknown) {
        this.windowOpenHandler = handler;
      },
      getURL: () => url,
    });
    hardenWebContents(contents as unknown as WebContents);
    return contents;
  }
  // Electron passes the target in the event (and, deprecated, as the second argument).
  const fire = (contents: EventEmitter, name: string, url?: string) => {
    const event = { url, preventDefault: vi.fn() };
    contents.emit(name, event, url);
    return event.preventDefault.mock.calls.length > 0;
  };

  it('denies every new window', () => {
    expect(fakeContents('triptych://app/index.html').windowOpenHandler?.()).toEqual({ action: 'deny' });
  });

  it('prevents navigation and redirects away from the page, allows a fragment change', () => {
    const contents = fakeContents('triptych://app/index.html');
    expect(fire(contents, 'will-navigate', 'https://evil.org/')).toBe(true);
    expect(fire(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire(contents, 'will-redirect', 'https://evil.org/')).toBe(true);
    expect(fire(contents, 'will-navigate', 'triptych://app/index.html#about')).toBe(false);
  });

  it('refuses to attach a webview', () => {
    expect(fire(fakeContents('triptych://app/index.html'), 'will-attach-webview')).toBe(true);
  });
});
