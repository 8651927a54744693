import { useEffect, useState } from 'react';
import type { Observable } from 'rxjs';

/** Subscribes to an observable for the lifetime of the component (or until deps change). */
export function useObservable<T>(factory: () => Observable<T>, initial: T, deps: readonly unknown[]): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const sub = factory().subscribe(setValue);
    return () => sub.unsubscribe();
    // The caller names what the observable depends on, like useMemo's deps.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
