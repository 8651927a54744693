// Remembered window size and position. A saved position can point at a monitor that is no
// longer attached (a laptop undocked from its external screen), so the saved rectangle is
// clamped to the displays that exist now before a window is created with it.

export type Rect = { x: number; y: number; width: number; height: number };
export type SavedWindowState = Rect & { maximized: boolean };
/** A display's usable area (without task bar or dock), as Electron's screen module reports it. */
export type DisplayArea = { workArea: Rect };

export type WindowPlacement = {
  /** Absent: let the OS centre the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
};

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 900, height: 600 } as const;
/** A window showing less than this much of itself on a display counts as lost off-screen. */
const MIN_VISIBLE = { width: 160, height: 80 } as const;

function overlap(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const width = Math.min(a.x + a.width, b.x + b.width) - x;
  const height = Math.min(a.y + a.height, b.y + b.height) - y;
  return { x, y, width: Math.max(0, width), height: Math.max(0, height) };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}

function isUsable(rect: Rect): boolean {
  return (
    [rect.x, rect.y, rect.width, rect.height].every(Number.isFinite) && rect.width > 0 && rect.height > 0
  );
}

function defaultPlacement(primary: Rect | undefined): WindowPlacement {
  return {
    width: primary ? Math.min(DEFAULT_SIZE.width, primary.width) : DEFAULT_SIZE.width,
    height: primary ? Math.min(DEFAULT_SIZE.height, primary.height) : DEFAULT_SIZE.height,
    maximized: false,
  };
}

/**
 * Where to open the window: the saved bounds when they are still on a display, otherwise the
 * default size centred by the OS. The size never exceeds the display's work area (nor drops
 * below the minimum when the display is big enough), and the window lies entirely inside the
 * work area of the display it overlaps most. `displays[0]` is the primary display.
 */
export function placeWindow(
  saved: SavedWindowState | null | undefined,
  displays: readonly DisplayArea[],
): WindowPlacement {
  const areas = displays.map((display) => display.workArea).filter(isUsable);
  const primary = areas[0];
  if (!saved || !isUsable(saved) || !primary) return defaultPlacement(primary);

  let best: Rect | undefined;
  let bestArea = 0;
  for (const area of areas) {
    const shared = overlap(saved, area);
    const size = shared.width * shared.height;
    if (shared.width >= MIN_VISIBLE.width && shared.height >= MIN_VISIBLE.height && size > bestArea) {
      best = area;
      bestArea = size;
    }
  }
  if (!best) return { ...defaultPlacement(primary), maximized: saved.maximized };

  const width = Math.round(clamp(saved.width, Math.min(MIN_SIZE.width, best.width), best.width));
  const height = Math.round(clamp(saved.height, Math.min(MIN_SIZE.height, best.height), best.height));
  return {
    x: Math.round(clamp(saved.x, best.x, best.x + best.width - width)),
    y: Math.round(clamp(saved.y, best.y, best.y + best.height - height)),
    width,
    height,
    maximized: saved.maximized,
  };
}

/** The slice of BrowserWindow the tracker needs; tests pass an EventEmitter. */
export type TrackedWindow = {
  on(event: 'resize' | 'move' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isFullScreen(): boolean;
  isMinimized(): boolean;
};

export type Timers = {
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};

/**
 * Saves the window's normal (restored) bounds shortly after it stops moving or resizing and
 * once more when it closes. Minimized or full-screen states are not what the user wants back.
 */
export function trackWindowState(
  window: TrackedWindow,
  save: (state: SavedWindowState) => void,
  options: { delayMs?: number; timers?: Timers } = {},
): void {
  const delay = options.delayMs ?? 500;
  const timers: Timers = options.timers ?? {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  let pending: unknown = null;
  const capture = (): void => {
    pending = null;
    if (window.isMinimized() || window.isFullScreen()) return;
    save({ ...window.getNormalBounds(), maximized: window.isMaximized() });
  };
  const schedule = (): void => {
    if (pending !== null) timers.clearTimeout(pending);
    pending = timers.setTimeout(capture, delay);
  };
  window.on('resize', schedule);
  window.on('move', schedule);
  window.on('close', () => {
    if (pending !== null) timers.clearTimeout(pending);
    capture();
  });
}
