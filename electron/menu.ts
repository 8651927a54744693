// The native application menu, built as plain data so it can be checked without Electron. Menu
// items carry out the app's own shortcuts by sending a command to the window; the renderer
// maps each command to the same action as its keyboard shortcut.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/ipc/contract';

export type MenuOptions = {
  platform: string;
  appName: string;
  /** Development builds add reload and the developer tools. */
  isDev: boolean;
  send: (command: MenuCommand) => void;
};

type Shortcut =
  /** A real accelerator with a modifier: the menu owns the key press. */
  | { accelerator: string }
  /**
   * A bare key the page handles itself ('n', '/', '?'): shown in the menu but never registered,
   * or it would be swallowed while the user types in a text field.
   */
  | { displayOnly: string }
  | null;

function commandItem(
  label: string,
  command: MenuCommand,
  shortcut: Shortcut,
  options: MenuOptions,
): MenuItemConstructorOptions {
  const item: MenuItemConstructorOptions = { label, id: command, click: () => options.send(command) };
  if (shortcut && 'accelerator' in shortcut) item.accelerator = shortcut.accelerator;
  // registerAccelerator: false is honoured on Linux and Windows only; macOS would bind the bare
  // key, so the hint is left out there.
  if (shortcut && 'displayOnly' in shortcut && options.platform !== 'darwin') {
    item.accelerator = shortcut.displayOnly;
    item.registerAccelerator = false;
  }
  return item;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const item = (label: string, command: MenuCommand, shortcut: Shortcut = null) =>
    commandItem(label, command, shortcut, options);

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: options.appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            item('Settings…', 'settings', { accelerator: 'Cmd+,' }),
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: mac ? 'File' : '&File',
    submenu: [
      item('New ticket', 'new-ticket', { displayOnly: 'N' }),
      { type: 'separator' },
      item('Back up the replica now', 'backup-now'),
      ...(mac
        ? []
        : [
            item('Settings', 'settings', { accelerator: 'Ctrl+,' }),
            { type: 'separator' } as const,
            { role: 'quit' } as const,
          ]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const go: MenuItemConstructorOptions = {
    label: mac ? 'Go' : '&Go',
    submenu: [
      // 'G then T' is a key sequence, which an accelerator cannot show.
      item('Tickets', 'tickets'),
      item('Search tickets', 'search', { displayOnly: '/' }),
      item('Command palette', 'palette', { accelerator: 'CmdOrCtrl+K' }),
      { type: 'separator' },
      item('Sync issues', 'sync-issues'),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: mac ? 'View' : '&View',
    submenu: [
      ...(options.isDev
        ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const]
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const window: MenuItemConstructorOptions = {
    label: mac ? 'Window' : '&Window',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  };

  const help: MenuItemConstructorOptions = {
    label: mac ? 'Help' : '&Help',
    role: 'help',
    submenu: [item('Keyboard shortcuts', 'shortcuts', { displayOnly: '?' })],
  };

  return [...appMenu, file, edit, go, view, window, help];
}
