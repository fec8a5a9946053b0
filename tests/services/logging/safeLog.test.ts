import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatch, type Handlers } from '../../../electron/services/contract/dispatch.js';
import { createAppServices } from '../../../electron/services/createAppServices.js';
import { describeError, logFailure } from '../../../electron/services/logging/safeLog.js';

const PATIENT = 'DOE^JANE';
const FOLDER = '/cases/Doe_Jane_1960-01-01';

describe('logs never carry patient identifiers', () => {
  afterEach(() => vi.restoreAllMocks());

  it('logs the kind of error and where, not its message', () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    const error = Object.assign(new Error(`${PATIENT} in ${FOLDER}/slide.dcm`), { code: 'ENOENT' });
    logFailure('case open failed', error);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^triptych: case open failed: Error ENOENT at safeLog\.test\.ts:\d+$/);
    expect(lines[0]).not.toContain('DOE');
    expect(lines[0]).not.toContain('Doe');
    expect(describeError('a string with DOE^JANE')).toBe('string');
  });

  it('an unexpected failure in a contract method is logged and answered without the message', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    const dispatch = createDispatch(
      {
        'case.open': async () => {
          throw new TypeError(`cannot read ${PATIENT} from ${FOLDER}`);
        },
      } as unknown as Handlers,
      (error) => logFailure('internal error', error),
    );
    const answer = await dispatch('case.open', { path: FOLDER });
    expect(JSON.stringify(answer)).not.toMatch(/DOE|Doe/);
    expect(lines.join('\n')).toContain('TypeError');
    expect(lines.join('\n')).not.toMatch(/DOE|Doe/);
  });

  it('opening a folder that is missing says which folder to the user, and logs nothing', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    const services = await createAppServices({
      dataDir: mkdtempSync(join(tmpdir(), 'triptych-log-')),
      host: 'http',
      emit: () => {},
    });
    const answer = await services.dispatch('case.open', { path: join(tmpdir(), 'Doe_Jane_missing') });
    expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_FILE' } });
    expect(lines).toEqual([]);
    await services.dispose();
  });
});
