import { MAX_TIME } from '../../shared/domain/model';
import type { ListRow } from './listRows';

/** A plausible list row for tests that only care about id and update time. */
export function listRowFrom(id: string, updatedAt: number): ListRow {
  return {
    id,
    number: `INC-TEST-${id}`,
    kind: 'incident',
    title: `Ticket ${id}`,
    status: 'new',
    priority: 3,
    assigneeId: '',
    groupId: '',
    category: '',
    phase: 'open',
    updatedAt,
    createdAt: updatedAt - 1,
    sortDesc: MAX_TIME - updatedAt,
    parentId: '',
  };
}
