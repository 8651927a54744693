import { describe, expect, it } from 'vitest';
import { assessStorage, GB, MB, readStorage, requestPersistence, THRESHOLDS } from './storageGuard';

const NOW = 1_750_000_000_000;
const reading = (overrides: Partial<Parameters<typeof assessStorage>[0]> = {}) => ({
  usage: 200 * MB,
  quota: 50 * GB,
  persisted: true,
  disk: { freeBytes: 100 * GB, totalBytes: 500 * GB },
  ...overrides,
});

describe('assessStorage', () => {
  it('is quiet while there is room', () => {
    expect(assessStorage(reading(), NOW)).toMatchObject({ level: 'ok', message: null, checkedAt: NOW });
  });

  it('warns early when the disk runs low, and loudly when it is nearly full', () => {
    const low = assessStorage(
      reading({ disk: { freeBytes: THRESHOLDS.diskLow - 1, totalBytes: 500 * GB } }),
      NOW,
    );
    expect(low.level).toBe('low');
    expect(low.message).toMatch(/Disk space is running low \(2\.0 GB free\)/);
    const critical = assessStorage(reading({ disk: { freeBytes: 300 * MB, totalBytes: 500 * GB } }), NOW);
    expect(critical.level).toBe('critical');
    expect(critical.message).toMatch(/Only 300 MB of disk space is left/);
  });

  it('warns when the browser quota runs out even with a roomy disk', () => {
    const nearQuota = assessStorage(reading({ usage: 9.5 * GB, quota: 10 * GB }), NOW);
    expect(nearQuota.level).toBe('low');
    expect(nearQuota.message).toMatch(/running out of room/);
    const atQuota = assessStorage(reading({ usage: 10 * GB - 100 * MB, quota: 10 * GB }), NOW);
    expect(atQuota.level).toBe('critical');
    expect(atQuota.message).toMatch(/almost no room left \(100 MB\)/);
  });

  it('keeps the worse of the two, with its message', () => {
    const status = assessStorage(
      reading({ usage: 9.5 * GB, quota: 10 * GB, disk: { freeBytes: 100 * MB, totalBytes: 500 * GB } }),
      NOW,
    );
    expect(status.level).toBe('critical');
    expect(status.message).toMatch(/Only 100 MB of disk space/);
  });

  it('works from the quota alone in the browser, and says nothing it does not know', () => {
    expect(assessStorage(reading({ disk: null }), NOW).level).toBe('ok');
    expect(assessStorage({ usage: null, quota: null, persisted: null, disk: null }, NOW)).toMatchObject({
      level: 'unknown',
      message: null,
    });
  });
});

describe('readStorage', () => {
  it('combines the estimate, persistence and the disk; a failing source is left out', async () => {
    const result = await readStorage(
      { estimate: async () => ({ usage: 5, quota: 10 }), persisted: async () => false },
      async () => ({ ok: true, value: { freeBytes: 1, totalBytes: 2 } }),
    );
    expect(result).toEqual({ usage: 5, quota: 10, persisted: false, disk: { freeBytes: 1, totalBytes: 2 } });
    const partial = await readStorage({ estimate: () => Promise.reject(new Error('nope')) }, async () => ({
      ok: false,
      error: { code: 'storage_error', message: 'x' },
    }));
    expect(partial).toEqual({ usage: null, quota: null, persisted: null, disk: null });
    expect(await readStorage(undefined, null)).toEqual({
      usage: null,
      quota: null,
      persisted: null,
      disk: null,
    });
  });
});

describe('requestPersistence', () => {
  it('asks only when not yet persistent, and copes with browsers that cannot', async () => {
    let asked = 0;
    expect(
      await requestPersistence({ persisted: async () => true, persist: async () => (asked++, true) }),
    ).toBe(true);
    expect(asked).toBe(0);
    expect(
      await requestPersistence({ persisted: async () => false, persist: async () => (asked++, false) }),
    ).toBe(false);
    expect(asked).toBe(1);
    expect(await requestPersistence({ persist: () => Promise.reject(new Error('denied')) })).toBeNull();
    expect(await requestPersistence(undefined)).toBeNull();
  });
});
