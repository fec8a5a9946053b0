/**
 * HealthImaging slides of a case through the app's own contract and binary handler: "Add from
 * HealthImaging" writes case.json and the slide appears in the case; `slides.info` describes it
 * with the same tile URL template as a local slide and tiles come through the same route; "Make
 * available offline" is a task (cancel keeps what was fetched, starting again resumes), after
 * which the case opens and draws with no network.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../electron/services/app.js';
import { forgetCredentials } from '../../../electron/services/aws/awsClientConfig.js';
import { createAppServices } from '../../../electron/services/createAppServices.js';
import { forgetImagingClients } from '../../../electron/services/healthimaging/imagingClient.js';
import type { CaseSummary } from '../../../shared/model/case.js';
import type { SlideInfo } from '../../../shared/model/slide.js';
import { withEnv } from '../aws/awsEnv.js';
import { IMAGING, inWorld, refOf, startTestWorld } from './imagingTestWorld.js';

let world: Awaited<ReturnType<typeof startTestWorld>>;

async function call<T>(services: AppServices, method: string, params: unknown = {}): Promise<T> {
  const answer = (await services.dispatch(method as never, params as never)) as { ok: boolean; value?: T; error?: unknown };
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.value as T;
}

async function tile(services: AppServices, slideId: string, col: number, row: number) {
  const reply = await services.serveBinary({
    method: 'GET',
    pathname: `/binary/slides/${slideId}/tiles/0/${col}/${row}`,
    search: '',
    range: null,
  });
  return { status: reply.status, type: reply.headers['Content-Type'], body: reply.body };
}

async function waitFor(condition: () => boolean, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('HealthImaging slides of a case', () => {
  beforeAll(async () => {
    world = await startTestWorld({ otherImageSets: 0 });
  }, 60_000);
  afterAll(async () => world?.server.close());

  it('adds, describes and serves tiles like a local slide, makes available offline, reopens offline', async () => {
    const caseDir = mkdtempSync(join(tmpdir(), 'healthimaging-case-'));
    writeFileSync(join(caseDir, 'case.json'), JSON.stringify({ title: 'PAT-0042', patient: { id: IMAGING.patientId } }));
    const dataDir = mkdtempSync(join(tmpdir(), 'healthimaging-data-'));
    const progress: Array<{ task: string; state?: string; done: number; total: number }> = [];
    const services = await createAppServices({
      dataDir,
      host: 'http',
      emit: (event, payload) => event === 'progress' && progress.push(payload as (typeof progress)[number]),
    });
    let slideId = '';
    await inWorld(world, async () => {
      await services.openCase(caseDir);
      const summary = await call<CaseSummary>(services, 'healthImaging.addToCase', {
        imageSets: [{ ...refOf(IMAGING.grid), label: 'Resection H&E' }],
      });
      const written = JSON.parse(readFileSync(join(caseDir, 'case.json'), 'utf8'));
      expect(written.title).toBe('PAT-0042');
      expect(written.healthImaging).toEqual([{ ...refOf(IMAGING.grid), label: 'Resection H&E' }]);
      // Added twice: named once.
      await call(services, 'healthImaging.addToCase', { imageSets: [refOf(IMAGING.grid)] });
      expect(JSON.parse(readFileSync(join(caseDir, 'case.json'), 'utf8')).healthImaging).toHaveLength(1);

      expect(
        await call(services, 'healthImaging.imageSet', {
          connection: { profile: null, region: IMAGING.region },
          datastoreId: IMAGING.datastoreId,
          imageSetId: IMAGING.htj2k,
        }),
      ).toEqual({ seriesDescription: 'Focal planes (HTJ2K)', modality: 'SM', width: 512, height: 256 });

      const [slide] = summary.slides;
      expect(slide).toMatchObject({ name: 'Resection H&E', fileIds: [], remoteUrl: expect.stringContaining(IMAGING.grid) });
      slideId = slide.id;
      const info = await call<SlideInfo>(services, 'slides.info', { slideId });
      expect(info.tileUrlTemplate).toBe(`/binary/slides/${slideId}/tiles/{level}/{col}/{row}`);
      expect(info).toMatchObject({ tileContentType: 'image/jpeg', remoteUrl: expect.stringContaining(IMAGING.grid) });
      // No ICC profile comes with a HealthImaging slide: colour as stored, and the pane says why.
      const colour = (await services.dispatch('slides.colour' as never, { slideId } as never)) as {
        ok: boolean;
        error?: { code: string; message: string };
      };
      expect(colour).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED', message: expect.stringMatching(/ICC profile/) } });
      const first = await tile(services, slideId, 2, 1);
      expect(first).toMatchObject({ status: 200, type: 'image/jpeg' });

      // Offline: cancel soon after the start (what was fetched stays), then again to the end.
      world.server.latencyMs = 40;
      const { task } = await call<{ task: string }>(services, 'healthImaging.makeOffline', {});
      await waitFor(() => progress.some((p) => p.task === task && p.done >= 6));
      expect(await call(services, 'tasks.cancel', { id: task })).toBe(true);
      await waitFor(() => progress.some((p) => p.task === task && p.state === 'cancelled'));
      world.server.latencyMs = 0;
      const before = world.imaging.frameRequests.length;
      await call(services, 'healthImaging.makeOffline', {});
      await waitFor(() => progress.some((p) => p.task === task && p.state === 'done'));
      const total = progress.filter((p) => p.task === task).at(-1)!.total;
      expect(total).toBe(52);
      expect(world.imaging.frameRequests.length - before).toBeLessThan(total - 6); // resumed
      const stats = await call<{ pinnedEntries: number }>(services, 'cache.stats');
      expect(stats.pinnedEntries).toBe(total + 2); // and the metadata, and the levels chosen
    });
    await services.dispose();

    // No network at all: the case opens, the slide is described and drawn from the pinned cache.
    forgetCredentials();
    forgetImagingClients();
    await withEnv({ ...world.server.env(), AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' }, async () => {
      const offline = await createAppServices({ dataDir, host: 'http', emit: () => {} });
      await offline.openCase(caseDir);
      const info = await call<SlideInfo>(offline, 'slides.info', { slideId });
      expect(info.levels).toHaveLength(2);
      for (const [col, row] of [
        [0, 0],
        [7, 5],
      ])
        expect(await tile(offline, slideId, col, row)).toMatchObject({ status: 200, type: 'image/jpeg' });
      await offline.dispose();
    });
  }, 90_000);
});
