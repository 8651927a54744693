import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// The real collection schemas are what the checks must hold documents against.
// eslint-disable-next-line no-restricted-imports
import { COLLECTION_DEFINITIONS } from '../../renderer/data/schemas';
import { generateTeam, generateTickets } from '../demo/generator';
import { ID_PREFIX } from '../domain/ids';
import {
  compileSchemaCheck,
  inspectHostile,
  isWellFormedText,
  scanWellFormed,
  SYNC_TYPES,
  type DocCheck,
} from './docCheck';
import { toWire, type WireDoc } from './wire';

const NOW = Date.UTC(2025, 5, 2, 12, 0);
const team = generateTeam(7, { now: NOW });
const { tickets, activities } = generateTickets(7, team, {
  start: 0,
  count: 200,
  now: NOW,
  deviceId: 'K7Q2',
  withActivities: true,
});
const ticket = tickets[0]!;
const checkTicket = compileSchemaCheck(COLLECTION_DEFINITIONS.tickets.schema);
const checkCi = compileSchemaCheck(COLLECTION_DEFINITIONS.cis.schema);

function wire(doc: { id: string }, extra: Record<string, unknown> = {}): WireDoc {
  return { ...toWire(doc, false), _rev: '1-abc', ...extra };
}

function fileWire(extra: Record<string, unknown> = {}): WireDoc {
  return {
    _id: `${ID_PREFIX.file}_01JFILE`,
    _rev: '2-def',
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
    ...extra,
  };
}

/** `levels` objects inside one another, the outermost being the document (level 1). */
function nestedDoc(levels: number): WireDoc {
  let inner: Record<string, unknown> = { leaf: true };
  for (let i = 2; i < levels; i++) inner = { down: inner };
  return wire(ticket, { extra: inner });
}

describe('compileSchemaCheck', () => {
  it('accepts every demo document of every collection', () => {
    const byCollection: [keyof typeof COLLECTION_DEFINITIONS, readonly object[]][] = [
      ['tickets', tickets],
      ['activities', activities],
      ['people', team.people],
      ['cis', team.cis],
      ['articles', team.articles],
      ['relations', team.relations],
      ['settings', team.settings],
    ];
    for (const [collection, docs] of byCollection) {
      expect(docs.length).toBeGreaterThan(0);
      const check = compileSchemaCheck(COLLECTION_DEFINITIONS[collection].schema);
      for (const doc of docs) expect(check(doc), `${collection} ${JSON.stringify(doc)}`).toBeNull();
    }
  });

  it('names the field and what is wrong with it', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ title: 42 }, 'title must be a string'],
      [{ impact: 4 }, 'impact must be at most 3'],
      [{ impact: 0 }, 'impact must be at least 1'],
      [{ impact: 1.5 }, 'impact must be an integer'],
      [{ createdAt: 1.5 }, 'createdAt must be a multiple of 1'],
      [{ createdAt: Number.NaN }, 'createdAt must be a number'],
      [{ status: 'lost' }, 'status is not one of the allowed values'],
      [{ number: 'X'.repeat(41) }, 'number is longer than 40 characters'],
      [{ tags: ['vip', 7] }, 'tags[1] must be a string'],
      [{ ciIds: 'ci_1' }, 'ciIds must be an array'],
      [{ colour: 'red' }, 'colour is not a known field'],
    ];
    for (const [patch, reason] of cases) expect(checkTicket({ ...ticket, ...patch })).toBe(reason);
    const { title: _title, ...untitled } = ticket;
    expect(checkTicket(untitled)).toBe('title is missing');
    expect(checkTicket([ticket])).toBe('document must be an object');
    expect(checkTicket(null)).toBe('document must be an object');
  });

  it('counts maxLength in code points, as JSON schema does', () => {
    // 40 emoji are 80 UTF-16 units but 40 characters.
    expect(checkTicket({ ...ticket, number: '😀'.repeat(40) })).toBeNull();
    expect(checkTicket({ ...ticket, number: '😀'.repeat(41) })).toBe('number is longer than 40 characters');
  });

  it('checks nested objects, additional property schemas and array items', () => {
    const ci = team.cis[0]!;
    expect(checkCi({ ...ci, attributes: { ram: 16, ssd: true, os: 'Linux' } })).toBeNull();
    expect(checkCi({ ...ci, attributes: { os: { name: 'Linux' } } })).toBe(
      'attributes.os must be a string, a number or a boolean',
    );
    const checkActivity = compileSchemaCheck(COLLECTION_DEFINITIONS.activities.schema);
    const activity = activities[0]!;
    // `from` and `to` are untyped: anything goes; change items are open objects.
    const open = [{ field: 'tags', from: [], to: { any: ['thing'] }, note: 'extra' }];
    expect(checkActivity({ ...activity, changes: open })).toBeNull();
    expect(checkActivity({ ...activity, changes: [{ from: 1 }] })).toBe('changes[0].field is missing');
    expect(checkActivity({ ...activity, changes: [{ field: 3 }] })).toBe('changes[0].field must be a string');
    const checkSetting = compileSchemaCheck(COLLECTION_DEFINITIONS.settings.schema);
    expect(checkSetting({ ...team.settings[0], value: [] })).toBe('value must be an object');
  });

  it('supports type lists with null and decimal steps', () => {
    const check = compileSchemaCheck({
      type: 'object',
      properties: { note: { type: ['string', 'null'] }, price: { type: 'number', multipleOf: 0.01 } },
    });
    expect(check({ note: null, price: 0.3 })).toBeNull();
    expect(check({ note: 'ok', price: 19.99 })).toBeNull();
    expect(check({ note: 1 })).toBe('note must be a string or null');
    expect(check({ price: 0.305 })).toBe('price must be a multiple of 0.01');
  });

  it('refuses a schema keyword it would not enforce', () => {
    expect(() => compileSchemaCheck({ type: 'string', pattern: '^a' })).toThrow(
      /unsupported schema keyword "pattern"/,
    );
    expect(() => compileSchemaCheck({ type: 'text' })).toThrow(/unknown type text/);
    expect(() => compileSchemaCheck({ type: 'array', items: [{ type: 'string' }] })).toThrow(/tuple/);
    expect(() => compileSchemaCheck({ enum: [{ a: 1 }] })).toThrow(/scalar/);
  });

  it('compiles every collection schema of the replica', () => {
    for (const { schema } of Object.values(COLLECTION_DEFINITIONS)) {
      expect(() => compileSchemaCheck(schema)).not.toThrow();
    }
  });
});

describe('inspectHostile', () => {
  it('lets sound documents of every type through', () => {
    const docs = [ticket, activities[0]!, team.people[0]!, team.cis[0]!, team.articles[0]!];
    for (const doc of [...docs, team.relations[0]!, team.settings[0]!])
      expect(inspectHostile(wire(doc))).toBeNull();
    const stub = { content_type: 'image/png', length: 3, digest: 'md5-abc', stub: true, revpos: 2 };
    expect(inspectHostile(fileWire({ _attachments: { content: stub } }))).toBeNull();
    expect(inspectHostile(wire(ticket, { _deleted: true, _conflicts: ['2-x'] }))).toBeNull();
  });

  it('refuses what is not a JSON object with a string _id', () => {
    for (const raw of [null, 'tkt_1', 42, [wire(ticket)], new Map(), new Date()]) {
      expect(inspectHostile(raw)).toBe('not a JSON object');
    }
    const { _id: _omit, ...anonymous } = wire(ticket);
    expect(inspectHostile(anonymous)).toBe('missing or non-string _id');
    expect(inspectHostile({ ...anonymous, _id: 7 })).toBe('missing or non-string _id');
    expect(inspectHostile({ ...anonymous, _id: '' })).toBe('missing or non-string _id');
    expect(inspectHostile(wire(ticket, { _id: `tkt_${'A'.repeat(197)}` }))).toBe(
      '_id longer than 200 characters',
    );
  });

  it('refuses a 10 MB body without reading it through', () => {
    const huge = wire(ticket, { description: 'x'.repeat(10 * 1024 * 1024) });
    expect(inspectHostile(huge)).toBe('larger than 1048576 bytes');
    // The size is known before the text is scanned: the broken end is never reached.
    const brokenHuge = wire(ticket, { description: `${'é'.repeat(10 * 1024 * 1024)}\uD800` });
    expect(inspectHostile(brokenHuge)).toBe('larger than 1048576 bytes');
    // Many small values add up as well.
    const tags = Array.from({ length: 120_000 }, (_, i) => `tag-${i}`);
    expect(inspectHostile(wire(ticket, { tags }))).toBe('larger than 1048576 bytes');
    expect(inspectHostile(wire(ticket), { maxBytes: 200 })).toBe('larger than 200 bytes');
  });

  it('refuses prototype keys wherever JSON.parse put them', () => {
    const body = JSON.stringify(wire(ticket)).slice(1, -1);
    const samples = [
      `{"__proto__":{"admin":true},${body}}`,
      `{${body},"attributes":{"constructor":{"prototype":{}}}}`,
      `{${body},"changes":[{"field":"x","prototype":1}]}`,
    ];
    const reasons = samples.map((text) => inspectHostile(JSON.parse(text)));
    expect(reasons).toEqual([
      'holds the forbidden key "__proto__"',
      'holds the forbidden key "constructor"',
      'holds the forbidden key "prototype"',
    ]);
  });

  it('refuses lone surrogates in values and keys', () => {
    expect(inspectHostile(wire(ticket, { title: 'broken \uD800 text' }))).toBe(
      'a text value holds a lone UTF-16 surrogate',
    );
    expect(inspectHostile(wire(ticket, { tags: ['ok', 'end\uD83D'] }))).toMatch(/lone UTF-16 surrogate/);
    expect(inspectHostile(wire(ticket, { attributes: { '\uDC00key': 1 } }))).toBe(
      'a key holds a lone UTF-16 surrogate',
    );
    expect(inspectHostile(wire(ticket, { title: 'smile 😀' }))).toBeNull();
  });

  it('refuses nesting deeper than 32 levels, however deep', () => {
    expect(inspectHostile(nestedDoc(32))).toBeNull();
    expect(inspectHostile(nestedDoc(33))).toBe('nested deeper than 32 levels');
    const abyss = JSON.parse(`{"_id":"${ticket.id}","x":${'['.repeat(50_000)}${']'.repeat(50_000)}}`);
    expect(inspectHostile(abyss)).toBe('nested deeper than 32 levels');
  });

  it('refuses values JSON cannot carry', () => {
    expect(inspectHostile(wire(ticket, { impact: Number.POSITIVE_INFINITY }))).toMatch(/number JSON cannot/);
    for (const value of [undefined, () => 1, new Date(), 10n]) {
      expect(inspectHostile(wire(ticket, { extra: [value] }))).toBe('holds a value that is not JSON');
    }
  });

  it('refuses deletion stubs, unknown types and reserved fields', () => {
    expect(inspectHostile({ _id: ticket.id, _rev: '3-a', _deleted: true })).toBe(
      'deletion without the document body',
    );
    expect(inspectHostile(wire(ticket, { _deleted: 'yes' }))).toBe('_deleted is not a boolean');
    expect(inspectHostile(wire(ticket, { _rev: 3 }))).toBe('_rev is not a string');
    const { type: _type, ...untyped } = wire(ticket);
    expect(inspectHostile(untyped)).toBe('missing type');
    expect(inspectHostile(wire(ticket, { type: 'widget' }))).toBe('unknown type "widget"');
    expect(inspectHostile(wire(ticket, { type: 'toString' }))).toBe('unknown type "toString"');
    expect(inspectHostile(wire(ticket, { type: 'syncissue' }))).toBe('unknown type "syncissue"');
    expect(inspectHostile(wire(ticket, { _meta: { lwt: 1 } }))).toBe('holds the reserved field "_meta"');
  });

  it('refuses an id whose prefix does not match the type', () => {
    const activity = activities[0]!;
    expect(inspectHostile(wire(ticket, { _id: activity.id }))).toBe(
      'id does not start with "tkt_" as a ticket id must',
    );
    expect(inspectHostile(wire(ticket, { _id: 'tkt_' }))).toMatch(/does not start with "tkt_"/);
    const ci = team.cis[0]!;
    expect(inspectHostile(wire(ci, { _id: `cix_${ci.id.slice(3)}` }))).toMatch(/"ci_" as a ci id/);
    expect(inspectHostile(wire(team.settings[0]!))).toBeNull();
  });

  it('allows attachment stubs on file documents only, and never their content', () => {
    const stub = { content_type: 'image/png', length: 3, digest: 'md5-abc', stub: true };
    expect(inspectHostile(wire(ticket, { _attachments: { a: stub } }))).toBe(
      '_attachments on a ticket document',
    );
    expect(inspectHostile(fileWire({ _attachments: { a: { ...stub, data: 'iVBO' } } }))).toBe(
      'attachment "a" carries inline content',
    );
    expect(inspectHostile(fileWire({ _attachments: { a: { ...stub, follows: true } } }))).toMatch(
      /inline content/,
    );
    expect(inspectHostile(fileWire({ _attachments: { a: { ...stub, digest: 5 } } }))).toMatch(/lacks/);
    expect(inspectHostile(fileWire({ _attachments: { a: { ...stub, length: -1 } } }))).toMatch(/lacks/);
    expect(inspectHostile(fileWire({ _attachments: { a: 'x' } }))).toBe('attachment "a" is not an object');
    expect(inspectHostile(fileWire({ _attachments: [] }))).toBe('_attachments is not an object');
  });
});

describe('isWellFormedText', () => {
  it('agrees with the unit-by-unit scan on any UTF-16 text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), (raw, text) => {
        expect(scanWellFormed(raw)).toBe(isWellFormedText(raw));
        expect(scanWellFormed(text)).toBe(true);
      }),
    );
    for (const text of ['\uD800', '\uDC00', 'a\uD83D', '\uDE00b', '\uD83D\uD83D\uDE00']) {
      expect(scanWellFormed(text)).toBe(false);
    }
    expect(scanWellFormed('😀 ok')).toBe(true);
  });
});

describe('routing table', () => {
  it('routes every replicated collection, with the id prefixes the app mints', () => {
    const collections = Object.values(SYNC_TYPES).map((route) => route.collection);
    const replicated = Object.keys(COLLECTION_DEFINITIONS).filter((name) => name !== 'syncissues');
    expect([...collections].sort()).toEqual(replicated.sort());
    for (const [type, route] of Object.entries(SYNC_TYPES)) {
      expect(route.prefix).toBe(ID_PREFIX[type as keyof typeof ID_PREFIX]);
      const schema = COLLECTION_DEFINITIONS[route.collection].schema;
      expect(schema.properties.type).toMatchObject({ enum: [type] });
    }
  });
});

describe('speed on 100,000 tickets', () => {
  it('passes every sound ticket through both checks in one pass each', () => {
    const base = generateTickets(11, team, { start: 0, count: 10_000, now: NOW, deviceId: 'K7Q2' }).tickets;
    const docs: WireDoc[] = [];
    for (let copy = 0; copy < 10; copy++) {
      for (const doc of base)
        docs.push({ ...toWire(doc, false), _id: `${doc.id.slice(0, -1)}${copy}`, _rev: '1-a' });
    }
    const check: DocCheck = compileSchemaCheck(COLLECTION_DEFINITIONS.tickets.schema);
    const replica = docs.map(({ _id, _rev, ...fields }) => ({ id: _id, ...fields }));
    let failures = 0;
    const started = performance.now();
    for (let i = 0; i < docs.length; i++) {
      if (inspectHostile(docs[i]) !== null || check(replica[i]) !== null) failures++;
    }
    const elapsed = performance.now() - started;
    expect(docs).toHaveLength(100_000);
    expect(failures).toBe(0);
    console.info(`inspectHostile + schema check: 100,000 tickets in ${elapsed.toFixed(0)} ms`);
  });
});
