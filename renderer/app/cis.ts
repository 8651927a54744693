import { useMemo } from 'react';
import type { CiDoc } from '../../shared/domain/model';
import { CI_CLASS_LABELS } from '../../shared/domain/labels';
import { observeCiChoices, observeCisByIds } from '../data';
import { useDb } from './database';
import { useObservable } from './hooks';

export interface CiChoice {
  value: string;
  label: string;
}

/** Picker options for configuration items: "LDN-LT-0412 · AT-000123 (Laptop)". */
export function useCiChoices(): CiChoice[] {
  const db = useDb();
  const cis = useObservable<CiDoc[]>(() => observeCiChoices(db), [], [db]);
  return useMemo(() => cis.map((ci) => ({ value: ci.id, label: ciLabel(ci) })), [cis]);
}

export function useCis(ids: readonly string[]): CiDoc[] {
  const db = useDb();
  const key = ids.join(',');
  // `key` stands for the ids' content, so a new array with the same ids does not resubscribe.
  return useObservable<CiDoc[]>(() => observeCisByIds(db, ids), [], [db, key]);
}

export function ciLabel(ci: CiDoc): string {
  const tag = ci.assetTag ? ` · ${ci.assetTag}` : '';
  return `${ci.name}${tag} (${CI_CLASS_LABELS[ci.ciClass]})`;
}
