/** The recent cases as the start screen shows them: title from case.json, and whether each is still there. */
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { RecentCase } from '../../../shared/model/case.js';
import { readCaseJson } from './caseJson.js';

export async function describeRecentCases(paths: readonly string[]): Promise<RecentCase[]> {
  return Promise.all(paths.map(describeRecentCase));
}

async function describeRecentCase(path: string): Promise<RecentCase> {
  const info = await stat(path).catch(() => null);
  if (!info) return { path, title: basename(path), exists: false };
  if (!info.isDirectory()) return { path, title: basename(path), exists: true };
  const caseJson = join(path, 'case.json');
  const title = (await stat(caseJson).catch(() => null))?.isFile()
    ? (await readCaseJson(caseJson, 'case.json')).value.title
    : undefined;
  return { path, title: title ?? basename(path), exists: true };
}
