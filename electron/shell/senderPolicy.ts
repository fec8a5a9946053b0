/**
 * Whether an IPC message comes from our own page.
 *
 * Only the main frame of the Triptych window, while it shows a page of triptych://app, may call
 * the contract: not a sub-frame, not another window, not the window after it was navigated away.
 */
import { APP_ORIGIN } from '../../shared/contract.js';
import { originOf } from './origin.js';

/** The parts of an Electron WebFrameMain the check needs (plain data, so it is testable). */
export interface FrameIdentity {
  processId: number;
  frameToken: string;
  url: string;
}

export interface IpcSender {
  webContentsId: number;
  frame: FrameIdentity | null;
}

export interface TrustedWindow {
  webContentsId: number;
  mainFrame: FrameIdentity;
}

export function isTrustedSender(sender: IpcSender, window: TrustedWindow | undefined): boolean {
  if (!window || !sender.frame) return false;
  if (sender.webContentsId !== window.webContentsId) return false;
  const isMainFrame =
    sender.frame.processId === window.mainFrame.processId && sender.frame.frameToken === window.mainFrame.frameToken;
  return isMainFrame && originOf(sender.frame.url) === APP_ORIGIN;
}
