import { describe, expect, it, vi } from 'vitest';
import { createAutoBackup, IN_SYNC_MARGIN_MS, watermarkStore, type AutoBackupDeps } from './autoBackup';

function memoryStore() {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  };
}

function setup(overrides: Partial<AutoBackupDeps> = {}) {
  let now = 10_000_000;
  let last = 0;
  const backUp = vi.fn(async (since: number) => `outpost-auto-${since}.jsonl`);
  const deps: AutoBackupDeps = {
    now: () => now,
    sinceUnsynced: () => 5_000_000,
    lastBackupAt: () => last,
    setLastBackupAt: (at) => (last = at),
    hasChangesSince: vi.fn(async () => true),
    backUp,
    lowOnSpace: () => false,
    isLeader: () => true,
    ...overrides,
  };
  const auto = createAutoBackup(deps);
  return { auto, deps, backUp, tick: (ms: number) => (now += ms), last: () => last };
}

describe('watermarkStore', () => {
  it('moves the in-sync mark forward only, less the margin, and remembers the last backup', () => {
    const marks = watermarkStore(memoryStore());
    expect(marks.sinceUnsynced()).toBe(0);
    marks.markInSync(1_000_000);
    expect(marks.sinceUnsynced()).toBe(1_000_000 - IN_SYNC_MARGIN_MS);
    marks.markInSync(500_000);
    expect(marks.sinceUnsynced()).toBe(1_000_000 - IN_SYNC_MARGIN_MS);
    marks.setLastBackupAt(42);
    expect(marks.lastBackupAt()).toBe(42);
  });

  it('ignores a damaged value', () => {
    const store = memoryStore();
    store.setItem('outpost.backup.inSyncAt', 'NaN');
    expect(watermarkStore(store).sinceUnsynced()).toBe(0);
  });
});

describe('createAutoBackup', () => {
  it('backs up everything since the in-sync mark when something new was written', async () => {
    const { auto, deps, backUp, last } = setup();
    expect(await auto.runNow()).toEqual({
      kind: 'written',
      name: 'outpost-auto-5000000.jsonl',
      at: 10_000_000,
    });
    expect(backUp).toHaveBeenCalledWith(5_000_000);
    expect(deps.hasChangesSince).toHaveBeenCalledWith(5_000_000);
    expect(last()).toBe(10_000_000);
  });

  it('looks for changes after the later of the mark and the last backup', async () => {
    const { auto, deps, tick } = setup();
    await auto.runNow();
    tick(60_000);
    vi.mocked(deps.hasChangesSince).mockResolvedValueOnce(false);
    expect(await auto.runNow()).toEqual({ kind: 'nothing-new' });
    expect(deps.hasChangesSince).toHaveBeenLastCalledWith(10_000_000);
  });

  it('backs up the whole replica when it was never in sync', async () => {
    const { auto, backUp } = setup({ sinceUnsynced: () => 0 });
    await auto.runNow();
    expect(backUp).toHaveBeenCalledWith(0);
  });

  it('pauses on a nearly full disk, in other windows, and while a backup runs', async () => {
    expect(await setup({ lowOnSpace: () => true }).auto.runNow()).toEqual({
      kind: 'skipped',
      reason: 'low-space',
    });
    expect(await setup({ isLeader: () => false }).auto.runNow()).toEqual({
      kind: 'skipped',
      reason: 'not-leader',
    });
    let release: () => void = () => undefined;
    const slow = setup({ backUp: () => new Promise((resolve) => (release = () => resolve('x'))) });
    const first = slow.auto.runNow();
    await vi.waitFor(() => expect(slow.deps.hasChangesSince).toHaveBeenCalled());
    expect(await slow.auto.runNow()).toEqual({ kind: 'skipped', reason: 'busy' });
    release();
    expect(await first).toMatchObject({ kind: 'written' });
  });

  it('reports a failure and keeps the last backup time, so the next check tries again', async () => {
    const { auto, last } = setup({
      backUp: () => Promise.reject(new Error('The disk is full: the backup could not be written.')),
    });
    expect(await auto.runNow()).toEqual({
      kind: 'failed',
      message: 'The disk is full: the backup could not be written.',
    });
    expect(last()).toBe(0);
  });

  it('checks soon after start, then on its interval, until stopped', async () => {
    vi.useFakeTimers();
    try {
      const onOutcome = vi.fn();
      const { auto, backUp } = setup({ onOutcome, firstCheckMs: 1_000, intervalMs: 60_000 });
      auto.start();
      await vi.advanceTimersByTimeAsync(999);
      expect(backUp).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(backUp).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(backUp).toHaveBeenCalledTimes(2);
      expect(onOutcome).toHaveBeenCalledWith(expect.objectContaining({ kind: 'written' }));
      auto.stop();
      await vi.advanceTimersByTimeAsync(600_000);
      expect(backUp).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
