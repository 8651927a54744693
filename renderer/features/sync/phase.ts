/**
 * How the sync state reads in the header and in its details: words first (colour and glyph only
 * repeat them), so the indicator means the same to a screen reader and on a grey-scale screen.
 */
import type { SyncPhase, SyncState, SyncUser } from '../../sync/store';

export interface PhaseDisplay {
  label: string;
  /** Mantine colour name. */
  color: string;
  /** Decorative glyph; hidden from assistive technology. */
  icon: string;
  /** Work is under way (shows a spinner-like pulse and, when known, a progress bar). */
  busy: boolean;
}

const PHASES: Record<SyncPhase, PhaseDisplay> = {
  'signed-out': { label: 'Local only', color: 'gray', icon: '◌', busy: false },
  offline: { label: 'Offline', color: 'orange', icon: '⊘', busy: false },
  connecting: { label: 'Connecting…', color: 'blue', icon: '↻', busy: true },
  pulling: { label: 'Syncing…', color: 'blue', icon: '↓', busy: true },
  pushing: { label: 'Sending changes', color: 'blue', icon: '↑', busy: true },
  'in-sync': { label: 'In sync', color: 'teal', icon: '✓', busy: false },
  'needs-login': { label: 'Sign in again', color: 'yellow', icon: '!', busy: false },
  error: { label: 'Sync error', color: 'red', icon: '✕', busy: false },
};

/** 1200 -> "1,200", the same on every machine whatever its locale data. */
export function formatCount(n: number): string {
  const whole = Math.max(0, Math.round(n));
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function describePhase(state: Pick<SyncState, 'phase' | 'progress'>): PhaseDisplay {
  const base = PHASES[state.phase];
  if (state.phase === 'pulling' && state.progress && state.progress.total > 0) {
    const done = Math.min(state.progress.done, state.progress.total);
    return { ...base, label: `Syncing ${formatCount(done)} of ${formatCount(state.progress.total)}` };
  }
  return { ...base };
}

/** 0..100 for the header's progress bar, or null when there is nothing to measure. */
export function progressPercent(state: Pick<SyncState, 'phase' | 'progress'>): number | null {
  const progress = state.progress;
  if (state.phase !== 'pulling' || !progress || progress.total <= 0) return null;
  return Math.min(100, Math.max(0, (100 * progress.done) / progress.total));
}

/** "3 changes waiting", or null when nothing waits. */
export function pendingLabel(pending: number): string | null {
  if (!(pending > 0)) return null;
  return pending === 1 ? '1 change waiting' : `${formatCount(pending)} changes waiting`;
}

/** "alice (agent, manager)"; the person role is not a role a user thinks in. */
export function describeUser(user: SyncUser | null): string {
  if (!user) return 'Not signed in';
  return user.roles.length ? `${user.name} (${user.roles.join(', ')})` : user.name;
}

/** Phases in which this device has a server to talk to (Sync now and Sign out make sense). */
export function isSignedIn(phase: SyncPhase): boolean {
  return phase !== 'signed-out';
}
