/**
 * The application menu, rebuilt whenever the list of recent cases may have changed.
 */
import { Menu, app } from 'electron';
import type { AppServices } from '../services/app.js';
import type { CaseActions } from './caseActions.js';
import { buildMenuTemplate, type MenuCommand } from './menuTemplate.js';
import { readSettings } from './settingsAccess.js';
import { logFailure } from '../services/logging/safeLog.js';

export interface ApplicationMenu {
  /** Re-read the recent cases and rebuild the menu. */
  refresh(): Promise<void>;
}

export function installApplicationMenu(deps: {
  services: AppServices;
  cases: CaseActions;
  sendCommand: (command: MenuCommand) => void;
}): ApplicationMenu {
  const run = (task: Promise<void>): void => {
    task.catch((error: unknown) => logFailure('menu action failed', error));
  };

  async function refresh(): Promise<void> {
    const template = buildMenuTemplate({
      appName: app.name,
      platform: process.platform,
      isPackaged: app.isPackaged,
      recentCases: (await readSettings(deps.services))?.recentCases ?? [],
      actions: {
        openCaseFolder: () => run(deps.cases.chooseAndOpen()),
        openRecentCase: (path) => run(deps.cases.open(path)),
        closeCase: () => run(deps.cases.close()),
        command: deps.sendCommand,
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  return { refresh };
}
