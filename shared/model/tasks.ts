import { z } from 'zod';

/** A long action on the Node side (make a case available offline, …): progress, and cancel. */
export const TaskState = z.enum(['running', 'done', 'cancelled', 'failed']);
export type TaskState = z.infer<typeof TaskState>;

export const TaskInfo = z.object({
  id: z.string(),
  /** What it does, in words ("Make 3 levels of H&E available offline"). */
  label: z.string(),
  done: z.number(),
  total: z.number(),
  state: TaskState,
  /** A line about where it is, or why it failed. */
  message: z.string().optional(),
});
export type TaskInfo = z.infer<typeof TaskInfo>;
