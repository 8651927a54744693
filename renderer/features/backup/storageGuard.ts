/**
 * Early warning before the disk fills up. Chromium answers a full disk with failed writes and,
 * under storage pressure, may evict an origin's IndexedDB altogether: the whole replica. So the
 * guard watches two numbers (the browser's quota for this origin, and in the desktop app the
 * free space of the volume holding the data folder), asks the browser to treat the storage as
 * persistent (never evicted), and warns while there is still room to act.
 */
import type { DiskSpace, IpcResult } from '../../../shared/ipc/contract';

export const MB = 1024 * 1024;
export const GB = 1024 * MB;

export const THRESHOLDS = {
  /** Free disk space below which the warning turns red, and automatic backups pause. */
  diskCritical: 500 * MB,
  diskLow: 2 * GB,
  /** Room left in the browser's quota for this origin. */
  quotaCritical: 250 * MB,
  quotaLow: 1 * GB,
  /** Share of the quota in use. */
  usageCritical: 0.95,
  usageLow: 0.8,
} as const;

export type StorageLevel = 'ok' | 'low' | 'critical' | 'unknown';

export interface StorageReading {
  /** navigator.storage.estimate(); null where the browser does not say. */
  usage: number | null;
  quota: number | null;
  /** True when the browser promised not to evict this origin's data. */
  persisted: boolean | null;
  /** Desktop only: the volume of the data folder. */
  disk: DiskSpace | null;
}

export interface StorageStatus extends StorageReading {
  level: StorageLevel;
  /** One sentence for the banner; null when all is well. */
  message: string | null;
  checkedAt: number;
}

export function formatBytes(bytes: number): string {
  if (bytes >= GB) return `${(bytes / GB).toFixed(1)} GB`;
  if (bytes >= MB) return `${Math.round(bytes / MB)} MB`;
  return `${Math.max(0, Math.round(bytes / 1024))} KB`;
}

const worse = (a: StorageLevel, b: StorageLevel): StorageLevel => {
  const rank: Record<StorageLevel, number> = { unknown: 0, ok: 1, low: 2, critical: 3 };
  return rank[a] >= rank[b] ? a : b;
};

/** Judges a reading: the worst of the disk and the quota decides. */
export function assessStorage(reading: StorageReading, now: number): StorageStatus {
  let level: StorageLevel = 'unknown';
  let message: string | null = null;

  if (reading.disk) {
    const free = reading.disk.freeBytes;
    const diskLevel: StorageLevel =
      free < THRESHOLDS.diskCritical ? 'critical' : free < THRESHOLDS.diskLow ? 'low' : 'ok';
    level = worse(level, diskLevel);
    if (diskLevel === 'critical') {
      message = `Only ${formatBytes(free)} of disk space is left. Free some space now: when the disk is full, changes cannot be saved.`;
    } else if (diskLevel === 'low') {
      message = `Disk space is running low (${formatBytes(free)} free). Free some space soon to keep your changes safe.`;
    }
  }

  if (reading.usage !== null && reading.quota !== null && reading.quota > 0) {
    const room = reading.quota - reading.usage;
    const share = reading.usage / reading.quota;
    const quotaLevel: StorageLevel =
      room < THRESHOLDS.quotaCritical || share > THRESHOLDS.usageCritical
        ? 'critical'
        : room < THRESHOLDS.quotaLow || share > THRESHOLDS.usageLow
          ? 'low'
          : 'ok';
    if (worse(quotaLevel, level) === quotaLevel && quotaLevel !== level && quotaLevel !== 'ok') {
      message =
        quotaLevel === 'critical'
          ? `The local replica has almost no room left (${formatBytes(room)}). Free disk space now, or changes will fail to save.`
          : `The local replica is running out of room (${formatBytes(room)} left). Free some disk space soon.`;
    }
    level = worse(level, quotaLevel);
  }
  return { ...reading, level, message, checkedAt: now };
}

export type StorageManagerLike = {
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
};

/** Takes a reading; every source may be missing or fail without failing the others. */
export async function readStorage(
  storage: StorageManagerLike | undefined,
  diskSpace: (() => Promise<IpcResult<DiskSpace>>) | null,
): Promise<StorageReading> {
  const [estimate, persisted, disk] = await Promise.all([
    storage?.estimate ? storage.estimate().catch(() => null) : Promise.resolve(null),
    storage?.persisted ? storage.persisted().catch(() => null) : Promise.resolve(null),
    diskSpace ? diskSpace().catch(() => null) : Promise.resolve(null),
  ]);
  return {
    usage: typeof estimate?.usage === 'number' ? estimate.usage : null,
    quota: typeof estimate?.quota === 'number' ? estimate.quota : null,
    persisted,
    disk: disk?.ok ? disk.value : null,
  };
}

/**
 * Asks the browser not to evict this origin's storage under pressure. Chromium may say no
 * (it decides from how the site is used); the answer is shown in Settings.
 */
export async function requestPersistence(storage: StorageManagerLike | undefined): Promise<boolean | null> {
  if (!storage?.persist) return null;
  try {
    if (storage.persisted && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return null;
  }
}
