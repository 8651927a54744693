import { useCallback, useState } from 'react';
import type { FileParentType } from '../../../shared/domain/model';
import { attachFile, describeFileWriteError } from '../../data';
import { useDb } from '../../app/database';
import { useUi } from '../../state/ui';

export interface AttachError {
  name: string;
  message: string;
}

/**
 * Attaches picked or dropped files one after another and collects a message per file that
 * could not be stored; the others are saved regardless.
 */
export function useAttachFiles(parentId: string, parentType: FileParentType) {
  const db = useDb();
  const userId = useUi((s) => s.userId);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<AttachError[]>([]);

  const attach = useCallback(
    async (files: readonly File[]) => {
      if (files.length === 0) return;
      setBusy(true);
      const failed: AttachError[] = [];
      // One at a time: several 25 MB writes at once would only compete for the same disk.
      for (const file of files) {
        try {
          const result = await attachFile(
            db,
            { parentId, parentType, name: file.name, contentType: file.type, data: file },
            { userId },
          );
          if (!result.ok) failed.push({ name: file.name, message: result.error });
        } catch (error) {
          failed.push({ name: file.name, message: describeFileWriteError(error) });
        }
      }
      setErrors(failed);
      setBusy(false);
    },
    [db, userId, parentId, parentType],
  );

  const dismiss = useCallback(() => setErrors([]), []);
  return { attach, busy, errors, dismiss };
}
