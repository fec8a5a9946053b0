/**
 * Browsing HealthImaging (data stores; image sets by patient, accession, study UID and study date,
 * paged, slide microscopy kept), image sets named in case.json, and the CLI's `inspect` and `tile`
 * on healthimaging:// URLs — all with the real SDK against the stand-in.
 */
import { mkdtempSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../electron/cli/main.js';
import { listDatastores, searchImageSets } from '../../../electron/services/healthimaging/imageSetSearch.js';
import { inspectPath } from '../../../electron/services/inspect/inspectPath.js';
import { parseHealthImagingUrl } from '../../../shared/model/healthImaging.js';
import { PLANE_COLOURS } from '../slides/fixtures/codecCase.js';
import { connection, IMAGING, inWorld, startTestWorld } from './imagingTestWorld.js';

let world: Awaited<ReturnType<typeof startTestWorld>>;
const url = (id: string) => `healthimaging://${IMAGING.region}/${IMAGING.datastoreId}/${id}`;

beforeAll(async () => {
  world = await startTestWorld({ otherImageSets: 60 });
  process.env.TRIPTYCH_DATA_DIR = mkdtempSync(join(tmpdir(), 'healthimaging-data-'));
}, 60_000);
afterAll(async () => {
  delete process.env.TRIPTYCH_DATA_DIR;
  await world?.server.close();
});

describe('HealthImaging URLs', () => {
  it('parses healthimaging://REGION/DATASTORE/IMAGESET, refuses others', () => {
    expect(parseHealthImagingUrl(url(IMAGING.grid))).toEqual({
      source: 'healthimaging',
      region: 'us-east-1',
      datastoreId: IMAGING.datastoreId,
      imageSetId: IMAGING.grid,
    });
    for (const bad of [
      'healthimaging://nowhere/a/b',
      'healthimaging://us-east-1/a',
      'healthimaging://us-east-1/a/../b',
      'omics://us-east-1/1/2',
    ])
      expect(parseHealthImagingUrl(bad), bad).toBeNull();
  });
});

describe('browsing', () => {
  it('lists data stores', async () => {
    await inWorld(world, async () => {
      expect(await listDatastores(connection)).toEqual([
        { id: IMAGING.datastoreId, name: 'pathology', status: 'ACTIVE' },
        { id: IMAGING.otherDatastoreId, name: 'radiology', status: 'ACTIVE' },
      ]);
    });
  });

  it("a patient's image sets, page by page, slide microscopy kept and others counted", async () => {
    await inWorld(world, async () => {
      const seen: string[] = [];
      let skipped = 0;
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await searchImageSets(connection, IMAGING.datastoreId, {
          patientId: IMAGING.patientId,
          maxResults: 7,
          nextToken,
        });
        seen.push(...page.imageSets.map((s) => s.imageSetId));
        skipped += page.skipped;
        nextToken = page.nextToken;
        pages++;
      } while (nextToken);
      // 7 slide image sets, and 20 CT image sets of the same patient left out.
      expect(seen.sort()).toEqual(
        [
          IMAGING.grid,
          IMAGING.htj2k,
          IMAGING.sparse,
          IMAGING.sparseNoPositions,
          IMAGING.mono16,
          IMAGING.j2k,
          IMAGING.htj2kRpcl,
        ].sort(),
      );
      expect(skipped).toBe(20);
      expect(pages).toBe(4);
    });
  });

  it('by accession number, study UID and study date range; a summary says date, modality, study', async () => {
    await inWorld(world, async () => {
      const byAccession = await searchImageSets(connection, IMAGING.datastoreId, { accessionNumber: 'ACC-8001' });
      expect(byAccession.imageSets.map((s) => s.patientId)).toEqual(['PAT-1001']);
      expect(byAccession.imageSets[0]).toMatchObject({ modality: 'SM', studyDate: '2023-02-15', accessionNumber: 'ACC-8001' });
      const uid = String(world.imaging.imageSets[1].metadata.Study.DICOM.StudyInstanceUID);
      const byStudy = await searchImageSets(connection, IMAGING.datastoreId, { studyInstanceUID: uid });
      expect(byStudy.imageSets.map((s) => s.imageSetId)).toEqual([IMAGING.htj2k, IMAGING.htj2kRpcl]);
      const byDate = await searchImageSets(connection, IMAGING.datastoreId, {
        patientId: IMAGING.patientId,
        studyDateFrom: '2024-03-01',
        studyDateTo: '2024-03-31',
      });
      expect(byDate.imageSets).toHaveLength(7);
      expect(byDate.imageSets[0].url).toBe(url(byDate.imageSets[0].imageSetId));
      await expect(
        searchImageSets(connection, IMAGING.datastoreId, { patientId: 'x', accessionNumber: 'y', studyInstanceUID: 'z' }),
      ).rejects.toThrow(/at most two criteria/);
      await expect(searchImageSets(connection, 'nosuchstore', { patientId: 'x' })).rejects.toThrow(
        /data store nosuchstore was not found/,
      );
    });
  });
});

describe('case.json and the CLI', () => {
  it('`inspect CASEFOLDER` prints the case’s HealthImaging slides like local ones', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'healthimaging-case-'));
    await writeFile(
      join(folder, 'case.json'),
      JSON.stringify({
        title: 'Remote slides',
        healthImaging: [
          {
            source: 'healthimaging',
            region: IMAGING.region,
            datastoreId: IMAGING.datastoreId,
            imageSetId: IMAGING.grid,
            label: 'Resection H&E',
          },
          { source: 'healthimaging', region: IMAGING.region, datastoreId: IMAGING.datastoreId, imageSetId: IMAGING.htj2k },
        ],
      }),
    );
    await inWorld(world, async () => {
      const inspected = (await inspectPath(folder)) as { slides: Array<Record<string, unknown>>; warnings: string[] };
      expect(inspected.warnings).toEqual([]);
      expect(inspected.slides.map((s) => [s.name, s.source, s.focalPlanes])).toEqual([
        ['Grid of known colours (JPEG)', url(IMAGING.grid), 1],
        ['Focal planes (HTJ2K)', url(IMAGING.htj2k), 3],
      ]);
      const local = (await inspectPath(join(world.localDirs.grid, 'grid-L0.dcm'))) as { slides: Array<Record<string, unknown>> };
      const { source: _s, ...remoteGrid } = inspected.slides[0];
      // The local file is one level of the two: compare that level.
      expect((remoteGrid.levels as unknown[])[0]).toEqual((local.slides[0].levels as unknown[])[0]);
      const single = (await inspectPath(url(IMAGING.grid))) as { kind: string; slides: unknown[] };
      expect(single.kind).toBe('slide');
      expect(single.slides[0]).toEqual(inspected.slides[0]);
    });
  });

  it('`triptych tile healthimaging://…` writes the frame as served, or decoded with --decode', async () => {
    const out = mkdtempSync(join(tmpdir(), 'healthimaging-tile-'));
    const logged: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void logged.push(line));
    try {
      await inWorld(world, async () => {
        expect(
          await main(['tile', url(IMAGING.grid), '--level', '0', '--col', '3', '--row', '2', '--out', join(out, 'a.jpg')]),
        ).toBe(0);
        const set = world.imaging.imageSets.find((s) => s.imageSetId === IMAGING.grid)!;
        const stored = await readFile(join(out, 'a.jpg'));
        expect([...set.frames.values()].some((f) => Buffer.from(f.bytes).equals(stored))).toBe(true);
        expect(
          await main([
            'tile',
            url(IMAGING.htj2k),
            '--level',
            '0',
            '--col',
            '0',
            '--row',
            '0',
            '--focal',
            '2',
            '--out',
            join(out, 'b.png'),
            '--decode',
          ]),
        ).toBe(0);
        const png = decode(await readFile(join(out, 'b.png')));
        expect([...png.data.subarray(0, 3)]).toEqual(PLANE_COLOURS[2]);
        expect(
          await main(['tile', url(IMAGING.sparse), '--level', '0', '--col', '2', '--row', '0', '--out', join(out, 'c.jpg')]),
        ).toBe(3);
      });
    } finally {
      log.mockRestore();
    }
    expect(logged).toEqual(['image/jpeg', 'image/jph']);
  });
});
