/**
 * The HealthImaging stand-in for the bench, in a process of its own: in the app the service is
 * across a network, so its work (SigV4 checks, HTTP, JSON) must not share the event loop with the
 * client being measured. In the bench's process it did, and the two together were CPU-bound at
 * ~100 requests/s — below the ~200/s that 10 requests in flight at 50 ms allow.
 *
 * Run with `--import tsx` and an IPC channel: it is sent the slide's DICOM files and ids, builds
 * the image set from them, starts the server, and answers the environment that reaches it.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startAwsTestServer } from '../tests/support/aws/awsTestServer.js';
import { HealthImagingStandIn, imageSetFromDicomFiles } from '../tests/support/aws/healthImagingService.js';

type Start = { paths: string[]; datastoreId: string; imageSetId: string; latencyMs: number };
type Started = { env: Record<string, string>; frames: number };

export type StandInProcess = Started & { close(): Promise<void> };

/** Start the stand-in in a child process; resolves once it listens. */
export function startStandInProcess(start: Start): Promise<StandInProcess> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TRIPTYCH_BENCH_STAND_IN: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the HealthImaging stand-in exited with ${code}`)));
    child.once('message', (message) => {
      child.removeAllListeners('exit');
      const started = message as Started;
      resolve({
        ...started,
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.send(start);
  });
}

if (process.env.TRIPTYCH_BENCH_STAND_IN === '1' && process.send) {
  process.once('message', (message) => {
    void (async () => {
      const { paths, datastoreId, imageSetId, latencyMs } = message as Start;
      const imaging = new HealthImagingStandIn();
      imaging.datastores.push({ id: datastoreId, name: 'bench' });
      const set = await imageSetFromDicomFiles(paths, { datastoreId, imageSetId });
      imaging.imageSets.push(set);
      const server = await startAwsTestServer({ routes: imaging.routes(), latencyMs });
      process.send!({ env: server.env(), frames: set.frames.size } satisfies Started);
      process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
    })();
  });
}
