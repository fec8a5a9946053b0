import { describe, expect, it } from 'vitest';
import { isTrustedSender, type TrustedWindow } from '../../electron/shell/senderPolicy.js';

const mainFrame = { processId: 4, frameToken: 'token-main', url: 'triptych://app/index.html' };
const window: TrustedWindow = { webContentsId: 1, mainFrame };

describe('isTrustedSender', () => {
  it('trusts the main frame of our window on triptych://app', () => {
    expect(isTrustedSender({ webContentsId: 1, frame: mainFrame }, window)).toBe(true);
    expect(isTrustedSender({ webContentsId: 1, frame: { ...mainFrame, url: 'triptych://app/index.html#slide' } }, window)).toBe(
      true,
    );
  });

  it('refuses another web contents', () => {
    expect(isTrustedSender({ webContentsId: 2, frame: mainFrame }, window)).toBe(false);
  });

  it('refuses a sub-frame of our window, even on our origin', () => {
    const subFrame = { processId: 4, frameToken: 'token-sub', url: 'triptych://app/frame.html' };
    expect(isTrustedSender({ webContentsId: 1, frame: subFrame }, window)).toBe(false);
  });

  it('refuses a frame of another renderer process with the same token', () => {
    expect(isTrustedSender({ webContentsId: 1, frame: { ...mainFrame, processId: 5 } }, window)).toBe(false);
  });

  it('refuses our main frame once it shows another origin', () => {
    for (const url of [
      'https://evil.org/',
      'file:///tmp/x.html',
      'triptych://other/index.html',
      'about:blank',
      'data:text/html,x',
    ]) {
      expect(isTrustedSender({ webContentsId: 1, frame: { ...mainFrame, url } }, window), url).toBe(false);
    }
  });

  it('refuses when the frame is gone or there is no window', () => {
    expect(isTrustedSender({ webContentsId: 1, frame: null }, window)).toBe(false);
    expect(isTrustedSender({ webContentsId: 1, frame: mainFrame }, undefined)).toBe(false);
  });
});
