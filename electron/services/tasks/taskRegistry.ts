/**
 * Long actions on the Node side — making a case available offline, fetching a read set's parts —
 * with progress the page can show and a cancel the user can press. Progress goes out as the
 * contract's `progress` event (throttled: a bar does not need a message per tile).
 */
import type { TaskInfo } from '../../../shared/model/tasks.js';
import { ServiceError } from '../errors.js';

export type TaskContext = {
  signal: AbortSignal;
  /** Report progress; cheap to call often (sent at most every PROGRESS_EVERY_MS). */
  progress(done: number, total: number, message?: string): void;
};

export type ProgressEmitter = (info: TaskInfo) => void;

const PROGRESS_EVERY_MS = 100;
/** Finished tasks kept for `tasks.list` (so a page opened later sees how the last run ended). */
const KEEP_FINISHED = 20;

export class TaskRegistry {
  private readonly tasks = new Map<string, { info: TaskInfo; controller: AbortController; done: Promise<TaskInfo> }>();

  constructor(private readonly emit: ProgressEmitter = () => {}) {}

  list(): TaskInfo[] {
    return [...this.tasks.values()].map((t) => ({ ...t.info }));
  }

  get(id: string): TaskInfo | undefined {
    const t = this.tasks.get(id);
    return t ? { ...t.info } : undefined;
  }

  /**
   * Start a task, or return the one with this id already running (pressing "Make available
   * offline" twice does not fetch twice). `run` must honour `signal`.
   */
  start(
    id: string,
    label: string,
    run: (context: TaskContext) => Promise<string | void>,
  ): { info: TaskInfo; done: Promise<TaskInfo> } {
    const running = this.tasks.get(id);
    if (running && running.info.state === 'running') return { info: { ...running.info }, done: running.done };
    const controller = new AbortController();
    const info: TaskInfo = { id, label, done: 0, total: 0, state: 'running' };
    let last = 0;
    const context: TaskContext = {
      signal: controller.signal,
      progress: (done, total, message) => {
        info.done = done;
        info.total = total;
        if (message !== undefined) info.message = message;
        const now = Date.now();
        if (now - last >= PROGRESS_EVERY_MS || done === total) {
          last = now;
          this.emit({ ...info });
        }
      },
    };
    const done = (async () => {
      this.emit({ ...info });
      try {
        const message = await run(context);
        if (controller.signal.aborted) throw new ServiceError('CANCELLED', 'Cancelled.');
        info.state = 'done';
        if (message) info.message = message;
      } catch (error) {
        if (controller.signal.aborted) {
          info.state = 'cancelled';
          info.message = 'Cancelled: what was fetched is kept; start again to resume.';
        } else {
          info.state = 'failed';
          info.message = error instanceof Error ? error.message : String(error);
        }
      }
      this.emit({ ...info });
      this.prune();
      return { ...info };
    })();
    this.tasks.set(id, { info, controller, done });
    return { info: { ...info }, done };
  }

  cancel(id: string): boolean {
    const t = this.tasks.get(id);
    if (!t || t.info.state !== 'running') return false;
    t.controller.abort();
    return true;
  }

  cancelAll(): void {
    for (const t of this.tasks.values()) t.controller.abort();
  }

  private prune(): void {
    const finished = [...this.tasks].filter(([, t]) => t.info.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.tasks.delete(id);
  }
}
