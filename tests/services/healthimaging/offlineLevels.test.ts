/**
 * "Make available offline", level by level, through the app's contract: the plan lists each
 * HealthImaging slide's levels with frames and bytes (the metadata's FrameSizeInBytes); the task
 * fetches exactly the frames of the levels chosen (counted on the stand-in); the choice is kept,
 * so starting again without one — after a cancel — resumes the same levels and nothing else.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../electron/services/app.js';
import { createAppServices } from '../../../electron/services/createAppServices.js';
import type { CaseSummary } from '../../../shared/model/case.js';
import type { OfflineSlidePlan } from '../../../shared/model/healthImaging.js';
import { IMAGING, inWorld, refOf, startTestWorld } from './imagingTestWorld.js';

let world: Awaited<ReturnType<typeof startTestWorld>>;

async function call<T>(services: AppServices, method: string, params: unknown = {}): Promise<T> {
  const answer = (await services.dispatch(method as never, params as never)) as { ok: boolean; value?: T; error?: unknown };
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.value as T;
}

async function waitFor(condition: () => boolean, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The stand-in's frames of one image set, level by level (widest instance first), with their sizes. */
function standInLevels(imageSetId: string): Array<Array<{ id: string; size: number }>> {
  const set = world.imaging.imageSets.find((s) => s.imageSetId === imageSetId)!;
  const instances = Object.values(Object.values(set.metadata.Study.Series)[0].Instances);
  return instances
    .sort((a, b) => Number(b.DICOM.TotalPixelMatrixColumns) - Number(a.DICOM.TotalPixelMatrixColumns))
    .map((i) => i.ImageFrames.map((f) => ({ id: f.ID, size: set.frames.get(f.ID)!.bytes.byteLength })));
}

describe('Make available offline, level by level', () => {
  beforeAll(async () => {
    world = await startTestWorld({ otherImageSets: 0 });
  }, 60_000);
  afterAll(async () => world?.server.close());

  it('lists the levels, fetches exactly the chosen ones, and a resumed copy keeps the choice', async () => {
    const caseDir = mkdtempSync(join(tmpdir(), 'healthimaging-levels-'));
    writeFileSync(
      join(caseDir, 'case.json'),
      JSON.stringify({ title: 'Levels', healthImaging: [refOf(IMAGING.grid), refOf(IMAGING.htj2k)] }),
    );
    const progress: Array<{ task: string; state?: string; done: number; total: number }> = [];
    const services = await createAppServices({
      dataDir: mkdtempSync(join(tmpdir(), 'healthimaging-levels-data-')),
      host: 'http',
      emit: (event, payload) => event === 'progress' && progress.push(payload as (typeof progress)[number]),
    });
    await inWorld(world, async () => {
      await services.openCase(caseDir);
      const summary = await call<CaseSummary>(services, 'case.current');
      const [gridId, htj2kId] = summary.slides.map((s) => s.id);
      const [gridL0, gridL1] = standInLevels(IMAGING.grid);
      const [htj2kL0] = standInLevels(IMAGING.htj2k);
      const sum = (frames: Array<{ size: number }>) => frames.reduce((n, f) => n + f.size, 0);
      const ids = (frames: Array<{ id: string }>) => frames.map((f) => f.id).sort();

      // The plan: every level with its frames and exact bytes, nothing kept yet, all chosen by default.
      const plan = await call<OfflineSlidePlan[]>(services, 'healthImaging.offlinePlan');
      expect(plan.map((s) => s.slideId)).toEqual([gridId, htj2kId]);
      expect(plan[0].levels).toEqual([
        {
          level: 0,
          width: 2048,
          height: 1536,
          frames: 48,
          bytes: sum(gridL0),
          bytesEstimated: false,
          pinnedFrames: 0,
          chosen: true,
        },
        {
          level: 1,
          width: 512,
          height: 384,
          frames: 4,
          bytes: sum(gridL1),
          bytesEstimated: false,
          pinnedFrames: 0,
          chosen: true,
        },
      ]);
      expect(plan[1].levels).toMatchObject([{ level: 0, frames: 6, bytes: sum(htj2kL0), pinnedFrames: 0 }]);
      expect(world.imaging.frameRequests).toEqual([]);

      // Only the grid's reduction: exactly its 4 frames are fetched, none of level 0 or the other slide.
      const { task } = await call<{ task: string }>(services, 'healthImaging.makeOffline', {
        choice: [
          { slideId: gridId, levels: [1] },
          { slideId: htj2kId, levels: [] },
        ],
      });
      await waitFor(() => progress.some((p) => p.task === task && p.state === 'done'));
      expect([...world.imaging.frameRequests].sort()).toEqual(ids(gridL1));
      const afterReduction = await call<OfflineSlidePlan[]>(services, 'healthImaging.offlinePlan');
      expect(afterReduction[0].levels.map((l) => [l.chosen, l.pinnedFrames])).toEqual([
        [false, 0],
        [true, 4],
      ]);
      // The slide left out is left out of the kept choice too.
      expect(afterReduction[1].levels.map((l) => l.chosen)).toEqual([false]);

      // Now the full resolution only: cancelled early, then started again with no choice given:
      // the grid's level 0 resumes, the slide left out stays out.
      world.server.latencyMs = 40;
      const doneBefore = progress.filter((p) => p.task === task && p.state === 'done').length;
      await call(services, 'healthImaging.makeOffline', { choice: [{ slideId: gridId, levels: [0] }] });
      await waitFor(() => progress.some((p) => p.task === task && p.state === 'running' && p.done >= 6 && p.total === 48));
      expect(await call(services, 'tasks.cancel', { id: task })).toBe(true);
      await waitFor(() => progress.some((p) => p.task === task && p.state === 'cancelled'));
      world.server.latencyMs = 0;
      const beforeResume = world.imaging.frameRequests.length;
      await call(services, 'healthImaging.makeOffline', {});
      await waitFor(() => progress.filter((p) => p.task === task && p.state === 'done').length > doneBefore);
      // The resumed copy fetched the rest of level 0 (not all of it), nothing of the other slide.
      const resumed = world.imaging.frameRequests.slice(beforeResume);
      expect(resumed.length).toBeLessThan(48 - 5);
      expect(new Set(world.imaging.frameRequests)).toEqual(new Set([...ids(gridL0), ...ids(gridL1)]));
      const last = await call<OfflineSlidePlan[]>(services, 'healthImaging.offlinePlan');
      expect(last[0].levels.map((l) => [l.chosen, l.pinnedFrames])).toEqual([
        [true, 48],
        [false, 4],
      ]);
      expect(last[1].levels.map((l) => l.pinnedFrames)).toEqual([0]);

      // A choice with no level at all is refused in words.
      await expect(call(services, 'healthImaging.makeOffline', { choice: [{ slideId: gridId, levels: [] }] })).rejects.toThrow(
        /at least one level/,
      );
    });
    await services.dispose();
  }, 90_000);
});
