/** Filtering and counting the CMDB list in memory (20,000 items filter in a few milliseconds). */
import type { CiClass, CiDoc, CiState } from '../../../shared/domain/model';

export interface CiFilters {
  ciClass: CiClass | '';
  state: CiState | '';
  locationId: string;
  /** Words that must all appear in the name, tag, serial or an attribute value. */
  text: string;
}

export const NO_FILTERS: CiFilters = { ciClass: '', state: '', locationId: '', text: '' };

function haystack(ci: CiDoc): string {
  return [
    ci.name,
    ci.assetTag,
    ci.serial,
    ci.model ?? '',
    ci.vendor ?? '',
    ...Object.values(ci.attributes).map(String),
  ]
    .join(' ')
    .toLowerCase();
}

export function filterCis(cis: Iterable<CiDoc>, filters: CiFilters): CiDoc[] {
  const words = filters.text.toLowerCase().split(/\s+/).filter(Boolean);
  const out: CiDoc[] = [];
  for (const ci of cis) {
    if (filters.ciClass && ci.ciClass !== filters.ciClass) continue;
    if (filters.state && ci.state !== filters.state) continue;
    if (filters.locationId && ci.locationId !== filters.locationId) continue;
    if (words.length > 0) {
      const text = haystack(ci);
      if (!words.every((w) => text.includes(w))) continue;
    }
    out.push(ci);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

export function countByClass(cis: readonly CiDoc[]): Map<CiClass, number> {
  const counts = new Map<CiClass, number>();
  for (const ci of cis) counts.set(ci.ciClass, (counts.get(ci.ciClass) ?? 0) + 1);
  return counts;
}
