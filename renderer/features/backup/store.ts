/**
 * What the replica guard knows: the storage situation, a write that failed for lack of space,
 * the last automatic backup, and a reload the desktop shell asked for. The banner and the
 * Settings sections read it; AppGuards writes it.
 */
import { create } from 'zustand';
import type { StorageStatus } from './storageGuard';

export interface ReplicaGuardState {
  storage: StorageStatus | null;
  /** A write the browser refused for lack of space (seen anywhere, even where nobody caught it). */
  writeFailure: string | null;
  lastAutoBackup: { at: number; name: string } | null;
  autoBackupError: string | null;
  /** Set when the shell asks for a reload (a new sync server entered the security policy). */
  reloadReason: string | null;
  /** The menu's "Back up the replica now": Settings carries it out and shows the result. */
  backupRequestedAt: number | null;
}

export const useReplicaGuard = create<ReplicaGuardState>(() => ({
  storage: null,
  writeFailure: null,
  lastAutoBackup: null,
  autoBackupError: null,
  reloadReason: null,
  backupRequestedAt: null,
}));

export function setReplicaGuard(patch: Partial<ReplicaGuardState>): void {
  useReplicaGuard.setState(patch);
}
