/**
 * Requests to a remote service, the way a slide viewer needs them:
 * - bounded in parallel (a service throttles past its rate; the browser asks for dozens at once);
 * - newest first within a priority (the tiles just asked for are the ones on screen now; older
 *   ones may have scrolled away);
 * - duplicates coalesced (two views of one tile, a prefetch and a view: one request);
 * - cancelled when nobody waits any more (the viewer dropped the tile): a queued request is
 *   removed, a running one aborted through its AbortSignal.
 */

export type QueueStats = { running: number; queued: number; started: number; coalesced: number; cancelled: number };

type Waiter<T> = { resolve(value: T): void; reject(error: unknown): void; signal?: AbortSignal; onAbort?: () => void };

type Job<T> = {
  key: string;
  priority: number;
  order: number;
  fetch: (signal: AbortSignal) => Promise<T>;
  waiters: Set<Waiter<T>>;
  controller: AbortController;
  state: 'queued' | 'running';
};

export class CancelledError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'AbortError';
  }
}

export class RequestQueue<T> {
  private readonly jobs = new Map<string, Job<T>>();
  private readonly queued: Job<T>[] = [];
  private running = 0;
  private order = 0;
  private readonly counts = { started: 0, coalesced: 0, cancelled: 0 };

  constructor(private concurrency: number) {}

  setConcurrency(concurrency: number): void {
    this.concurrency = Math.max(1, concurrency);
    this.pump();
  }

  stats(): QueueStats {
    return { running: this.running, queued: this.queued.length, ...this.counts };
  }

  /** Run `fetch` for `key`, or join the request for `key` already queued or running. */
  run(
    key: string,
    fetch: (signal: AbortSignal) => Promise<T>,
    options: { signal?: AbortSignal; priority?: number } = {},
  ): Promise<T> {
    const { signal, priority = 0 } = options;
    if (signal?.aborted) return Promise.reject(new CancelledError());
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = { resolve, reject, signal };
      let job = this.jobs.get(key);
      if (job) {
        this.counts.coalesced++;
        if (job.state === 'queued' && priority > job.priority) {
          job.priority = priority;
        }
        // A fresh interest makes a queued request the newest again.
        if (job.state === 'queued') job.order = ++this.order;
      } else {
        job = {
          key,
          priority,
          order: ++this.order,
          fetch,
          waiters: new Set(),
          controller: new AbortController(),
          state: 'queued',
        };
        this.jobs.set(key, job);
        this.queued.push(job);
      }
      job.waiters.add(waiter);
      if (signal) {
        const theJob = job;
        waiter.onAbort = () => this.leave(theJob, waiter);
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.pump();
    });
  }

  private leave(job: Job<T>, waiter: Waiter<T>): void {
    if (!job.waiters.delete(waiter)) return;
    waiter.reject(new CancelledError());
    if (job.waiters.size > 0) return;
    this.counts.cancelled++;
    this.jobs.delete(job.key);
    if (job.state === 'queued') {
      const at = this.queued.indexOf(job);
      if (at >= 0) this.queued.splice(at, 1);
    } else {
      job.controller.abort(new CancelledError());
    }
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queued.length > 0) {
      // Highest priority, then newest.
      let best = 0;
      for (let i = 1; i < this.queued.length; i++) {
        const a = this.queued[i];
        const b = this.queued[best];
        if (a.priority > b.priority || (a.priority === b.priority && a.order > b.order)) best = i;
      }
      const [job] = this.queued.splice(best, 1);
      this.start(job);
    }
  }

  private start(job: Job<T>): void {
    job.state = 'running';
    this.running++;
    this.counts.started++;
    const settle = (outcome: { ok: true; value: T } | { ok: false; error: unknown }) => {
      this.running--;
      if (this.jobs.get(job.key) === job) this.jobs.delete(job.key);
      for (const w of job.waiters) {
        if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
        if (outcome.ok) w.resolve(outcome.value);
        else w.reject(outcome.error);
      }
      job.waiters.clear();
      this.pump();
    };
    let promise: Promise<T>;
    try {
      promise = job.fetch(job.controller.signal);
    } catch (error) {
      promise = Promise.reject(error);
    }
    promise.then(
      (value) => settle({ ok: true, value }),
      (error) => settle({ ok: false, error }),
    );
  }
}
