/** One long action: label, a bar with counts, Cancel while it runs, how it ended afterwards. */
import type { TaskInfo } from '../../shared/model/tasks.js';
import { cancelTask } from './useTasks.js';
import './tasks.css';

export function TaskProgress({ task, unit = 'items' }: { task: TaskInfo; unit?: string }) {
  const pct = task.total > 0 ? Math.min(100, Math.round((task.done / task.total) * 100)) : 0;
  return (
    <div className={`task-progress ${task.state}`} data-testid="task-progress" data-state={task.state} data-task={task.id}>
      <div className="task-progress-head">
        <span className="task-progress-label">{task.label}</span>
        <span className="task-progress-count tabular">
          {task.done.toLocaleString()} / {task.total.toLocaleString()} {unit}
        </span>
        {task.state === 'running' ? (
          <button type="button" className="btn small" onClick={() => void cancelTask(task.id)} data-testid="task-cancel">
            Cancel
          </button>
        ) : null}
      </div>
      <div
        className="progress-bar"
        role="progressbar"
        aria-label={task.label}
        aria-valuemin={0}
        aria-valuemax={task.total || undefined}
        aria-valuenow={task.done}
      >
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      {task.message ? (
        <div className="task-progress-message" role={task.state === 'failed' ? 'alert' : undefined}>
          {task.message}
        </div>
      ) : null}
    </div>
  );
}
