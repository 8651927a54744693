import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_SIZE,
  MIN_SIZE,
  placeWindow,
  trackWindowState,
  type DisplayArea,
  type Rect,
  type SavedWindowState,
  type TrackedWindow,
} from './window-state';

vi.mock('electron', () => ({}));

const display = (x: number, y: number, width: number, height: number): DisplayArea => ({
  workArea: { x, y, width, height },
});
const LAPTOP = display(0, 0, 1440, 875);
const MONITOR_RIGHT = display(1440, 0, 2560, 1400);
const saved = (rect: Rect, maximized = false): SavedWindowState => ({ ...rect, maximized });

function inside(window: Rect, area: Rect): boolean {
  return (
    window.x >= area.x &&
    window.y >= area.y &&
    window.x + window.width <= area.x + area.width &&
    window.y + window.height <= area.y + area.height
  );
}

describe('placeWindow', () => {
  it('restores saved bounds that are still on a display', () => {
    expect(
      placeWindow(saved({ x: 1600, y: 100, width: 1500, height: 900 }), [LAPTOP, MONITOR_RIGHT]),
    ).toEqual({
      x: 1600,
      y: 100,
      width: 1500,
      height: 900,
      maximized: false,
    });
  });

  it('falls back to the default size, centred, when the monitor it was on is gone', () => {
    expect(placeWindow(saved({ x: 1600, y: 100, width: 1500, height: 900 }, true), [LAPTOP])).toEqual({
      width: DEFAULT_SIZE.width,
      height: DEFAULT_SIZE.height,
      maximized: true,
    });
  });

  it('shrinks a window larger than the display and pulls it fully on screen', () => {
    const placed = placeWindow(saved({ x: -300, y: 700, width: 3000, height: 2000 }), [LAPTOP]);
    expect(placed).toEqual({ x: 0, y: 0, width: 1440, height: 875, maximized: false });
  });

  it('moves a window hanging off the edge back inside', () => {
    expect(placeWindow(saved({ x: 1200, y: 500, width: 1000, height: 700 }), [LAPTOP])).toEqual({
      x: 440,
      y: 175,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('treats a sliver on screen as lost', () => {
    const placed = placeWindow(saved({ x: 1400, y: 0, width: 1000, height: 700 }), [LAPTOP]);
    expect(placed).not.toHaveProperty('x');
  });

  it.each([
    null,
    undefined,
    saved({ x: NaN, y: 0, width: 1000, height: 700 }),
    saved({ x: 0, y: 0, width: -5, height: 700 }),
  ])('uses the defaults for %j', (state) => {
    expect(placeWindow(state, [LAPTOP])).toEqual({ width: 1280, height: 800, maximized: false });
  });

  it('copes with no usable display information', () => {
    expect(placeWindow(saved({ x: 0, y: 0, width: 1000, height: 700 }), [])).toEqual({
      width: 1280,
      height: 800,
      maximized: false,
    });
  });

  it('always places the window inside one display, at least the minimum size where it fits (property)', () => {
    const rect = fc.record({
      x: fc.integer({ min: -5000, max: 5000 }),
      y: fc.integer({ min: -5000, max: 5000 }),
      width: fc.integer({ min: 1, max: 6000 }),
      height: fc.integer({ min: 1, max: 4000 }),
    });
    const area = fc.record({
      x: fc.integer({ min: -4000, max: 4000 }),
      y: fc.integer({ min: -2000, max: 2000 }),
      width: fc.integer({ min: 640, max: 5000 }),
      height: fc.integer({ min: 480, max: 3000 }),
    });
    fc.assert(
      fc.property(
        rect,
        fc.boolean(),
        fc.array(area, { minLength: 1, maxLength: 3 }),
        (bounds, max, areas) => {
          const displays = areas.map((workArea) => ({ workArea }));
          const placed = placeWindow({ ...bounds, maximized: max }, displays);
          expect(placed.maximized).toBe(max);
          if (placed.x === undefined || placed.y === undefined) return;
          const rectPlaced = { x: placed.x, y: placed.y, width: placed.width, height: placed.height };
          const host = areas.find((a) => inside(rectPlaced, a));
          expect(host).toBeDefined();
          if (host && host.width >= MIN_SIZE.width)
            expect(placed.width).toBeGreaterThanOrEqual(MIN_SIZE.width);
          if (host && host.height >= MIN_SIZE.height)
            expect(placed.height).toBeGreaterThanOrEqual(MIN_SIZE.height);
        },
      ),
    );
  });
});

function fakeWindow() {
  const listeners = new Map<string, () => void>();
  const state = {
    bounds: { x: 10, y: 20, width: 1000, height: 700 },
    maximized: false,
    minimized: false,
    full: false,
  };
  const window: TrackedWindow = {
    on: (event, listener) => listeners.set(event, listener),
    getNormalBounds: () => state.bounds,
    isMaximized: () => state.maximized,
    isMinimized: () => state.minimized,
    isFullScreen: () => state.full,
  };
  return { window, state, fire: (event: string) => listeners.get(event)?.() };
}

describe('trackWindowState', () => {
  it('saves the normal bounds once moving stops, and again on close', () => {
    vi.useFakeTimers();
    try {
      const { window, state, fire } = fakeWindow();
      const save = vi.fn();
      trackWindowState(window, save, { delayMs: 500 });
      fire('move');
      fire('resize');
      vi.advanceTimersByTime(499);
      expect(save).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(save).toHaveBeenCalledTimes(1);
      expect(save).toHaveBeenLastCalledWith({ x: 10, y: 20, width: 1000, height: 700, maximized: false });
      state.maximized = true;
      fire('resize');
      fire('close');
      expect(save).toHaveBeenCalledTimes(2);
      expect(save).toHaveBeenLastCalledWith({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
      vi.advanceTimersByTime(1000);
      expect(save).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not remember a minimized or full-screen window', () => {
    vi.useFakeTimers();
    try {
      const { window, state, fire } = fakeWindow();
      const save = vi.fn();
      trackWindowState(window, save);
      state.minimized = true;
      fire('close');
      state.minimized = false;
      state.full = true;
      fire('resize');
      vi.runAllTimers();
      expect(save).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
