import { useCallback, useState } from 'react';
import type { FieldErrors } from '../../shared/domain/validation';
import { describeWriteError } from './errors';

type Outcome = { ok: true } | { ok: false; errors: FieldErrors };

/**
 * The one way forms save: field errors from the domain come back inline, a failed write (a full
 * disk) becomes a form-level message, and the user's input is never cleared on failure.
 */
export function useSubmit() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const submit = useCallback(
    async <R extends Outcome>(
      action: () => Promise<R>,
      onSuccess: (result: Extract<R, { ok: true }>) => void,
    ) => {
      setSaving(true);
      try {
        const result = await action();
        if (result.ok) {
          setErrors({});
          onSuccess(result as Extract<R, { ok: true }>);
        } else {
          setErrors((result as { errors: FieldErrors }).errors);
        }
      } catch (error) {
        setErrors({ form: describeWriteError(error) });
      } finally {
        setSaving(false);
      }
    },
    [],
  );
  return { errors, saving, submit };
}
