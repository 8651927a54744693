/**
 * Device identity and the ticket counter, kept in an RxDB local document: local documents are
 * never replicated, which is exactly right for "who am I" and "what number did I hand out last".
 *
 * Numbers are KIND-DEVICE-COUNTER (shared/domain/numbering.ts), unique without a server as long
 * as one device never issues a counter twice. Three guards keep that promise:
 * - calls within this window run one at a time (a promise queue per database instance);
 * - the counter is advanced with incrementalModify, which retries on a revision conflict, so
 *   two windows on the same database cannot both take the same value;
 * - on first use per database instance the stored counter is raised to the highest counter
 *   already present in ticket numbers of this device, so a lost or restored-from-backup local
 *   document never reuses a number.
 */
import { formatTicketNumber, nextCounter } from '../../shared/domain/numbering';
import { newDeviceId } from '../../shared/domain/ids';
import { TICKET_KINDS, type TicketKind } from '../../shared/domain/model';
import type { RxLocalDocument } from 'rxdb';
import type { OutpostDatabase } from './database';
import { cryptoRandom } from './random';
import { queryStorage } from './storageQuery';

export const DEVICE_DOC_ID = 'device';

/** `counter` is the last counter issued (0 before the first ticket). */
export interface DeviceState {
  deviceId: string;
  counter: number;
}

type DeviceDoc = RxLocalDocument<OutpostDatabase, DeviceState>;

const queues = new WeakMap<OutpostDatabase, Promise<unknown>>();
const reconciled = new WeakSet<OutpostDatabase>();

/** Runs tasks for one database strictly in order; a failed task does not block the next. */
function enqueue<T>(db: OutpostDatabase, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const run = previous.then(task, task);
  queues.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}

async function loadOrCreateDevice(db: OutpostDatabase): Promise<DeviceDoc> {
  const existing = await db.getLocal<DeviceState>(DEVICE_DOC_ID);
  if (existing) return existing as DeviceDoc;
  const fresh: DeviceState = { deviceId: newDeviceId(cryptoRandom), counter: 0 };
  try {
    return (await db.insertLocal<DeviceState>(DEVICE_DOC_ID, fresh)) as DeviceDoc;
  } catch (err) {
    // Another window created it between our read and write: use theirs.
    const theirs = await db.getLocal<DeviceState>(DEVICE_DOC_ID);
    if (theirs) return theirs as DeviceDoc;
    throw err;
  }
}

function stateOf(doc: DeviceDoc): DeviceState {
  const data = doc.toJSON().data as DeviceState;
  return { deviceId: data.deviceId, counter: data.counter };
}

/** This device's 4-character code (created on first call). */
export function getDeviceId(db: OutpostDatabase): Promise<string> {
  return enqueue(db, async () => stateOf(await loadOrCreateDevice(db)).deviceId);
}

/**
 * Highest counter this device already used in any ticket number, deleted tickets included
 * (a number is never reissued). Read through the `number` index one kind at a time (a range
 * on "KIND-DEVICE-"), straight from storage, so other devices' tickets are never read and no
 * RxDocument is built per ticket.
 */
export async function highestUsedCounter(db: OutpostDatabase, deviceId: string): Promise<number> {
  const numbers: string[] = [];
  for (const kind of TICKET_KINDS) {
    const sample = formatTicketNumber(kind, deviceId, 1);
    const prefix = sample.slice(0, sample.lastIndexOf('-') + 1);
    for (const deleted of [false, true]) {
      const docs = await queryStorage(db.tickets, {
        selector: { _deleted: { $eq: deleted }, number: { $gte: prefix, $lt: `${prefix}\uffff` } } as never,
        sort: [{ number: 'asc' }],
        index: ['_deleted', 'number'],
      });
      for (const doc of docs) numbers.push(doc.number);
    }
  }
  return nextCounter(numbers, deviceId) - 1;
}

/** Issues the next human number for a new ticket of `kind` on this device. */
export function nextTicketNumber(db: OutpostDatabase, kind: TicketKind): Promise<string> {
  return enqueue(db, async () => {
    const doc = await loadOrCreateDevice(db);
    const { deviceId } = stateOf(doc);
    let floor = 0;
    if (!reconciled.has(db)) {
      floor = await highestUsedCounter(db, deviceId);
      reconciled.add(db);
    }
    const updated = (await doc.incrementalModify((data) => ({
      deviceId: data.deviceId,
      counter: Math.max(data.counter, floor) + 1,
    }))) as DeviceDoc;
    return formatTicketNumber(kind, deviceId, stateOf(updated).counter);
  });
}
