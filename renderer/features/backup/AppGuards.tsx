import { useEffect } from 'react';
import { useDb } from '../../app/database';
import { navigate, useRoute } from '../../app/router';
import { hasChangesSince } from '../../data/backup';
import { desktopApi, installDesktopBridge, installLinkGuard } from '../../lib/desktop';
import { useUi } from '../../state/ui';
import { useSyncStore } from '../../sync/store';
import { backUpToDataFolder } from './actions';
import { createAutoBackup, watermarkStore } from './autoBackup';
import { checkStorage, protectStorage, STORAGE_CHECK_INTERVAL_MS, watchForFullDisk } from './guard';
import { StorageBanner } from './StorageBanner';
import { setReplicaGuard, useReplicaGuard } from './store';

/**
 * Mounted once by the app shell: keeps links and window.open from leaving the app, connects
 * the desktop shell's menu and OS signals, watches the storage, runs the automatic backups,
 * and shows the storage banner (Settings shows its own copy, so not on that page).
 */
export function AppGuards() {
  const db = useDb();
  const route = useRoute();

  useEffect(() => installLinkGuard(window), []);
  useEffect(() => watchForFullDisk(window), []);

  useEffect(
    () =>
      installDesktopBridge({
        win: window,
        navigate,
        focusSearch: () => {
          useUi.getState().setSearchFocusPending(true);
          navigate('/tickets');
        },
        openPalette: () => useUi.getState().setPaletteOpen(true),
        openShortcuts: () => useUi.getState().setShortcutsOpen(true),
        backupNow: () => {
          setReplicaGuard({ backupRequestedAt: Date.now() });
          navigate('/settings');
        },
        onReloadRequired: (reason) => setReplicaGuard({ reloadReason: reason }),
      }),
    [],
  );

  useEffect(() => {
    void protectStorage().then(checkStorage);
    const timer = setInterval(() => void checkStorage(), STORAGE_CHECK_INTERVAL_MS);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    const api = desktopApi();
    // Browser mode has no data folder: backups there are downloads, made on demand in Settings.
    if (!api) return;
    const marks = watermarkStore(localStorage);
    const follow = (phase: string) => {
      if (phase === 'in-sync') marks.markInSync(Date.now());
    };
    follow(useSyncStore.getState().phase);
    const unsubscribe = useSyncStore.subscribe((state) => follow(state.phase));
    const auto = createAutoBackup({
      now: Date.now,
      sinceUnsynced: marks.sinceUnsynced,
      lastBackupAt: marks.lastBackupAt,
      setLastBackupAt: marks.setLastBackupAt,
      hasChangesSince: (since) => hasChangesSince(db, since),
      backUp: async (since) =>
        (await backUpToDataFolder(api, db, { kind: 'auto', scope: 'changes', since })).name,
      lowOnSpace: () => useReplicaGuard.getState().storage?.level === 'critical',
      isLeader: () => (typeof db.isLeader === 'function' ? db.isLeader() : true),
      onOutcome: (outcome) => {
        if (outcome.kind === 'written') {
          setReplicaGuard({ lastAutoBackup: { at: outcome.at, name: outcome.name }, autoBackupError: null });
        } else if (outcome.kind === 'failed') {
          setReplicaGuard({ autoBackupError: outcome.message });
        }
      },
    });
    auto.start();
    return () => {
      auto.stop();
      unsubscribe();
    };
  }, [db]);

  return route.name === 'settings' ? null : <StorageBanner />;
}
