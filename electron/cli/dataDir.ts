import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Triptych keeps settings, the demo case and caches when Electron does not say
 * (CLI, HTTP host): the same folder as Electron's userData for the product name "Triptych",
 * so the app and the CLI share one demo case. TRIPTYCH_DATA_DIR overrides it (tests).
 */
export function defaultDataDir(): string {
  if (process.env.TRIPTYCH_DATA_DIR) return process.env.TRIPTYCH_DATA_DIR;
  const home = homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Triptych');
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Triptych');
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Triptych');
}
