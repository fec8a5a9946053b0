/**
 * The native menu as data. Pure (Electron types only), so its shape is tested without Electron;
 * menu.ts turns it into a Menu and wires the actions.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { PayloadOf } from '../../shared/contract.js';

export type MenuCommand = PayloadOf<'menu.command'>['command'];

export interface MenuActions {
  openCaseFolder(): void;
  openRecentCase(path: string): void;
  closeCase(): void;
  /** A command the page carries out (pane toggles, theme, layout, about). */
  command(command: MenuCommand): void;
}

export interface MenuContext {
  appName: string;
  platform: NodeJS.Platform;
  isPackaged: boolean;
  recentCases: readonly string[];
  actions: MenuActions;
}

const MAX_RECENT_IN_MENU = 10;

export function buildMenuTemplate(context: MenuContext): MenuItemConstructorOptions[] {
  const { actions } = context;
  const isMac = context.platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: `About ${context.appName}`, click: () => actions.command('about') };

  const appMenu: MenuItemConstructorOptions = {
    label: context.appName,
    submenu: [
      about,
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open Case Folder…', accelerator: 'CmdOrCtrl+O', click: () => actions.openCaseFolder() },
      { label: 'Open Recent', submenu: recentCasesMenu(context) },
      { type: 'separator' },
      { label: 'Close Case', accelerator: 'CmdOrCtrl+Shift+W', click: () => actions.closeCase() },
      // On macOS Quit lives in the app menu.
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { label: 'Slide Pane', accelerator: 'CmdOrCtrl+1', click: () => actions.command('toggle-pane-slide') },
      { label: 'Variants Pane', accelerator: 'CmdOrCtrl+2', click: () => actions.command('toggle-pane-variants') },
      { label: 'ctDNA Pane', accelerator: 'CmdOrCtrl+3', click: () => actions.command('toggle-pane-ctdna') },
      { type: 'separator' },
      { label: 'Toggle Theme', accelerator: 'CmdOrCtrl+Shift+L', click: () => actions.command('toggle-theme') },
      { label: 'Reset Layout', click: () => actions.command('reset-layout') },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      { role: 'reload' },
      // Developer tools only in an unpackaged build: a shipped app has no console for the page.
      ...(context.isPackaged ? [] : [{ role: 'forceReload' } as const, { role: 'toggleDevTools' } as const]),
    ],
  };

  const helpMenu: MenuItemConstructorOptions = { role: 'help', submenu: isMac ? [] : [about] };

  return [
    ...(isMac ? [appMenu] : []),
    fileMenu,
    // Copy/paste shortcuts only work on macOS when an Edit menu carries the roles.
    { role: 'editMenu' },
    viewMenu,
    ...(isMac ? [{ role: 'windowMenu' } as const] : []),
    helpMenu,
  ];
}

function recentCasesMenu(context: MenuContext): MenuItemConstructorOptions[] {
  const recent = context.recentCases.slice(0, MAX_RECENT_IN_MENU);
  if (recent.length === 0) return [{ label: 'No Recent Cases', enabled: false }];
  // '&' marks a mnemonic in Windows and Linux menu labels: double it to show a literal one.
  return recent.map((path) => ({ label: path.replaceAll('&', '&&'), click: () => context.actions.openRecentCase(path) }));
}
