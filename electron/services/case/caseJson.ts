import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { Patient } from '../../../shared/model/case.js';

/**
 * The optional `case.json` of a case folder. Only what the shell needs yet (title and patient);
 * unknown fields are kept for the case issue's full schema.
 */
export const CaseJson = z
  .object({
    title: z.string().max(500).optional(),
    patient: Patient.optional(),
  })
  .passthrough();
export type CaseJson = z.infer<typeof CaseJson>;

/** Read and check case.json; a problem becomes a warning, never a failed case. */
export async function readCaseJson(path: string, displayName: string): Promise<{ value: CaseJson; warnings: string[] }> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    return { value: {}, warnings: [`${displayName}: not valid JSON (${(error as Error).message})`] };
  }
  const parsed = CaseJson.safeParse(data);
  if (parsed.success) return { value: parsed.data, warnings: [] };
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  return { value: {}, warnings: [`${displayName}: ${problems}`] };
}
