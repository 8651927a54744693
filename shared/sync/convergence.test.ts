/**
 * Model test of replication with the three-way merge: two or three replicas and one server,
 * random schedules of creates, edits, deletions, offline periods, pushes and pulls.
 *
 * The server is a map id → {doc, deleted, rev}, with each document's history. A push sends a
 * replica's state with the revision it was based on; when the server moved on meanwhile, the
 * replica merges the server's state into its own (threeWayMerge) and pushes the result. A pull
 * adopts the server's state, or merges it when the replica has unpushed changes.
 *
 * Properties:
 * - once everyone is online and has synced until nothing moves, every replica holds exactly
 *   what the server holds;
 * - at every merge, each local change (what differs from the base) is in the result or set
 *   aside in a notice;
 * - no acknowledged change vanished silently: each change a push delivered is in the final
 *   state, was set aside in a notice, was superseded (see isSuperseded), or its document was
 *   deleted by its author in the same push or by someone who had seen it.
 *
 * OUTPOST_FC_RUNS sets the number of schedules (default 200), e.g. for a longer soak.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonEqual, threeWayMerge, type MergeOptions, type MergeSide } from './merge';

// eslint-disable-next-line no-restricted-globals -- the test runner's environment, not app code
const RUNS = Number(process.env.OUTPOST_FC_RUNS ?? '') || 200;

type Doc = Record<string, unknown>;
interface State {
  doc: Doc;
  deleted: boolean;
}
interface ServerEntry extends State {
  rev: number;
}
interface LocalEntry {
  state: State;
  /** The server entry this state descends from; null for a document created here. */
  base: ServerEntry | null;
  dirty: boolean;
}
interface Replica {
  name: string;
  online: boolean;
  /** Device clocks disagree; the merge must not care. */
  skew: number;
  docs: Map<string, LocalEntry>;
}
/** One field of one document as a replica changed it since its base (set fields: one item). */
interface Change {
  docId: string;
  field: string;
  kind: 'value' | 'add' | 'remove' | 'delete';
  value: unknown;
  /** The server revision the change was made on (0: a document created locally). */
  baseRev: number;
  /** Changes sent by one push share it. */
  push: number;
  /** The revision of the server state that took the change, if one did. */
  ackRev?: number;
}
interface World {
  server: Map<string, ServerEntry>;
  /** Every server state of each document; revision n is at index n - 1. */
  history: Map<string, ServerEntry[]>;
  replicas: Replica[];
  changes: Change[];
  setAside: { docId: string; field: string; value: unknown }[];
  step: number;
  pushes: number;
  merges: number;
}

const IDS = ['tkt_A', 'tkt_B', 'tkt_C'];
const TITLES = ['a', 'bb', 'ccc'];
const STATUSES = ['new', 'open', 'done'];
const TAGS = ['t1', 't2', 't3'];
const KEYS = ['k1', 'k2'];
const ATTRIBUTE_VALUES = [1, 2, 'x', null];

const OPTIONS: MergeOptions = {
  setFields: ['tags'],
  objectFields: ['attributes'],
  bookkeeping: ['updatedAt', 'updatedBy'],
  derived: ['size'],
  finalize: (doc) => ({ ...doc, size: String(doc.title).length }),
};

type Op =
  | { op: 'create'; r: number; d: number; title: string; status: string; tags: string[]; key: string }
  | { op: 'edit'; r: number; d: number; field: 'title' | 'status'; value: string }
  | { op: 'tag'; r: number; d: number; tag: string; add: boolean }
  | { op: 'attribute'; r: number; d: number; key: string; value: number | string | null }
  | { op: 'delete' | 'offline' | 'online' | 'push' | 'pull' | 'sync'; r: number; d: number };

const r = fc.nat(2);
const d = fc.nat(IDS.length - 1);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('create' as const),
    r,
    d,
    title: fc.constantFrom(...TITLES),
    status: fc.constantFrom(...STATUSES),
    tags: fc.subarray(TAGS),
    key: fc.constantFrom(...KEYS),
  }),
  fc.record({
    op: fc.constant('edit' as const),
    r,
    d,
    field: fc.constantFrom('title' as const, 'status' as const),
    value: fc.constantFrom(...TITLES, ...STATUSES),
  }),
  fc.record({ op: fc.constant('tag' as const), r, d, tag: fc.constantFrom(...TAGS), add: fc.boolean() }),
  fc.record({
    op: fc.constant('attribute' as const),
    r,
    d,
    key: fc.constantFrom(...KEYS),
    value: fc.constantFrom(...ATTRIBUTE_VALUES),
  }),
  fc.record({ op: fc.constantFrom('delete' as const, 'offline' as const, 'online' as const), r, d }),
  fc.record({ op: fc.constantFrom('push' as const, 'pull' as const, 'sync' as const), r, d }),
);

function sameState(a: State, b: State): boolean {
  return a.deleted === b.deleted && jsonEqual(a.doc, b.doc);
}

function valueAt(doc: Doc, field: string): unknown {
  if (!field.startsWith('attributes.')) return doc[field];
  return (doc.attributes as Doc | undefined)?.[field.slice('attributes.'.length)];
}

/** What this replica changed since its base, field by field. */
function changesOf(docId: string, entry: LocalEntry, push: number): Change[] {
  const doc = entry.state.doc;
  const before = entry.base?.doc ?? {};
  const baseRev = entry.base?.rev ?? 0;
  const out: Change[] = [];
  const add = (field: string, kind: Change['kind'], value: unknown) =>
    out.push({ docId, field, kind, value, baseRev, push });
  for (const field of ['title', 'status', ...KEYS.map((key) => `attributes.${key}`)]) {
    if (!jsonEqual(valueAt(doc, field), valueAt(before, field))) add(field, 'value', valueAt(doc, field));
  }
  const tags = new Set(doc.tags as string[]);
  const baseTags = new Set((before.tags as string[] | undefined) ?? []);
  for (const tag of tags) if (!baseTags.has(tag)) add('tags', 'add', tag);
  for (const tag of baseTags) if (!tags.has(tag)) add('tags', 'remove', tag);
  if (entry.state.deleted && !(entry.base?.deleted ?? false)) add('_deleted', 'delete', true);
  return out;
}

/** Whether a state still says what the change said. */
function holds(change: Change, state: State): boolean {
  switch (change.kind) {
    case 'value':
      return jsonEqual(valueAt(state.doc, change.field), change.value);
    case 'add':
      return (state.doc.tags as string[]).includes(change.value as string);
    case 'remove':
      return !(state.doc.tags as string[]).includes(change.value as string);
    default:
      return state.deleted;
  }
}

function noticed(world: World, change: Change): boolean {
  return world.setAside.some(
    (notice) =>
      notice.docId === change.docId && notice.field === change.field && jsonEqual(notice.value, change.value),
  );
}

function mergeInto(world: World, docId: string, entry: LocalEntry, remote: ServerEntry): State {
  const base: MergeSide | null = entry.base;
  const result = threeWayMerge({ base, local: entry.state, remote }, OPTIONS);
  world.merges++;
  for (const notice of result.notices) {
    world.setAside.push({ docId, field: notice.field, value: notice.setAside });
  }
  const merged = { doc: result.doc, deleted: result.deleted };
  // Edits of a document this replica deleted are moot once the result is deleted too.
  const moot = entry.state.deleted && merged.deleted;
  for (const change of changesOf(docId, entry, 0)) {
    const kept = moot || holds(change, merged) || noticed(world, change);
    expect(kept, `merge dropped ${JSON.stringify(change)}`).toBe(true);
  }
  return merged;
}

function write(world: World, docId: string, state: State, rev: number): ServerEntry {
  const entry = { ...state, rev };
  world.server.set(docId, entry);
  world.history.set(docId, [...(world.history.get(docId) ?? []), entry]);
  return entry;
}

/** Returns whether the server changed. */
function push(world: World, replica: Replica): boolean {
  let wrote = false;
  for (const [docId, entry] of [...replica.docs].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!entry.dirty) continue;
    const changes = changesOf(docId, entry, ++world.pushes);
    const remote = world.server.get(docId);
    const rev = remote?.rev ?? 0;
    const state =
      remote && rev !== (entry.base?.rev ?? 0) ? mergeInto(world, docId, entry, remote) : entry.state;
    let stored = remote;
    if (!stored || !sameState(state, stored)) {
      stored = write(world, docId, state, rev + 1);
      wrote = true;
    }
    for (const change of changes) if (holds(change, stored)) change.ackRev = stored.rev;
    world.changes.push(...changes);
    Object.assign(entry, { state: stored, base: stored, dirty: false });
  }
  return wrote;
}

function pull(world: World, replica: Replica): void {
  for (const [docId, remote] of world.server) {
    const entry = replica.docs.get(docId);
    if (!entry) replica.docs.set(docId, { state: remote, base: remote, dirty: false });
    else if (entry.base?.rev === remote.rev) continue;
    else if (!entry.dirty) Object.assign(entry, { state: remote, base: remote });
    else {
      const state = mergeInto(world, docId, entry, remote);
      Object.assign(entry, { state, base: remote, dirty: !sameState(state, remote) });
    }
  }
}

/** A local write: the document as the app would store it, stamped with this device's clock. */
function edit(
  world: World,
  replica: Replica,
  docId: string,
  change: (doc: Doc) => Doc,
  deleted = false,
): void {
  const entry = replica.docs.get(docId);
  if (!entry || entry.state.deleted) return;
  const doc = change({
    ...entry.state.doc,
    updatedAt: world.step * 10 + replica.skew,
    updatedBy: replica.name,
  });
  entry.state = { doc: { ...doc, size: String(doc.title).length }, deleted };
  entry.dirty = true;
}

function apply(world: World, op: Op): void {
  const replica = world.replicas[op.r % world.replicas.length] as Replica;
  const docId = IDS[op.d] as string;
  switch (op.op) {
    case 'create': {
      if (replica.docs.has(docId)) return;
      const { title, status, tags } = op;
      const doc = {
        id: docId,
        type: 'ticket',
        title,
        status,
        tags,
        attributes: { [op.key]: 1 },
        size: title.length,
      };
      const stamped = { ...doc, updatedAt: world.step * 10 + replica.skew, updatedBy: replica.name };
      replica.docs.set(docId, { state: { doc: stamped, deleted: false }, base: null, dirty: true });
      return;
    }
    case 'edit':
      return edit(world, replica, docId, (doc) => ({ ...doc, [op.field]: op.value }));
    case 'tag':
      return edit(world, replica, docId, (doc) => {
        const tags = (doc.tags as string[]).filter((tag) => tag !== op.tag);
        return { ...doc, tags: op.add ? [...tags, op.tag] : tags };
      });
    case 'attribute':
      return edit(world, replica, docId, (doc) => {
        const { [op.key]: _old, ...rest } = doc.attributes as Doc;
        return { ...doc, attributes: op.value === null ? rest : { ...rest, [op.key]: op.value } };
      });
    case 'delete':
      return edit(world, replica, docId, (doc) => doc, true);
    case 'offline':
    case 'online':
      replica.online = op.op === 'online';
      return;
    default:
      if (!replica.online) return;
      if (op.op !== 'pull') push(world, replica);
      if (op.op !== 'push') pull(world, replica);
  }
}

/** Everyone online, syncing in turn until a whole round changes nothing. */
function settle(world: World): number {
  for (const replica of world.replicas) replica.online = true;
  for (let round = 1; round <= 10; round++) {
    world.step++;
    let moved = false;
    for (const replica of world.replicas) {
      if (push(world, replica)) moved = true;
      pull(world, replica);
    }
    if (!moved) return round;
  }
  return Number.POSITIVE_INFINITY;
}

/** The first revision from which the server held the change without interruption. */
function heldSince(world: World, change: Change): number {
  const history = world.history.get(change.docId) ?? [];
  let rev = change.ackRev ?? Number.POSITIVE_INFINITY;
  while (rev > 1 && rev <= history.length && holds(change, history[rev - 2] as ServerEntry)) rev--;
  return rev;
}

/** The server state at this revision already said what the change says. */
function heldAt(world: World, change: Change, rev: number): boolean {
  const state = world.history.get(change.docId)?.[rev - 1];
  return state !== undefined && holds(change, state);
}

/**
 * Overridden by a later change of the same field (for a set item: the opposite decision on it)
 * that was either made on a base already holding this one, or made concurrently on a base
 * that said the same as this change: a field that went A → B → A on the server looks untouched
 * to a three-way merge, which then keeps the other side's edit. A removed set item also gives
 * way to any later addition of it: the merge keeps both sides' additions.
 */
function isSuperseded(world: World, change: Change): boolean {
  const since = heldSince(world, change);
  return world.changes.some((other) => {
    if (other.docId !== change.docId || other.field !== change.field || other.ackRev === undefined)
      return false;
    if (change.kind !== 'value' && (other.value !== change.value || other.kind === change.kind)) return false;
    if (other.baseRev >= since) return true;
    const later = other.ackRev > (change.ackRev ?? 0);
    return later && (heldAt(world, change, other.baseRev) || change.kind === 'remove');
  });
}

/**
 * The edit belongs to a document its author deleted in the same push (a deletion that does not
 * stand is reported as such), or the document ended deleted by someone who had seen the edit.
 */
function isMoot(world: World, change: Change, final: ServerEntry): boolean {
  const since = heldSince(world, change);
  return world.changes.some(
    (other) =>
      other !== change &&
      other.docId === change.docId &&
      other.kind === 'delete' &&
      (other.push === change.push || (final.deleted && other.ackRev !== undefined && other.baseRev >= since)),
  );
}

/** Across all schedules, how often the interesting paths ran: a model that never conflicts proves nothing. */
interface Coverage {
  merges: number;
  notices: number;
  deletionsOverridden: number;
  deletedDocs: number;
}

function runSchedule(count: number, ops: readonly Op[], seen: Coverage): void {
  const replicas = Array.from({ length: count }, (_, i) => ({
    name: `per_${i}`,
    online: true,
    skew: [0, 7, -4][i] as number,
    docs: new Map<string, LocalEntry>(),
  }));
  const world: World = {
    server: new Map(),
    history: new Map(),
    replicas,
    changes: [],
    setAside: [],
    step: 0,
    pushes: 0,
    merges: 0,
  };
  for (const op of ops) {
    world.step++;
    apply(world, op);
  }
  expect(settle(world)).toBeLessThanOrEqual(3);

  for (const replica of replicas) {
    expect([...replica.docs.keys()].sort()).toEqual([...world.server.keys()].sort());
    for (const [docId, entry] of replica.docs) {
      expect(entry.dirty).toBe(false);
      expect(sameState(entry.state, world.server.get(docId) as ServerEntry)).toBe(true);
    }
  }
  for (const final of world.server.values()) expect(final.doc.size).toBe(String(final.doc.title).length);
  for (const change of world.changes) {
    const final = world.server.get(change.docId) as ServerEntry;
    const accounted =
      holds(change, final) ||
      noticed(world, change) ||
      isSuperseded(world, change) ||
      isMoot(world, change, final);
    expect(accounted, `lost ${JSON.stringify({ change, final })}`).toBe(true);
  }
  seen.merges += world.merges;
  seen.notices += world.setAside.length;
  seen.deletionsOverridden += world.setAside.filter((notice) => notice.field === '_deleted').length;
  seen.deletedDocs += [...world.server.values()].filter((entry) => entry.deleted).length;
}

describe('replication with three-way merge (model)', () => {
  it('converges on the server state and never loses a local change silently', () => {
    const seen: Coverage = { merges: 0, notices: 0, deletionsOverridden: 0, deletedDocs: 0 };
    const schedule = fc.array(opArb, { minLength: 5, maxLength: 80, size: 'max' });
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 3 }), schedule, (count, ops) => runSchedule(count, ops, seen)),
      { numRuns: RUNS },
    );
    expect(seen.merges).toBeGreaterThan(RUNS);
    expect(seen.notices).toBeGreaterThan(RUNS / 10);
    expect(seen.deletionsOverridden).toBeGreaterThan(0);
    expect(seen.deletedDocs).toBeGreaterThan(0);
    console.info(`convergence model, ${RUNS} schedules:`, seen);
  });
});
