/**
 * The asset views: warranties running out, assets per location, stock nobody has. Pure
 * functions over the CIs a replica holds (a team's assets fit in memory).
 */
import type { CiClass, CiDoc, CiState } from './model';

export const DAY_MS = 86_400_000;

/** An asset is a CI with a tag: services and applications are CIs, not things on a shelf. */
export function isAsset(ci: Pick<CiDoc, 'assetTag'>): boolean {
  return ci.assetTag.trim() !== '';
}

export const WARRANTY_WINDOWS = ['expired', '30', '60', '90'] as const;
export type WarrantyWindow = (typeof WARRANTY_WINDOWS)[number];

export const WARRANTY_WINDOW_LABELS: Readonly<Record<WarrantyWindow, string>> = {
  expired: 'Expired',
  '30': 'Next 30 days',
  '60': 'Next 60 days',
  '90': 'Next 90 days',
};

/** Assets past their useful life: a lapsed warranty on them is no news. */
const OUT_OF_SERVICE: ReadonlySet<CiState> = new Set(['retired', 'disposed']);

/**
 * Assets in service whose warranty ends within the window (from now, `now` excluded from
 * "expired"), soonest first. "Next 60 days" includes the next 30: the windows are horizons.
 */
export function warrantyExpiring(cis: readonly CiDoc[], window: WarrantyWindow, now: number): CiDoc[] {
  const out = cis.filter((ci) => {
    const end = ci.warrantyEnd ?? 0;
    if (end <= 0 || !isAsset(ci) || OUT_OF_SERVICE.has(ci.state)) return false;
    if (window === 'expired') return end < now;
    return end >= now && end < now + Number(window) * DAY_MS;
  });
  return out.sort((a, b) => (a.warrantyEnd ?? 0) - (b.warrantyEnd ?? 0) || compareName(a, b));
}

/** Days until the warranty ends (negative when it has ended), rounded towards the past. */
export function warrantyDaysLeft(ci: Pick<CiDoc, 'warrantyEnd'>, now: number): number | null {
  const end = ci.warrantyEnd ?? 0;
  return end > 0 ? Math.floor((end - now) / DAY_MS) : null;
}

export interface LocationCount {
  /** '' for assets without a location. */
  locationId: string;
  total: number;
  byState: Partial<Record<CiState, number>>;
}

/** Assets (disposed ones excluded: they are nowhere) counted per location, biggest first. */
export function assetsPerLocation(cis: readonly CiDoc[]): LocationCount[] {
  const counts = new Map<string, LocationCount>();
  for (const ci of cis) {
    if (!isAsset(ci) || ci.state === 'disposed') continue;
    let entry = counts.get(ci.locationId);
    if (!entry) {
      entry = { locationId: ci.locationId, total: 0, byState: {} };
      counts.set(ci.locationId, entry);
    }
    entry.total++;
    entry.byState[ci.state] = (entry.byState[ci.state] ?? 0) + 1;
  }
  return [...counts.values()].sort((a, b) => b.total - a.total || (a.locationId < b.locationId ? -1 : 1));
}

/** Assets at one location (all locations when `locationId` is null), by name. */
export function assetsAt(cis: readonly CiDoc[], locationId: string | null): CiDoc[] {
  return cis
    .filter(
      (ci) => isAsset(ci) && ci.state !== 'disposed' && (locationId === null || ci.locationId === locationId),
    )
    .sort(compareName);
}

/** Every asset, disposed ones included (the state filter narrows them), by name. */
export function allAssets(cis: readonly CiDoc[]): CiDoc[] {
  return cis.filter(isAsset).sort(compareName);
}

/** In stock and handed to nobody: what can be issued today. */
export function unassignedStock(cis: readonly CiDoc[]): CiDoc[] {
  return cis
    .filter((ci) => isAsset(ci) && ci.state === 'in_stock' && (ci.assigneeId ?? '') === '')
    .sort(compareName);
}

export interface AssetFilter {
  text: string;
  ciClass: CiClass | '';
  locationId: string;
  state: CiState | '';
}

export const EMPTY_ASSET_FILTER: AssetFilter = { text: '', ciClass: '', locationId: '', state: '' };

/** Filters shared by every view: class, location, state, and text in name, tag, serial or model. */
export function filterAssets(cis: readonly CiDoc[], filter: AssetFilter): CiDoc[] {
  const text = filter.text.trim().toLowerCase();
  return cis.filter((ci) => {
    if (filter.ciClass !== '' && ci.ciClass !== filter.ciClass) return false;
    if (filter.locationId !== '' && ci.locationId !== filter.locationId) return false;
    if (filter.state !== '' && ci.state !== filter.state) return false;
    if (text === '') return true;
    return [ci.name, ci.assetTag, ci.serial, ci.model ?? '', ci.vendor ?? ''].some((v) =>
      v.toLowerCase().includes(text),
    );
  });
}

function compareName(a: Pick<CiDoc, 'name' | 'id'>, b: Pick<CiDoc, 'name' | 'id'>): number {
  return a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
