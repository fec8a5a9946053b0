import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuContext } from '../../electron/shell/menuTemplate.js';

function context(overrides: Partial<MenuContext> = {}): MenuContext {
  return {
    appName: 'Triptych',
    platform: 'linux',
    isPackaged: true,
    recentCases: [],
    actions: { openCaseFolder: vi.fn(), openRecentCase: vi.fn(), closeCase: vi.fn(), command: vi.fn() },
    ...overrides,
  };
}

const submenu = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];
const byLabel = (items: MenuItemConstructorOptions[], label: string) => items.find((item) => item.label === label);
// The template's click handlers ignore Electron's arguments, so calling them bare is enough here.
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

describe('menu template', () => {
  it('has File, Edit, View, Help on Linux and Windows, with Quit in File', () => {
    const template = buildMenuTemplate(context());
    expect(template.map((item) => item.label ?? item.role)).toEqual(['File', 'editMenu', 'View', 'help']);
    expect(submenu(template[0]).some((item) => item.role === 'quit')).toBe(true);
  });

  it('puts About and Quit in the app menu on macOS', () => {
    const template = buildMenuTemplate(context({ platform: 'darwin' }));
    expect(template.map((item) => item.label ?? item.role)).toEqual([
      'Triptych',
      'File',
      'editMenu',
      'View',
      'windowMenu',
      'help',
    ]);
    const appMenu = submenu(template[0]);
    expect(appMenu.some((item) => item.role === 'quit')).toBe(true);
    expect(submenu(template[1]).some((item) => item.role === 'quit')).toBe(false);
    const actions = context().actions;
    click(submenu(buildMenuTemplate(context({ platform: 'darwin', actions }))[0])[0]);
    expect(actions.command).toHaveBeenCalledWith('about');
  });

  it('wires File items to the case actions', () => {
    const ctx = context({ recentCases: ['/data/case A', '/data/R&D case'] });
    const file = submenu(buildMenuTemplate(ctx)[0]);
    click(byLabel(file, 'Open Case Folder…'));
    expect(ctx.actions.openCaseFolder).toHaveBeenCalled();
    click(byLabel(file, 'Close Case'));
    expect(ctx.actions.closeCase).toHaveBeenCalled();
    const recent = submenu(byLabel(file, 'Open Recent'));
    expect(recent.map((item) => item.label)).toEqual(['/data/case A', '/data/R&&D case']);
    click(recent[1]);
    expect(ctx.actions.openRecentCase).toHaveBeenCalledWith('/data/R&D case');
  });

  it('shows a disabled placeholder when there are no recent cases', () => {
    const recent = submenu(byLabel(submenu(buildMenuTemplate(context())[0]), 'Open Recent'));
    expect(recent).toEqual([{ label: 'No Recent Cases', enabled: false }]);
  });

  it('sends the pane, theme and layout commands to the page', () => {
    const ctx = context();
    const view = submenu(buildMenuTemplate(ctx)[2]);
    for (const [label, command] of [
      ['Slide Pane', 'toggle-pane-slide'],
      ['Variants Pane', 'toggle-pane-variants'],
      ['ctDNA Pane', 'toggle-pane-ctdna'],
      ['Toggle Theme', 'toggle-theme'],
      ['Reset Layout', 'reset-layout'],
    ] as const) {
      click(byLabel(view, label));
      expect(ctx.actions.command).toHaveBeenLastCalledWith(command);
    }
    click(byLabel(submenu(buildMenuTemplate(ctx)[3]), 'About Triptych'));
    expect(ctx.actions.command).toHaveBeenLastCalledWith('about');
  });

  it('offers developer tools only in an unpackaged build', () => {
    const roles = (isPackaged: boolean) => submenu(buildMenuTemplate(context({ isPackaged }))[2]).map((item) => item.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('reload');
    expect(roles(false)).toContain('toggleDevTools');
  });
});
