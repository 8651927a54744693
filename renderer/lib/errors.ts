import { isStorageFullError } from '../data/storageQuery';

/** A user-facing sentence for a failed local write (IndexedDB errors carry a DOMException name). */
export function describeWriteError(error: unknown): string {
  // Dexie and RxDB wrap the browser's QuotaExceededError: look inside, not only at the top.
  if (isStorageFullError(error)) {
    return 'The disk is full: nothing was saved. Free some space and try again; your input is still here.';
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `Saving failed: ${detail}. Your input is still here; try again.`;
}
