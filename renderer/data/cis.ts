/** Configuration items as tickets reference them: pickers and the ticket page's CI list. */
import { map, type Observable } from 'rxjs';
import type { CiDoc } from '../../shared/domain/model';
import type { OutpostDatabase } from './database';

/** The given CIs, live, in the order of `ids`; ids that do not exist (yet) are skipped. */
export function observeCisByIds(db: OutpostDatabase, ids: readonly string[]): Observable<CiDoc[]> {
  return db.cis
    .findByIds([...ids])
    .$.pipe(map((found) => ids.flatMap((id) => (found.has(id) ? [found.get(id)!.toMutableJSON()] : []))));
}

/** Every CI by class then name (served by the [ciClass, name] index), for pickers. */
export function observeCiChoices(db: OutpostDatabase): Observable<CiDoc[]> {
  return db.cis
    .find({ sort: [{ ciClass: 'asc' }, { name: 'asc' }], index: ['ciClass', 'name'] })
    .$.pipe(map((docs) => docs.map((doc) => doc.toMutableJSON())));
}
