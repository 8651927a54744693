import { useMemo } from 'react';
import {
  DEFAULT_PRIORITY_MATRIX,
  validatePriorityMatrix,
  type PriorityMatrix,
} from '../../shared/domain/priority';
import { observeSettings } from '../data';
import { useDb } from './database';
import { useObservable } from './hooks';

export interface AppSettings {
  matrix: PriorityMatrix;
  categories: string[];
}

/** Settings documents may come from other devices: anything malformed falls back to defaults. */
export function useAppSettings(): AppSettings {
  const db = useDb();
  const docs = useObservable(() => observeSettings(db), [], [db]);
  return useMemo(() => {
    const byKey = new Map(docs.map((d) => [d.key, d]));
    const checked = validatePriorityMatrix(byKey.get('priorityMatrix')?.value.matrix);
    const rawCategories = byKey.get('categories')?.value.categories;
    const categories = Array.isArray(rawCategories)
      ? rawCategories.filter((c): c is string => typeof c === 'string' && c.length > 0 && c.length <= 80)
      : [];
    return { matrix: checked.ok ? checked.matrix : DEFAULT_PRIORITY_MATRIX, categories };
  }, [docs]);
}
