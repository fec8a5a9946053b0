import { describe, expect, it } from 'vitest';
import { isSamePageNavigation } from '../../electron/shell/navigationPolicy.js';
import { originOf } from '../../electron/shell/origin.js';

describe('isSamePageNavigation', () => {
  const page = 'triptych://app/index.html';

  it('allows a change of fragment only', () => {
    expect(isSamePageNavigation(page, `${page}#variants`)).toBe(true);
    expect(isSamePageNavigation(`${page}#a`, `${page}#b`)).toBe(true);
    expect(isSamePageNavigation(page, page)).toBe(true);
  });

  it('refuses any other document', () => {
    expect(isSamePageNavigation(page, 'triptych://app/other.html')).toBe(false);
    expect(isSamePageNavigation(page, `${page}?x=1`)).toBe(false);
    expect(isSamePageNavigation(page, 'https://evil.org/')).toBe(false);
    expect(isSamePageNavigation(page, 'file:///etc/passwd')).toBe(false);
  });

  it('refuses when the current URL is unknown (nothing loaded yet)', () => {
    expect(isSamePageNavigation('', page)).toBe(false);
  });
});

describe('originOf', () => {
  it('computes the origin of our standard custom scheme as Chromium does', () => {
    expect(originOf('triptych://app/index.html')).toBe('triptych://app');
    expect(originOf('triptych://APP/x')).toBe('triptych://app');
  });

  it('uses the WHATWG origin for web schemes', () => {
    expect(originOf('https://Example.org:443/a?b#c')).toBe('https://example.org');
    expect(originOf('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
  });

  it('has no origin for opaque or invalid URLs', () => {
    expect(originOf('data:text/html,x')).toBeUndefined();
    expect(originOf('about:blank')).toBeUndefined();
    expect(originOf('nonsense')).toBeUndefined();
  });
});
