/**
 * The contract over IPC: one ipcMain.handle per contract method, each refusing any sender but the
 * main frame of our window on triptych://app, then handing the params to services.dispatch (which
 * validates them). Channel names come from the contract only.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES, ipcChannel, type Envelope, type MethodName } from '../../shared/contract.js';
import type { AppServices } from '../services/app.js';
import { isTrustedSender, type FrameIdentity, type IpcSender, type TrustedWindow } from './senderPolicy.js';

export const REFUSED_SENDER: Envelope<never> = {
  ok: false,
  error: { code: 'UNSUPPORTED', message: 'Refused: this call did not come from the Triptych window.' },
};

export interface IpcOptions {
  services: Pick<AppServices, 'dispatch'>;
  /** The window whose main frame may call; undefined while there is none. */
  trustedWindow: () => BrowserWindow | undefined;
  /** Told after each successful call, so the shell can react (e.g. refresh the recent-cases menu). */
  onCalled?: (method: MethodName) => void;
}

/** Register every method's handler; returns a function that removes them all. */
export function registerIpcHandlers(options: IpcOptions): () => void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(ipcChannel(method), async (event, params: unknown) => {
      if (!isTrustedSender(describeSender(event), describeWindow(options.trustedWindow()))) {
        console.warn(`triptych: refused "${method}" from a sender that is not the Triptych window`);
        return REFUSED_SENDER;
      }
      const envelope = await options.services.dispatch(method, params);
      if (envelope.ok) options.onCalled?.(method);
      return envelope;
    });
  }
  return () => {
    for (const method of METHOD_NAMES) ipcMain.removeHandler(ipcChannel(method));
  };
}

function frameIdentity(frame: Electron.WebFrameMain | null | undefined): FrameIdentity | null {
  if (!frame || frame.detached) return null;
  return { processId: frame.processId, frameToken: frame.frameToken, url: frame.url };
}

function describeSender(event: IpcMainInvokeEvent): IpcSender {
  try {
    return { webContentsId: event.sender.id, frame: frameIdentity(event.senderFrame) };
  } catch {
    // A frame that navigated or closed meanwhile throws on access: treat it as unknown.
    return { webContentsId: event.sender.id, frame: null };
  }
}

function describeWindow(window: BrowserWindow | undefined): TrustedWindow | undefined {
  if (!window || window.isDestroyed()) return undefined;
  const mainFrame = frameIdentity(window.webContents.mainFrame);
  return mainFrame ? { webContentsId: window.webContents.id, mainFrame } : undefined;
}
