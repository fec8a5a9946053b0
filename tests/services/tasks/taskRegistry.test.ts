import { describe, expect, it } from 'vitest';
import type { TaskInfo } from '../../../shared/model/tasks.js';
import { TaskRegistry } from '../../../electron/services/tasks/taskRegistry.js';

describe('TaskRegistry', () => {
  it('reports progress and how a task ended', async () => {
    const seen: TaskInfo[] = [];
    const tasks = new TaskRegistry((info) => seen.push(info));
    const { done } = tasks.start('offline:x', 'Make x available offline', async ({ progress }) => {
      for (let i = 1; i <= 3; i++) progress(i, 3);
      return '3 frames kept';
    });
    expect(await done).toMatchObject({ state: 'done', done: 3, total: 3, message: '3 frames kept' });
    expect(seen.at(-1)?.state).toBe('done');
    expect(seen.some((s) => s.state === 'running' && s.done === 3)).toBe(true);
    expect(tasks.list().map((t) => t.id)).toEqual(['offline:x']);
  });

  it('starting a running task again joins it; cancel stops it through its signal', async () => {
    const tasks = new TaskRegistry();
    let runs = 0;
    const first = tasks.start('offline:y', 'y', ({ signal }) => {
      runs++;
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    });
    const second = tasks.start('offline:y', 'y', async () => {
      runs++;
    });
    expect(second.done).toBe(first.done);
    expect(tasks.cancel('offline:y')).toBe(true);
    expect(await first.done).toMatchObject({ state: 'cancelled' });
    expect(runs).toBe(1);
    expect(tasks.cancel('offline:y')).toBe(false);
  });

  it('a failure is kept with its message', async () => {
    const tasks = new TaskRegistry();
    const { done } = tasks.start('t', 't', async () => {
      throw new Error('AWS could not be reached');
    });
    expect(await done).toMatchObject({ state: 'failed', message: 'AWS could not be reached' });
  });
});
