/**
 * Team settings: one document per key. Values arrive from other devices and older versions, so
 * every reader validates through the domain function and falls back to the default.
 */
import { map, type Observable } from 'rxjs';
import { settingId } from '../../shared/domain/ids';
import type { SettingDoc } from '../../shared/domain/model';
import {
  defaultPriorityMatrix,
  validatePriorityMatrix,
  type PriorityMatrix,
} from '../../shared/domain/priority';
import type { OutpostDatabase } from './database';
import { SETTING_KEY_MAX_LENGTH } from './schemas/settings.schema';
import type { Session } from './tickets';

export const PRIORITY_MATRIX_KEY = 'priorityMatrix';

export async function findSetting(db: OutpostDatabase, key: string): Promise<SettingDoc | null> {
  // Several docs could share a key after two offline devices created it; the newest counts.
  const docs = await db.settings.find({ selector: { key }, sort: [{ key: 'asc' }], index: ['key'] }).exec();
  let newest: SettingDoc | null = null;
  for (const doc of docs) if (!newest || doc.updatedAt > newest.updatedAt) newest = doc.toMutableJSON();
  return newest;
}

/** The team's matrix (setting `priorityMatrix`, value `{ matrix }`), or the default. */
export async function readPriorityMatrix(db: OutpostDatabase): Promise<PriorityMatrix> {
  const setting = await findSetting(db, PRIORITY_MATRIX_KEY);
  if (!setting) return defaultPriorityMatrix();
  const checked = validatePriorityMatrix(setting.value.matrix);
  if (checked.ok) return checked.matrix;
  // Surfaced, not swallowed: a bad matrix from another device should be visible in the logs.
  console.warn(`Ignoring invalid priority matrix setting ${setting.id}: ${checked.error}`);
  return defaultPriorityMatrix();
}

/** Validation per known key; unknown keys only need to be JSON objects. */
function validateSetting(key: string, value: Record<string, unknown>): string | null {
  if (key === '' || key.length > SETTING_KEY_MAX_LENGTH) return 'Setting key is invalid.';
  if (key === PRIORITY_MATRIX_KEY) {
    const checked = validatePriorityMatrix(value.matrix);
    return checked.ok ? null : checked.error;
  }
  return null;
}

export type SaveSettingResult = { ok: true; setting: SettingDoc } | { ok: false; error: string };

/**
 * Creates or replaces the setting `key`. A new key gets the id `set_<key>`, the same on every
 * device, so two devices creating it offline converge on one document through the conflict
 * handler instead of leaving two.
 */
export async function saveSetting(
  db: OutpostDatabase,
  key: string,
  value: Record<string, unknown>,
  session: Session,
  options: { now?: number } = {},
): Promise<SaveSettingResult> {
  const error = validateSetting(key, value);
  if (error) return { ok: false, error };
  const now = options.now ?? Date.now();
  try {
    const existing = await findSetting(db, key);
    if (existing) {
      const doc = await db.settings.findOne(existing.id).exec();
      if (doc) {
        const written = await doc.incrementalModify((data) => ({
          ...data,
          value,
          updatedAt: Math.max(now, data.updatedAt),
          updatedBy: session.userId,
        }));
        return { ok: true, setting: written.toMutableJSON() };
      }
    }
    const setting: SettingDoc = {
      id: settingId(key),
      type: 'setting',
      key,
      value,
      updatedAt: now,
      updatedBy: session.userId,
    };
    const written = await db.settings.upsert(setting);
    return { ok: true, setting: written.toMutableJSON() };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Every setting document, live (a handful: matrix, categories, later SLA policies…). */
export function observeSettings(db: OutpostDatabase): Observable<SettingDoc[]> {
  return db.settings.find().$.pipe(map((docs) => docs.map((doc) => doc.toMutableJSON())));
}
