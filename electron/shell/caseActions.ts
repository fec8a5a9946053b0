/**
 * Opening and closing cases from outside the page (menu, second instance, command line), with
 * failures shown to the user in a dialog rather than lost in a log.
 */
import { dialog, type BrowserWindow } from 'electron';
import type { MethodName } from '../../shared/contract.js';
import type { AppServices, Emit } from '../services/app.js';

export interface CaseActions {
  /** Ask for a folder, then open it. */
  chooseAndOpen(): Promise<void>;
  /** Open a folder or file (or the demo when `path` is undefined). */
  open(path: string | undefined): Promise<void>;
  close(): Promise<void>;
}

export function createCaseActions(deps: {
  services: AppServices;
  emit: Emit;
  window: () => BrowserWindow | undefined;
}): CaseActions {
  const showError = async (title: string, error: unknown): Promise<void> => {
    const detail = error instanceof Error ? error.message : String(error);
    const window = deps.window();
    const options = { type: 'error' as const, title, message: title, detail, buttons: ['OK'] };
    await (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
  };

  const actions: CaseActions = {
    async chooseAndOpen() {
      const window = deps.window();
      const options = { title: 'Open Case Folder', properties: ['openDirectory' as const] };
      const result = await (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options));
      const [path] = result.filePaths;
      if (!result.canceled && path) await actions.open(path);
    },
    async open(path) {
      try {
        // openCase tells the page itself ('case.changed').
        await deps.services.openCase(path);
      } catch (error) {
        await showError(path === undefined ? 'Could not open the demo case' : 'Could not open the case', error);
      }
    },
    async close() {
      const envelope = await deps.services.dispatch('case.close' satisfies MethodName, {});
      if (envelope.ok) deps.emit('case.changed', null);
      else await showError('Could not close the case', new Error(envelope.error.message));
    },
  };
  return actions;
}
