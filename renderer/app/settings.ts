import { useMemo } from 'react';
import {
  DEFAULT_PRIORITY_MATRIX,
  validatePriorityMatrix,
  type PriorityMatrix,
} from '../../shared/domain/priority';
import { readCategoryList } from '../../shared/domain/categories';
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
    // "A/B" paths form the category tree; malformed entries from another device are dropped.
    const categories = readCategoryList(byKey.get('categories')?.value.categories);
    return { matrix: checked.ok ? checked.matrix : DEFAULT_PRIORITY_MATRIX, categories };
  }, [docs]);
}
