/**
 * Security gate over the Electron code with Electronegativity. The tool always exits 0, so this
 * reads its report and fails on any finding that is not explained in
 * security/electronegativity-exceptions.json.
 *
 * It is driven through its runner, not its CLI: the CLI resolves `commander` by hoisting and gets
 * an incompatible major version in this tree.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

type Runner = (options: Record<string, unknown>, forCli: boolean) => Promise<unknown>;
type Finding = { check: string; file: string; location: string; description: string };

const root = resolve(import.meta.dirname, '..');
const electronVersion = (createRequire(import.meta.url)('electron/package.json') as { version: string }).version;
const run = createRequire(import.meta.url)('@doyensec/electronegativity/dist/runner.js') as Runner;
const exceptions = (
  JSON.parse(readFileSync(join(root, 'security', 'electronegativity-exceptions.json'), 'utf8')) as {
    exceptions: Record<string, string>;
  }
).exceptions;

type Issue = { id: string; file: string; location: { line: number; column: number }; description: string };

async function scan(input: string): Promise<Finding[]> {
  const result = (await run(
    {
      input: join(root, input),
      customScan: [],
      excludeFromScan: [],
      isRelative: true,
      isVerbose: true,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  )) as { issues: Issue[] };
  return result.issues.map((issue) => ({
    check: issue.id,
    file: issue.file,
    location: `${issue.location.line}:${issue.location.column}`,
    description: issue.description,
  }));
}

// The Electron code only: the renderer is a plain web page, which its global checks (navigation
// limits, permission handlers: main-process concerns) would misread.
const findings = await scan('electron');
const unexplained = findings.filter((f) => !(f.check in exceptions) && !(`${f.check}@${f.file}` in exceptions));
for (const f of findings) {
  const status = unexplained.includes(f) ? 'FAIL' : 'ok (explained)';
  console.log(`electronegativity: ${status}: ${f.check} ${f.file}:${f.location} — ${f.description}`);
}
if (unexplained.length > 0) {
  console.error(
    `electronegativity: ${unexplained.length} finding(s) not explained in security/electronegativity-exceptions.json`,
  );
  process.exit(1);
}
console.log(`electronegativity: ${findings.length} finding(s), all explained`);
