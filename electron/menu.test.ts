import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS, type MenuCommand } from '../shared/ipc/contract';
import { buildMenuTemplate } from './menu';

vi.mock('electron', () => ({}));

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((menu) => [
    menu,
    ...items(Array.isArray(menu.submenu) ? (menu.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}

function build(platform: string, isDev = false) {
  const sent: MenuCommand[] = [];
  const template = buildMenuTemplate({ platform, appName: 'Outpost', isDev, send: (c) => sent.push(c) });
  const all = items(template);
  const byId = (id: MenuCommand) => all.find((item) => item.id === id);
  return { template, all, byId, sent };
}

describe('buildMenuTemplate', () => {
  it.each(['linux', 'win32', 'darwin'])('offers every app command on %s, each sending itself', (platform) => {
    const { byId, sent } = build(platform);
    for (const command of MENU_COMMANDS) {
      const item = byId(command);
      expect(item, command).toBeDefined();
      (item?.click as (() => void) | undefined)?.();
    }
    expect(sent).toEqual([...MENU_COMMANDS]);
  });

  it('registers the palette shortcut and leaves bare keys to the page', () => {
    const { byId } = build('linux');
    expect(byId('palette')).toMatchObject({ accelerator: 'CmdOrCtrl+K' });
    expect(byId('palette')?.registerAccelerator).toBeUndefined();
    // Registering N or / would swallow those keys while the user types in a field.
    expect(byId('new-ticket')).toMatchObject({ accelerator: 'N', registerAccelerator: false });
    expect(byId('search')).toMatchObject({ accelerator: '/', registerAccelerator: false });
    expect(byId('shortcuts')).toMatchObject({ accelerator: '?', registerAccelerator: false });
    expect(byId('settings')).toMatchObject({ accelerator: 'Ctrl+,' });
  });

  it('never binds a bare key on macOS, where registerAccelerator is ignored', () => {
    const { all, byId } = build('darwin');
    for (const item of all) {
      if (typeof item.accelerator === 'string') expect(item.accelerator, item.label).toMatch(/(Cmd|Ctrl)/);
    }
    expect(byId('settings')).toMatchObject({ accelerator: 'Cmd+,' });
    expect(build('darwin').template[0]?.label).toBe('Outpost');
  });

  it('keeps the standard edit roles (copy and paste need them on macOS)', () => {
    const roles = build('darwin')
      .all.map((item) => item.role)
      .filter(Boolean);
    expect(roles).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit']),
    );
  });

  it('offers reload and the developer tools in development builds only', () => {
    const roles = (isDev: boolean) => build('linux', isDev).all.map((item) => item.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });
});
