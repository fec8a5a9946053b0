import { describe, expect, it } from 'vitest';
import { createDispatch, type Handlers } from '../../../electron/services/contract/dispatch.js';
import { ServiceError } from '../../../electron/services/errors.js';

const handlers = {
  'app.info': async () => ({ name: 'Triptych', version: '1', host: 'http' }),
  'case.open': async ({ path }: { path: string }) => {
    if (path === '/bad') throw new ServiceError('BAD_FILE', 'not a slide', 'bad.dcm');
    throw new Error('secret path /home/patient/x');
  },
} as unknown as Handlers;
const dispatch = createDispatch(handlers);

describe('contract dispatch', () => {
  it('runs a method with valid params', async () => {
    expect(await dispatch('app.info', {})).toEqual({ ok: true, value: { name: 'Triptych', version: '1', host: 'http' } });
  });

  it('refuses an unknown method with a typed error', async () => {
    const answer = await dispatch('fs.readFile', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('refuses a method inherited from Object', async () => {
    expect(await dispatch('constructor', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it.each([[{ path: 42 }], [{ path: '' }], [{ path: 'x'.repeat(5000) }], [{ path: '/x', extra: 1 }], ['not an object']])(
    'refuses bad params %j with BAD_PARAMS',
    async (params) => {
      expect(await dispatch('case.open', params)).toMatchObject({ ok: false, error: { code: 'BAD_PARAMS' } });
    },
  );

  it('passes a service error through with its file', async () => {
    expect(await dispatch('case.open', { path: '/bad' })).toEqual({
      ok: false,
      error: { code: 'BAD_FILE', message: 'not a slide', file: 'bad.dcm' },
    });
  });

  it('hides the details of an unexpected error (they may carry patient paths)', async () => {
    const answer = await dispatch('case.open', { path: '/other' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(answer)).not.toContain('patient');
  });
});
