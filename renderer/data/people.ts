/** People, groups and locations: small, read by pickers and name labels. */
import { map, type Observable } from 'rxjs';
import type { PersonDoc } from '../../shared/domain/model';
import type { OutpostDatabase } from './database';

/** Every person, group and location, grouped by kind then alphabetical, live. */
export function observePeople(db: OutpostDatabase): Observable<PersonDoc[]> {
  return db.people
    .find({ sort: [{ personKind: 'asc' }, { name: 'asc' }], index: ['personKind', 'name'] })
    .$.pipe(map((docs) => docs.map((doc) => doc.toMutableJSON())));
}
