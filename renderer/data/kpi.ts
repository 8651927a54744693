/**
 * Reads for the KPI projection: every ticket in keyset pages, the timeline entries that can move
 * a KPI (status, assignment and group changes, comments, surveys), asset states and closed audit
 * campaigns with their scans. Text the figures never read (descriptions, bodies) is dropped on
 * the way in, so 100,000 tickets' facts fit comfortably in memory.
 */
import type { RxDocumentData } from 'rxdb';
import { combineLatest, map, switchMap, of, type Observable } from 'rxjs';
import { reconcile, scanFactsOf } from '../../shared/domain/audits';
import { isFactActivity, slimFactActivity } from '../../shared/domain/kpi/facts';
import type { AuditFigure } from '../../shared/domain/kpi/model';
import type { ActivityDoc, CiState, TicketDoc } from '../../shared/domain/model';
import type { OutpostDatabase } from './database';
import { loadTimelineEntries, slimTicket, withoutMeta } from './sla';
import { prepareStorageQuery } from './storageQuery';

const ID_INDEX = ['_deleted', 'id'];

/** Every ticket, `chunkSize` at a time, in id order over the primary index. */
export async function loadAllTickets(
  db: OutpostDatabase,
  onChunk: (tickets: TicketDoc[]) => void | Promise<void>,
  chunkSize = 2000,
): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const prepared = prepareStorageQuery(db.tickets, {
      selector: { _deleted: { $eq: false } } as never,
      sort: [{ id: 'asc' }],
      index: ID_INDEX,
      limit: chunkSize,
    });
    const plan = prepared.queryPlan;
    if (after !== null) {
      prepared.queryPlan = { ...plan, startKeys: [plan.startKeys[0], after], inclusiveStart: false };
    }
    const result = await db.tickets.storageInstance.query(prepared);
    const docs = result.documents as RxDocumentData<TicketDoc>[];
    await onChunk(docs.map((d) => slimTicket(withoutMeta(d))));
    const last = docs[docs.length - 1];
    if (!last || docs.length < chunkSize) return;
    after = last.id;
  }
}

/** The fact entries of the given tickets, by ticket id, in timeline order. */
export function loadFactActivities(
  db: OutpostDatabase,
  parentIds: readonly string[],
): Promise<Map<string, ActivityDoc[]>> {
  return loadTimelineEntries(db, parentIds, isFactActivity, slimFactActivity);
}

/** The given tickets (slim) that still exist, by id: one read for a whole batch of changes. */
export async function loadFactTickets(
  db: OutpostDatabase,
  ids: readonly string[],
): Promise<Map<string, TicketDoc>> {
  const found = await db.tickets.findByIds([...ids]).exec();
  const tickets = new Map<string, TicketDoc>();
  for (const [id, doc] of found) tickets.set(id, slimTicket(doc.toMutableJSON()));
  return tickets;
}

/** The lifecycle state of every asset (a CI with a tag), live. */
export function observeAssetStates(db: OutpostDatabase): Observable<CiState[]> {
  return db.cis
    .find({ selector: { assetTag: { $gt: '' } }, index: ['assetTag'] })
    .$.pipe(map((docs) => docs.map((d) => d.state)));
}

/** Closed audit campaigns with what was expected and found, live. */
export function observeClosedAudits(db: OutpostDatabase): Observable<AuditFigure[]> {
  return db.audits.find({ selector: { state: 'closed' } }).$.pipe(
    switchMap((audits) => {
      if (audits.length === 0) return of([]);
      return combineLatest(
        audits.map((audit) =>
          db.activities
            .find({ selector: { parentId: audit.id, kind: 'scan' }, index: ['parentId', 'createdAt'] })
            .$.pipe(
              map((scans): AuditFigure => {
                const facts = scans.flatMap((s) => scanFactsOf(s.toMutableJSON()) ?? []);
                const report = reconcile(audit.expected ?? [], facts);
                return {
                  id: audit.id,
                  name: audit.name,
                  closedAt: audit.closedAt || audit.updatedAt,
                  expected: report.expectedCount,
                  found: report.expectedScanned,
                };
              }),
            ),
        ),
      );
    }),
  );
}
