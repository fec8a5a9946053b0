/**
 * What the command line asks for. Pure, so the same parsing serves the first launch and the argv a
 * second instance forwards.
 */
import { isAbsolute, resolve } from 'node:path';

export interface ArgvLayout {
  /**
   * True when run as `electron [switches] <app> …` (process.defaultApp): the first plain argument
   * is the app, not a user argument. In a packaged app every plain argument is the user's.
   */
  defaultApp: boolean;
  /** Folder the command was run from, to resolve a relative case path. */
  cwd: string;
}

/** Switches of Electron's default app that take the next argument as their value. */
const SWITCHES_WITH_VALUE = new Set(['-r', '--require']);

/**
 * The case path the user passed, or undefined. Switches (`--flag`, `--flag=value`) are skipped:
 * Chromium adds its own to a second instance's argv, and test drivers add --inspect and the like.
 */
export function caseArgFromArgv(argv: readonly string[], layout: ArgvLayout): string | undefined {
  const plain: string[] = [];
  let appPathGiven = false;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (SWITCHES_WITH_VALUE.has(arg)) {
      i++; // `-r module`: the module is not a path of ours
    } else if (arg.startsWith('--app=')) {
      appPathGiven = true;
    } else if (!arg.startsWith('-') && arg.trim() !== '') {
      plain.push(arg);
    }
  }
  // As Electron's default app does: the first plain argument names the app to run.
  const userArgs = layout.defaultApp && !appPathGiven ? plain.slice(1) : plain;
  const path = userArgs[0];
  if (path === undefined) return undefined;
  return isAbsolute(path) ? path : resolve(layout.cwd, path);
}

/** TRIPTYCH_DATA_DIR, when set, replaces the user-data folder (tests, portable installs). */
export function dataDirFromEnv(env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  const value = env.TRIPTYCH_DATA_DIR?.trim();
  if (!value) return undefined;
  return isAbsolute(value) ? value : resolve(cwd, value);
}
