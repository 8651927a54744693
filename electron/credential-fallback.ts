// The question asked once on Linux systems without a keyring, where a saved password would only
// be protected by Chromium's fixed `basic_text` key: keep it for this session, or save anyway.
// The answer is remembered in the preferences and can be changed in Settings.
import type { MessageBoxOptions } from 'electron';
import type { PreferenceStore } from './preferences';

export type WeakStorageChoice = 'session' | 'disk';

/** Button 0 is also the answer to Escape or closing the box: the safe choice. */
export const WEAK_STORAGE_QUESTION: MessageBoxOptions = {
  type: 'warning',
  title: 'No secure password storage',
  message: 'This computer has no keyring for Outpost to keep your sync password in.',
  detail:
    'Without GNOME Keyring or KWallet, a saved password is stored with a fixed key that anyone ' +
    'who can read your files can undo. Keep it for this session only (you sign in again after ' +
    'restarting Outpost), or save it on this computer anyway. You can change this in Settings.',
  buttons: ['Keep for this session only', 'Save on this computer anyway'],
  defaultId: 0,
  cancelId: 0,
  noLink: true,
};

export function choiceFromResponse(response: number): WeakStorageChoice {
  return response === 1 ? 'disk' : 'session';
}

/**
 * The chooser session-auth calls at each sign-in on such a system: the remembered answer, or the
 * question when there is none yet. Concurrent sign-ins share one question.
 */
export function createWeakStorageChooser(deps: {
  preferences: PreferenceStore;
  ask: (question: MessageBoxOptions) => Promise<number>;
}): () => Promise<WeakStorageChoice> {
  let asking: Promise<WeakStorageChoice> | null = null;
  return async () => {
    const saved = (await deps.preferences.read()).credentialFallback;
    if (saved) return saved;
    asking ??= (async () => {
      try {
        const choice = choiceFromResponse(await deps.ask(WEAK_STORAGE_QUESTION));
        await deps.preferences.update((prefs) => ({ ...prefs, credentialFallback: choice }));
        return choice;
      } finally {
        asking = null;
      }
    })();
    return asking;
  };
}
