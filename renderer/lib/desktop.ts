import type { OutpostApi } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** Present only inside the desktop shell, exposed by its preload from the IPC contract. */
    outpost?: OutpostApi;
  }
}

/** The desktop shell's API, or null in browser mode (the app then works without it). */
export function desktopApi(): OutpostApi | null {
  return window.outpost?.isDesktop === true ? window.outpost : null;
}
