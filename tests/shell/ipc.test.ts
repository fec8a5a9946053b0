import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, ipcChannel } from '../../shared/contract.js';

// A stand-in for Electron's ipcMain: records handlers so the test can call them like Electron does.
const handlers = new Map<string, (event: unknown, params: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, params: unknown) => Promise<unknown>) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { registerIpcHandlers, REFUSED_SENDER } = await import('../../electron/shell/ipc.js');

const mainFrame = { processId: 3, frameToken: 'main', url: 'triptych://app/index.html', detached: false };
const window = { isDestroyed: () => false, webContents: { id: 7, mainFrame } };
const eventFrom = (frame: unknown, webContentsId = 7) => ({ sender: { id: webContentsId }, senderFrame: frame });

describe('IPC handlers', () => {
  const dispatch = vi.fn(async (method: string, params: unknown) => ({ ok: true as const, value: { method, params } }));
  const onCalled = vi.fn();
  let unregister: () => void;

  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    handlers.clear();
    dispatch.mockClear();
    onCalled.mockClear();
    unregister = registerIpcHandlers({ services: { dispatch }, trustedWindow: () => window as never, onCalled });
  });

  afterEach(() => vi.restoreAllMocks());

  it('registers exactly one handler per contract method, on the contract channel', () => {
    expect([...handlers.keys()].sort()).toEqual(METHOD_NAMES.map(ipcChannel).sort());
  });

  it('dispatches a call from our main frame with its params untouched', async () => {
    const params = { path: '/data/case' };
    const answer = await handlers.get(ipcChannel('case.open'))!(eventFrom(mainFrame), params);
    expect(dispatch).toHaveBeenCalledWith('case.open', params);
    expect(answer).toEqual({ ok: true, value: { method: 'case.open', params } });
    expect(onCalled).toHaveBeenCalledWith('case.open');
  });

  it('refuses calls from anything else, without dispatching', async () => {
    const strangers = [
      eventFrom({ ...mainFrame, url: 'https://evil.org/' }),
      eventFrom({ ...mainFrame, frameToken: 'iframe' }),
      eventFrom(mainFrame, 8),
      eventFrom(null),
      eventFrom({ ...mainFrame, detached: true }),
      {
        sender: { id: 7 },
        get senderFrame() {
          throw new Error('Render frame was disposed before WebFrameMain could be accessed');
        },
      },
    ];
    for (const event of strangers) {
      expect(await handlers.get(ipcChannel('settings.get'))!(event, {})).toEqual(REFUSED_SENDER);
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses everything while there is no window', async () => {
    handlers.clear();
    registerIpcHandlers({ services: { dispatch }, trustedWindow: () => undefined });
    expect(await handlers.get(ipcChannel('app.info'))!(eventFrom(mainFrame), {})).toEqual(REFUSED_SENDER);
  });

  it('passes error envelopes through and does not report them as done', async () => {
    dispatch.mockResolvedValueOnce({ ok: false, error: { code: 'BAD_PARAMS', message: 'no' } } as never);
    const answer = await handlers.get(ipcChannel('case.open'))!(eventFrom(mainFrame), { path: 1 });
    expect(answer).toEqual({ ok: false, error: { code: 'BAD_PARAMS', message: 'no' } });
    expect(onCalled).not.toHaveBeenCalled();
  });

  it('removes all its handlers', () => {
    unregister();
    expect(handlers.size).toBe(0);
  });
});
