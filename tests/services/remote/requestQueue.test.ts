import { describe, expect, it } from 'vitest';
import { RequestQueue } from '../../../electron/services/remote/requestQueue.js';

/** A fetch the test settles by hand, recording when it started and whether it was aborted. */
function controllable() {
  const started: string[] = [];
  const aborted: string[] = [];
  const pending = new Map<string, (value: string) => void>();
  const fetchOf = (key: string) => (signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      started.push(key);
      pending.set(key, resolve);
      signal.addEventListener('abort', () => {
        aborted.push(key);
        reject(signal.reason);
      });
    });
  const finish = (key: string) => pending.get(key)?.(`bytes of ${key}`);
  return { started, aborted, fetchOf, finish };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('RequestQueue', () => {
  it('runs at most N at once, newest first among the waiting', async () => {
    const q = new RequestQueue<string>(2);
    const c = controllable();
    const results = ['a', 'b', 'c', 'd', 'e'].map((k) => q.run(k, c.fetchOf(k)));
    await tick();
    expect(c.started).toEqual(['a', 'b']);
    c.finish('a');
    await tick();
    expect(c.started).toEqual(['a', 'b', 'e']); // e was asked for last: it is on screen now
    c.finish('b');
    await tick();
    expect(c.started).toEqual(['a', 'b', 'e', 'd']);
    c.finish('e');
    c.finish('d');
    await tick();
    c.finish('c');
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd', 'e'].map((k) => `bytes of ${k}`));
  });

  it('higher priority first, whatever the order', async () => {
    const q = new RequestQueue<string>(1);
    const c = controllable();
    void q.run('busy', c.fetchOf('busy'));
    void q.run('prefetch', c.fetchOf('prefetch'), { priority: 0 });
    void q.run('visible', c.fetchOf('visible'), { priority: 1 });
    void q.run('prefetch-2', c.fetchOf('prefetch-2'), { priority: 0 });
    await tick();
    c.finish('busy');
    await tick();
    expect(c.started).toEqual(['busy', 'visible']);
  });

  it('coalesces duplicates into one request', async () => {
    const q = new RequestQueue<string>(4);
    const c = controllable();
    const one = q.run('tile', c.fetchOf('tile'));
    const two = q.run('tile', c.fetchOf('tile'));
    await tick();
    c.finish('tile');
    expect(await one).toBe('bytes of tile');
    expect(await two).toBe('bytes of tile');
    expect(c.started).toEqual(['tile']);
    expect(q.stats().coalesced).toBe(1);
  });

  it('drops a queued request nobody waits for, and aborts a running one only when its last waiter leaves', async () => {
    const q = new RequestQueue<string>(1);
    const c = controllable();
    const viewA = new AbortController();
    const viewB = new AbortController();
    const running = q.run('shown-twice', c.fetchOf('shown-twice'), { signal: viewA.signal });
    const alsoRunning = q.run('shown-twice', c.fetchOf('shown-twice'), { signal: viewB.signal });
    const scrolled = new AbortController();
    const queued = q.run('scrolled-away', c.fetchOf('scrolled-away'), { signal: scrolled.signal });
    await tick();
    scrolled.abort();
    await expect(queued).rejects.toThrow(/cancelled/);
    viewA.abort();
    await expect(running).rejects.toThrow(/cancelled/);
    expect(c.aborted).toEqual([]); // view B still wants it
    viewB.abort();
    await expect(alsoRunning).rejects.toThrow(/cancelled/);
    await tick();
    expect(c.aborted).toEqual(['shown-twice']);
    expect(c.started).toEqual(['shown-twice']); // the scrolled-away tile was never fetched
    expect(q.stats()).toMatchObject({ running: 0, queued: 0, cancelled: 2 });
  });

  it('a failure reaches every waiter and frees the slot', async () => {
    const q = new RequestQueue<string>(1);
    const failing = q.run('x', async () => {
      throw new Error('503');
    });
    await expect(failing).rejects.toThrow('503');
    expect(await q.run('y', async () => 'ok')).toBe('ok');
  });
});
