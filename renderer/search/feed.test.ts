import { afterEach, expect, it } from 'vitest';
import { getChangedDocumentsSince, type RxStorageInstance } from 'rxdb';
import { createDbTracker, fixtureTicket } from '../data/testDb';
import { readChangesSince, type FeedItem } from './feed';
import type { Checkpoint } from './store';

const dbs = createDbTracker();
afterEach(() => dbs.closeAll());

it('reads the same document states in the same order as RxDB changes feed', async () => {
  const db = await dbs.open();
  // One bulk gives many documents the same lwt: the id breaks the tie.
  await db.tickets.bulkInsert(Array.from({ length: 23 }, (_, i) => fixtureTicket(i)));
  await db.tickets.bulkUpsert([fixtureTicket(4, { title: 'Edited' })]);
  await (await db.tickets.findOne(fixtureTicket(7).id).exec())!.remove();
  await db.tickets.bulkInsert([fixtureTicket(40)]);

  const storage = db.tickets.storageInstance as RxStorageInstance<unknown, unknown, unknown, Checkpoint>;
  const expected: string[] = [];
  let cursor: Checkpoint | undefined;
  for (;;) {
    const { documents, checkpoint } = await getChangedDocumentsSince(storage, 5, cursor);
    expected.push(...documents.map((d) => `${(d as unknown as { id: string }).id}:${d._deleted}`));
    if (documents.length < 5) break;
    cursor = checkpoint as Checkpoint;
  }
  const seen: FeedItem[] = [];
  await readChangesSince(db, 'tickets', null, 5, (items) => {
    seen.push(...items);
  });
  expect(seen.map((i) => `${i.checkpoint.id}:${i.kind === 'delete'}`)).toEqual(expected);
  expect(seen.find((i) => i.checkpoint.id === fixtureTicket(4).id)).toMatchObject({
    kind: 'upsert',
    source: { title: 'Edited' },
  });

  // From a checkpoint: only what came after it.
  const middle = seen[10]!.checkpoint;
  const after: string[] = [];
  await readChangesSince(db, 'tickets', middle, 4, (items) => {
    after.push(...items.map((i) => i.checkpoint.id));
  });
  expect(after).toEqual(seen.slice(11).map((i) => i.checkpoint.id));
});
