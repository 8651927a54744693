/**
 * The replica guard's actions outside React: reading the storage situation and noticing writes
 * that failed for lack of space, wherever they happened.
 */
import { isStorageFullError } from '../../data/storageQuery';
import { desktopApi } from '../../lib/desktop';
import { assessStorage, readStorage, requestPersistence, type StorageStatus } from './storageGuard';
import { setReplicaGuard } from './store';

export const STORAGE_CHECK_INTERVAL_MS = 60_000;

/** Reads and judges the storage now; the banner and Settings follow the store. */
export async function checkStorage(): Promise<StorageStatus> {
  const api = desktopApi();
  const reading = await readStorage(navigator.storage, api ? () => api['storage:diskSpace']() : null);
  const status = assessStorage(reading, Date.now());
  setReplicaGuard({ storage: status });
  return status;
}

/** Asked once at start: persistent storage is never evicted to make room. */
export async function protectStorage(): Promise<void> {
  await requestPersistence(navigator.storage);
}

export const WRITE_FAILED_MESSAGE =
  'Outpost could not save a change because the disk is full. Nothing else was lost: free some disk space, then repeat the last change.';

/**
 * A write that failed for lack of space and that no form caught (a background write) would
 * otherwise vanish in the console: it becomes the banner's message instead.
 */
export function watchForFullDisk(win: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void {
  const onRejection = (event: PromiseRejectionEvent) => {
    if (isStorageFullError(event.reason)) setReplicaGuard({ writeFailure: WRITE_FAILED_MESSAGE });
  };
  const onError = (event: ErrorEvent) => {
    if (isStorageFullError(event.error)) setReplicaGuard({ writeFailure: WRITE_FAILED_MESSAGE });
  };
  win.addEventListener('unhandledrejection', onRejection);
  win.addEventListener('error', onError);
  return () => {
    win.removeEventListener('unhandledrejection', onRejection);
    win.removeEventListener('error', onError);
  };
}
