import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseArgFromArgv, dataDirFromEnv } from '../../electron/shell/launchArgs.js';

const dev = { defaultApp: true, cwd: '/home/me/work' };
const packaged = { defaultApp: false, cwd: '/home/me/work' };

describe('caseArgFromArgv', () => {
  it('finds no case when none was given (the demo opens)', () => {
    expect(caseArgFromArgv(['/usr/lib/electron', '.'], dev)).toBeUndefined();
    expect(caseArgFromArgv(['/opt/Triptych/triptych'], packaged)).toBeUndefined();
  });

  it('skips the executable and, in development, the app path', () => {
    expect(caseArgFromArgv(['/usr/lib/electron', 'dist/electron/main.cjs', '/data/case-7'], dev)).toBe('/data/case-7');
    expect(caseArgFromArgv(['/opt/Triptych/triptych', '/data/case-7'], packaged)).toBe('/data/case-7');
  });

  it('ignores switches, including those Chromium adds to a second instance', () => {
    const argv = [
      '/opt/Triptych/triptych',
      '--allow-file-access-from-files',
      '--user-data-dir=/tmp/x',
      '/data/case-7',
      '--inspect=0',
    ];
    expect(caseArgFromArgv(argv, packaged)).toBe('/data/case-7');
  });

  it('finds the app after switches, as Electron does (Playwright launches with --inspect=0 first)', () => {
    const argv = ['/electron', '--no-sandbox', '--inspect=0', '--remote-debugging-port=0', '/repo/dist/electron/main.cjs'];
    expect(caseArgFromArgv(argv, dev)).toBeUndefined();
    expect(caseArgFromArgv([...argv, '/data/case-7'], dev)).toBe('/data/case-7');
  });

  it('does not take the module of -r/--require for the app or the case', () => {
    expect(caseArgFromArgv(['/electron', '-r', '/pw/loader.js', '/repo/main.cjs'], dev)).toBeUndefined();
    expect(caseArgFromArgv(['/electron', '--require', '/pw/loader.js', '.', 'case'], dev)).toBe(resolve('/home/me/work', 'case'));
  });

  it('knows the app was named with --app=', () => {
    expect(caseArgFromArgv(['/electron', '--app=/repo/main.cjs', '/data/case-7'], dev)).toBe('/data/case-7');
  });

  it('resolves a relative path against the launching folder', () => {
    expect(caseArgFromArgv(['/opt/Triptych/triptych', 'cases/p1'], packaged)).toBe(resolve('/home/me/work', 'cases/p1'));
    expect(caseArgFromArgv(['/opt/Triptych/triptych', 'p1'], { defaultApp: false, cwd: '/elsewhere' })).toBe(
      resolve('/elsewhere', 'p1'),
    );
  });
});

describe('dataDirFromEnv', () => {
  it('reads TRIPTYCH_DATA_DIR, resolving a relative one', () => {
    expect(dataDirFromEnv({ TRIPTYCH_DATA_DIR: '/tmp/data' }, '/x')).toBe('/tmp/data');
    expect(dataDirFromEnv({ TRIPTYCH_DATA_DIR: 'data' }, '/x')).toBe(resolve('/x', 'data'));
    expect(dataDirFromEnv({ TRIPTYCH_DATA_DIR: '  ' }, '/x')).toBeUndefined();
    expect(dataDirFromEnv({}, '/x')).toBeUndefined();
  });
});
