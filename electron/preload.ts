// Runs in the sandboxed preload context. It exposes window.outpost: one function per contract
// channel, `showNotification`, `on` for the contract's events, and `isDesktop`; nothing else.
// ipcRenderer itself never reaches the page, so page code cannot invoke or listen on arbitrary
// channels. A sandboxed preload cannot require relative files: vite.electron.config.ts bundles
// this into a single dist-electron/preload.cjs.
import { contextBridge, ipcRenderer } from 'electron';
import { buildOutpostApi } from './outpost-api';

contextBridge.exposeInMainWorld(
  'outpost',
  buildOutpostApi((channel, ...args) => ipcRenderer.invoke(channel, ...args), ipcRenderer),
);
