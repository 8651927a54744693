import { describe, expect, it } from 'vitest';
// The real collection schemas are what pulled documents must fit.
// eslint-disable-next-line no-restricted-imports
import { COLLECTION_DEFINITIONS } from '../../renderer/data/schemas';
import { generateTeam, generateTickets } from '../demo/generator';
import { compileSchemaCheck } from './docCheck';
import { fromWire, SYNC_TYPES, toWire, type SchemaChecks, type SyncCollection, type WireDoc } from './wire';

const NOW = Date.UTC(2025, 5, 2, 12, 0);
const team = generateTeam(3, { now: NOW });
const { tickets, activities } = generateTickets(3, team, {
  start: 0,
  count: 20,
  now: NOW,
  deviceId: 'K7Q2',
  withActivities: true,
});
const ticket = tickets[0]!;

const CHECKS = Object.fromEntries(
  Object.values(SYNC_TYPES).map(({ collection }) => [
    collection,
    compileSchemaCheck(COLLECTION_DEFINITIONS[collection].schema),
  ]),
) as SchemaChecks;

const file = {
  id: 'fil_01JFILE0000000000000000000',
  type: 'file',
  parentId: ticket.id,
  parentType: 'ticket',
  name: 'screenshot.png',
  contentType: 'image/png',
  size: 3,
  createdAt: NOW,
  createdBy: ticket.createdBy,
  updatedAt: NOW,
  updatedBy: ticket.createdBy,
};

function served(doc: { id: string }, extra: Record<string, unknown> = {}, deleted = false): WireDoc {
  return { ...toWire(doc, deleted), _rev: '3-9f2c', ...extra };
}

describe('toWire', () => {
  it('renames id to _id and sends every other field as it is', () => {
    const wire = toWire(ticket, false);
    const { id, ...fields } = ticket;
    expect(wire).toEqual({ _id: id, ...fields });
    expect(wire).not.toHaveProperty('id');
    expect(wire).not.toHaveProperty('_deleted');
  });

  it('never copies local bookkeeping', () => {
    const stored = { ...ticket, _meta: { lwt: 1 }, _rev: '2-a', _attachments: {}, _deleted: false };
    const wire = toWire(stored, false);
    for (const field of ['_meta', '_rev', '_attachments', '_deleted']) expect(wire).not.toHaveProperty(field);
    expect(stored._meta).toEqual({ lwt: 1 });
  });

  it('sends a deletion with its whole body', () => {
    const { id, ...fields } = ticket;
    expect(toWire({ ...ticket, _deleted: true }, true)).toEqual({ _id: id, ...fields, _deleted: true });
  });
});

describe('fromWire', () => {
  it('brings back the replica document of every collection, with its revision', () => {
    const docs: { id: string; type: string }[] = [
      ticket,
      activities[0]!,
      team.people[0]!,
      team.cis[0]!,
      team.articles[0]!,
      team.relations[0]!,
      team.settings[0]!,
      file,
    ];
    for (const doc of docs) {
      const result = fromWire(served(doc), CHECKS);
      const collection = SYNC_TYPES[doc.type as keyof typeof SYNC_TYPES].collection;
      expect(result).toEqual({ kind: 'doc', collection, doc, deleted: false, rev: '3-9f2c' });
    }
  });

  it('reads a deletion with its body as a deleted document', () => {
    const result = fromWire(served(ticket, {}, true), CHECKS);
    expect(result).toMatchObject({ kind: 'doc', collection: 'tickets', doc: ticket, deleted: true });
  });

  it('leaves every server field out of the document', () => {
    const result = fromWire(
      served(ticket, { _conflicts: ['3-aa'], _revisions: { start: 3, ids: [] } }),
      CHECKS,
    );
    if (result.kind !== 'doc') throw new Error(result.reason);
    expect(Object.keys(result.doc).filter((key) => key.startsWith('_'))).toEqual([]);
    expect(result.doc).toEqual(ticket);
  });

  it('takes the id from _id, whatever an id field claims', () => {
    const result = fromWire(served(ticket, { id: 'tkt_OTHER' }), CHECKS);
    expect(result).toMatchObject({ kind: 'doc', doc: { id: ticket.id } });
  });

  it('returns the attachment stubs of a file document beside it', () => {
    const stub = { content_type: 'image/png', length: 3, digest: 'md5-rL0Y20zC+Fzt72VPzMSk2A==' };
    const result = fromWire(
      served(file, { _attachments: { content: { ...stub, stub: true, revpos: 2 } } }),
      CHECKS,
    );
    expect(result).toEqual({
      kind: 'doc',
      collection: 'files',
      doc: file,
      deleted: false,
      rev: '3-9f2c',
      attachments: { content: stub },
    });
  });

  it('skips design documents without reporting them', () => {
    const design = { _id: '_design/outpost', _rev: '1-a', validate_doc_update: 'function () {}' };
    expect(fromWire(design, CHECKS)).toEqual({ kind: 'skip', reason: 'design document' });
  });

  it('quarantines what fails a safety check, naming the document and its collection', () => {
    expect(fromWire(served(ticket, { _meta: { lwt: 0 } }), CHECKS)).toEqual({
      kind: 'quarantine',
      docId: ticket.id,
      collection: 'tickets',
      reason: 'holds the reserved field "_meta"',
    });
    expect(fromWire(served(ticket, { type: 'widget' }), CHECKS)).toMatchObject({
      kind: 'quarantine',
      collection: '',
      reason: 'unknown type "widget"',
    });
    expect(fromWire({ _id: ticket.id, _rev: '4-a', _deleted: true }, CHECKS)).toMatchObject({
      kind: 'quarantine',
      docId: ticket.id,
      reason: 'deletion without the document body',
    });
    expect(fromWire('not json', CHECKS)).toEqual({
      kind: 'quarantine',
      docId: '',
      collection: '',
      reason: 'not a JSON object',
    });
  });

  it('cuts an absurd id short in the quarantine report', () => {
    const result = fromWire(served(ticket, { _id: `tkt_${'A'.repeat(5000)}` }), CHECKS);
    if (result.kind !== 'quarantine') throw new Error('expected a quarantine');
    expect(result.docId.length).toBeLessThanOrEqual(201);
  });

  it('quarantines what its collection schema refuses', () => {
    const result = fromWire(served(ticket, { impact: 7 }), CHECKS);
    expect(result).toEqual({
      kind: 'quarantine',
      docId: ticket.id,
      collection: 'tickets',
      reason: 'impact must be at most 3',
    });
    const extra = fromWire(served(team.cis[0]!, { owner: 'me' }), CHECKS);
    expect(extra).toMatchObject({
      kind: 'quarantine',
      collection: 'cis',
      reason: 'owner is not a known field',
    });
  });

  it('quarantines a document without a revision or without a check for its collection', () => {
    const { _rev: _omit, ...unrevised } = served(ticket);
    expect(fromWire(unrevised, CHECKS)).toMatchObject({ kind: 'quarantine', reason: 'missing _rev' });
    const partial = { ...CHECKS } as Partial<Record<SyncCollection, unknown>>;
    delete partial.tickets;
    expect(fromWire(served(ticket), partial as SchemaChecks)).toMatchObject({
      kind: 'quarantine',
      reason: 'no schema check for tickets',
    });
  });

  it('applies the limits it is given', () => {
    expect(fromWire(served(ticket), CHECKS, { maxBytes: 100 })).toMatchObject({
      kind: 'quarantine',
      reason: 'larger than 100 bytes',
    });
  });
});
