/**
 * Randomized schedules on the real engine and a real server: two replicas edit the same tickets
 * while going offline and online in random order. Afterwards every replica equals the server,
 * and no edit vanished without trace: each device's last value for a field is the final value,
 * or is set aside in a merge notice, or was seen by the device that overwrote it.
 *
 * Each run builds two replicas and a team database (about 0.6 s): `npm test` runs 100, the
 * benchmark more (OUTPOST_ENGINE_FC_RUNS). The pure model in shared/sync runs thousands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toWire } from '../../shared/sync/wire';
import { fixtureTicket } from '../../renderer/data/testDb';
import { deleteTicket } from '../../renderer/data';
import {
  createTestTeam,
  startTestServer,
  uniqueName,
  type TestServer,
  type TestUser,
} from '../server/harness';
import { adminBulk, openReplica, serverDocs, syncUntil, type Replica } from './replicas';

const RUNS = Number(process.env.OUTPOST_ENGINE_FC_RUNS ?? 100);
const TICKETS = 3;
const FIELDS = ['title', 'description', 'category'] as const;
type Field = (typeof FIELDS)[number];

type Step =
  | { kind: 'edit'; replica: number; ticket: number; field: Field; value: string }
  | { kind: 'delete'; replica: number; ticket: number }
  | { kind: 'network'; replica: number; online: boolean }
  | { kind: 'sync'; replica: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      replica: fc.integer({ min: 0, max: 1 }),
      ticket: fc.integer({ min: 0, max: TICKETS - 1 }),
      field: fc.constantFrom(...FIELDS),
      value: fc.stringMatching(/^[a-z]{1,8}$/),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('network' as const),
      replica: fc.integer({ min: 0, max: 1 }),
      online: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('sync' as const), replica: fc.integer({ min: 0, max: 1 }) }),
  },
);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

async function valueOf(r: Replica, id: string, field: Field): Promise<unknown> {
  return (await r.db.tickets.findOne(id).exec())?.get(field);
}

/** A ticket's checked fields, or null when it is deleted. */
async function fieldsOf(r: Replica, id: string): Promise<unknown[] | null> {
  const doc = await r.db.tickets.findOne(id).exec();
  return doc ? FIELDS.map((f) => doc.get(f)) : null;
}

async function runSchedule(steps: Step[]): Promise<void> {
  const db = uniqueName('fc');
  const users: TestUser[] = [0, 1].map((i) => ({
    name: `${db}-u${i}`,
    password: `pw-${db}-${i}`,
    // Managers: they may delete as well as edit.
    role: 'manager',
    personId: `per_agent${i}`,
  }));
  await createTestTeam(server, { db, users });
  const tickets = Array.from({ length: TICKETS }, (_, i) => fixtureTicket(i, { updatedBy: 'per_agent0' }));
  await adminBulk(
    server,
    db,
    tickets.map((t) => toWire(t, false)),
  );
  const replicas = [await openReplica(server, db, users[0]!), await openReplica(server, db, users[1]!)];
  try {
    await syncUntil(replicas, async () => {
      const counts = await Promise.all(replicas.map((r) => r.db.tickets.count().exec()));
      return counts.every((n) => n === TICKETS);
    });
    const lastWrite = new Map<string, string>(); // replica|ticket|field -> value
    const seenBeforeOverwrite = new Set<string>(); // ticket|field|value
    const online = [true, true];
    for (const step of steps) {
      const replica = replicas[step.replica]!;
      if (step.kind === 'network') {
        replica.setOnline(step.online);
        online[step.replica] = step.online;
      } else if (step.kind === 'sync') {
        // Offline, a sync attempt just fails and waits for the network: nothing to wait for.
        if (!online[step.replica]) continue;
        replica.engine.syncNow();
        await replica.engine.awaitInSync();
      } else if (step.kind === 'delete') {
        const doc = await replica.db.tickets.findOne(tickets[step.ticket]!.id).exec();
        if (!doc) continue;
        // The deleter saw these values: a deletion that stands overwrote them knowingly.
        for (const f of FIELDS) seenBeforeOverwrite.add(`${doc.id}|${f}|${String(doc.get(f))}`);
        await deleteTicket(replica.db, doc.id, { userId: replica.user.personId });
      } else {
        const id = tickets[step.ticket]!.id;
        // The value this edit replaces is the one RxDB applies it to (a pull may land between
        // reading and writing), so it is taken inside the modifier, whose last run is the write.
        let replaced: unknown;
        const doc = await replica.db.tickets.findOne(id).exec();
        if (!doc) continue;
        await doc.incrementalModify((data) => {
          replaced = data[step.field];
          return {
            ...data,
            [step.field]: step.value,
            updatedAt: Date.now(),
            updatedBy: replica.user.personId,
          };
        });
        seenBeforeOverwrite.add(`${id}|${step.field}|${String(replaced)}`);
        lastWrite.set(`${step.replica}|${id}|${step.field}`, step.value);
      }
    }
    for (const r of replicas) r.setOnline(true);
    const snapshot = async (r: Replica) =>
      JSON.stringify(await Promise.all(tickets.map((t) => fieldsOf(r, t.id))));
    await syncUntil(
      replicas,
      async () => {
        const [one, two] = await Promise.all(replicas.map(snapshot));
        const server1 = await serverDocs(server, db);
        const fromServer = JSON.stringify(
          tickets.map((t) => {
            const doc = server1.get(t.id);
            return doc ? FIELDS.map((f) => doc[f]) : null;
          }),
        );
        return one === two && one === fromServer;
      },
      80,
    );

    const notices = new Set<string>();
    for (const r of replicas) {
      for (const activity of await r.db.activities.find({ selector: { kind: 'merge' } }).exec()) {
        for (const change of activity.changes)
          notices.add(`${activity.parentId}|${change.field}|${String(change.from)}`);
      }
    }
    for (const [key, value] of lastWrite) {
      const [, id, field] = key.split('|') as [string, string, Field];
      const final = await valueOf(replicas[0]!, id, field);
      const kept = final === value;
      // A deleted ticket's values live on in its tombstone; the deleter saw them (see above).
      const setAside = notices.has(`${id}|${field}|${value}`);
      const overwrittenKnowingly = seenBeforeOverwrite.has(`${id}|${field}|${value}`);
      expect(
        kept || setAside || overwrittenKnowingly,
        `${key}=${value} vanished (final ${String(final)})`,
      ).toBe(true);
    }
  } finally {
    await Promise.all(replicas.map((r) => r.close()));
  }
}

describe('randomized offline schedules on the real engine', () => {
  it(
    'replicas converge with the server and keep or set aside every edit',
    async () => {
      await fc.assert(fc.asyncProperty(fc.array(stepArb, { minLength: 4, maxLength: 16 }), runSchedule), {
        numRuns: RUNS,
      });
    },
    RUNS * 30_000,
  );
});
