import { useEffect, useState } from 'react';
import { filter } from 'rxjs';
import { observeFileBlobChanges, readFileBlob } from '../../data';

export type FileBlobView =
  | { status: 'loading' }
  /** The document synced but its bytes have not: they arrive with a later sync. */
  | { status: 'missing' }
  | { status: 'present'; url: string }
  | { status: 'error'; message: string };

/**
 * A blob: URL for a file's bytes while the component is mounted, revoked on unmount (an
 * unrevoked URL keeps the bytes alive for the lifetime of the page). Follows the blob store,
 * so a file that was "not on this device yet" turns into a download as soon as sync stores it.
 */
export function useFileBlob(fileId: string): FileBlobView {
  const [view, setView] = useState<FileBlobView>({ status: 'loading' });
  useEffect(() => {
    let url: string | null = null;
    let active = true;
    let latest = 0;
    const load = async () => {
      const attempt = ++latest;
      try {
        const blob = await readFileBlob(fileId);
        // A later load (or unmount) superseded this one: its result must not leak a URL.
        if (!active || attempt !== latest) return;
        if (!blob) {
          setView({ status: 'missing' });
          return;
        }
        if (url) URL.revokeObjectURL(url);
        url = URL.createObjectURL(blob);
        setView({ status: 'present', url });
      } catch (error) {
        if (!active || attempt !== latest) return;
        setView({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      }
    };
    void load();
    const sub = observeFileBlobChanges()
      .pipe(filter((id) => id === fileId))
      .subscribe(() => void load());
    return () => {
      active = false;
      sub.unsubscribe();
      if (url) URL.revokeObjectURL(url);
    };
  }, [fileId]);
  return view;
}
