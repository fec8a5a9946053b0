/**
 * The `triptych` command line: `inspect` prints what Triptych finds at a path, `serve` starts the
 * HTTP host. Bad input prints one line, `error: FILE: reason`, and exits with code 2.
 */
import { parseArgs } from 'node:util';
import { inspectCommand } from './inspectCommand.js';
import { serveCommand } from './serveCommand.js';
import { parseTileArgs, tileCommand } from './tileCommand.js';
import { reportError } from './reportError.js';
// ---- HealthImaging (#9) ----
import { join } from 'node:path';
import { defaultDataDir } from './dataDir.js';
import { setStandaloneCacheDir } from '../services/healthimaging/standaloneImaging.js';
// ---- end HealthImaging ----

const USAGE = `usage:
  triptych inspect PATH | --demo        print as JSON what Triptych finds at PATH (case folder or file)
  triptych inspect omics://REGION/SEQUENCE_STORE_ID/READ_SET_ID
  triptych inspect omics-reference://REGION/REFERENCE_STORE_ID/REFERENCE_ID
  triptych inspect omics-run://REGION/RUN_ID | s3://BUCKET/KEY
                                        the same for HealthOmics and S3 (credentials as the AWS SDK finds them)
  triptych inspect healthimaging://REGION/DATASTORE_ID/IMAGE_SET_ID
                                        a HealthImaging slide, the same JSON as a local one
  triptych serve [CASE] [--port N] [--open]
                                        serve the viewer to a browser on this machine (loopback only)
  triptych tile SLIDE --level L --col C --row R [--focal Z] [--path K] --out FILE [--decode]
                                        write one tile as stored (or, with --decode, as a PNG);
                                        SLIDE may be healthimaging://REGION/DATASTORE_ID/IMAGE_SET_ID`;

export async function main(argv: string[]): Promise<number> {
  // The AWS SDK warns once per process that its releases after January 2027 need Node 22: the
  // versions pinned here run on Node 20, and the warning would break the CLI's one-line errors.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const [command, ...rest] = argv;
  // ---- HealthImaging (#9): frames the CLI fetches are kept with the app's (offline next time) ----
  setStandaloneCacheDir(join(defaultDataDir(), 'cache'));
  // ---- end HealthImaging ----
  try {
    if (command === 'inspect') {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { demo: { type: 'boolean' } } });
      if (!values.demo && positionals.length !== 1) return usage();
      return await inspectCommand(values.demo ? undefined : positionals[0]);
    }
    if (command === 'serve') {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { port: { type: 'string' }, open: { type: 'boolean' } },
      });
      const port = values.port === undefined ? 0 : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535 || positionals.length > 1) return usage();
      return await serveCommand({ casePath: positionals[0], port, openBrowser: values.open ?? false });
    }
    if (command === 'tile') {
      const options = parseTileArgs(rest);
      return options ? await tileCommand(options) : usage();
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      console.log(USAGE);
      return 0;
    }
    return usage();
  } catch (error) {
    return reportError(error);
  }
}

function usage(): number {
  console.error(USAGE);
  return 2;
}
