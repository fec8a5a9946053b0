/**
 * The Node side's long actions (offline copies …), live: the list from `tasks.list`, then each
 * `progress` event that carries a task state. Cancelling goes through `tasks.cancel`.
 */
import { useEffect, useState } from 'react';
import type { TaskInfo } from '../../shared/model/tasks.js';
import { api } from '../api/index.js';

export function useTasks(): TaskInfo[] {
  const [tasks, setTasks] = useState<TaskInfo[]>([]);
  useEffect(() => {
    let live = true;
    const off = api.on('progress', (p) => {
      if (!p.state) return; // demo generation and case scans are shown by the panes
      const info: TaskInfo = {
        id: p.task,
        label: p.label ?? p.task,
        done: p.done,
        total: p.total,
        state: p.state,
        ...(p.message ? { message: p.message } : {}),
      };
      setTasks((list) => [...list.filter((t) => t.id !== info.id), info]);
    });
    api.call('tasks.list', {}).then(
      (list) => {
        if (live) setTasks((current) => mergeById(list, current));
      },
      () => {},
    );
    return () => {
      live = false;
      off();
    };
  }, []);
  return tasks;
}

/** The one task with this id, live (undefined until it has been started). */
export function useTask(id: string | null): TaskInfo | undefined {
  const tasks = useTasks();
  return id ? tasks.find((t) => t.id === id) : undefined;
}

export const cancelTask = (id: string) => api.call('tasks.cancel', { id });

function mergeById(older: TaskInfo[], newer: TaskInfo[]): TaskInfo[] {
  const byId = new Map(older.map((t) => [t.id, t]));
  for (const t of newer) byId.set(t.id, t);
  return [...byId.values()];
}
