import { beforeAll, describe, expect, it } from 'vitest';
import { generateTeam, generateTickets } from '../demo/generator';
import type { TicketDoc } from '../domain/model';
import { SegmentBuilder } from './builder';
import { SearchEngine } from './engine';
import { articleSource, ciSource, personSource, ticketSource } from './sources';
import type { SearchHit } from './types';

/**
 * A realistic desk: the demo team (people, CMDB, knowledge base) and 1,500 generated tickets,
 * plus a few hand-written tickets whose place in the ranking is known.
 */
const NOW = Date.UTC(2025, 0, 1);
const team = generateTeam(3, { now: NOW });
const generated = generateTickets(4, team, { start: 0, count: 1500, now: NOW, deviceId: 'TST1' }).tickets;
const base = generated[0]!;

function ticket(
  id: string,
  number: string,
  title: string,
  description: string,
  extra: Partial<TicketDoc> = {},
) {
  return { ...base, id, number, title, description, resolutionNotes: '', ...extra } satisfies TicketDoc;
}

const written = {
  display: ticket(
    'tkt_w1',
    'INC-HAND-0001',
    'Conference room display stays on standby',
    'Room 4.12, since Monday.',
  ),
  scannerTitle: ticket(
    'tkt_w2',
    'INC-HAND-0002',
    'Scanner jams with thick paper',
    'Happens on the second floor.',
  ),
  scannerBody: ticket(
    'tkt_w3',
    'INC-HAND-0003',
    'Paper handling on floor two',
    'The scanner jams every morning.',
  ),
  cafe: ticket('tkt_w4', 'REQ-HAND-0004', 'Coffee machine in the Café needs descaling', ''),
  mentionsTag: ticket('tkt_w5', 'INC-HAND-0005', 'Server fan noise', ''),
};

let engine: SearchEngine;
const serverCi = team.cis.find((c) => c.ciClass === 'server' && c.serial && c.assetTag)!;

beforeAll(() => {
  written.mentionsTag.description = `Loud fan on ${serverCi.assetTag} since the patch.`;
  engine = new SearchEngine();
  // Most documents through the bulk builder (as a first build does), the rest one by one.
  const builder = new SegmentBuilder();
  let lwt = 1;
  for (const t of generated.slice(0, 1000)) builder.add(ticketSource(t, lwt++));
  for (const ci of team.cis) builder.add(ciSource(ci, lwt++));
  engine.appendSegment(builder.build(engine.allocateSegmentId()));
  for (const t of generated.slice(1000)) engine.upsert(ticketSource(t, lwt++));
  for (const a of team.articles) engine.upsert(articleSource(a, lwt++));
  for (const p of team.people) engine.upsert(personSource(p, lwt++));
  for (const t of Object.values(written)) engine.upsert(ticketSource(t, lwt++));
});

const first = (text: string, extra = {}): SearchHit | undefined => engine.search({ text, ...extra })[0];
const titleRanges = (hit: SearchHit | undefined) =>
  hit?.highlights.find((h) => h.field === 'title')?.ranges ?? [];
const marked = (hit: SearchHit | undefined) => {
  const title = hit?.highlights.find((h) => h.field === 'title');
  return (title?.ranges ?? []).map(([a, b]) => title!.text.slice(a, b).toLowerCase());
};

describe('relevance', () => {
  it('puts a document whose title is the query first', () => {
    expect(first('Conference room display stays on standby')?.id).toBe(written.display.id);
    expect(first('conference room display')?.id).toBe(written.display.id);
  });

  it('forgives a typo: "pritner" finds printers, with the real word highlighted', () => {
    const hits = engine.search({ text: 'pritner', limit: 10 });
    expect(hits.length).toBe(10);
    for (const hit of hits) expect(marked(hit)).toContain('printer');
    expect(first('pritner jam')?.title.toLowerCase()).toMatch(/printer.*jam/);
    // Two edits are allowed from eight letters on, never on short words.
    expect(marked(first('authentcaton'))).toContain('authentication');
    expect(engine.search({ text: 'vnp' })).toEqual([]);
  });

  it('completes the word being typed, and forgives a typo in it', () => {
    for (const text of ['lapt', 'laptp', 'lapto']) {
      const hit = first(text);
      expect(hit && marked(hit).some((w) => w.startsWith('laptop'))).toBe(true);
    }
    // A finished word (followed by a space) is not completed.
    const finished = engine.search({ text: 'lapt ' });
    expect(finished.some((h) => marked(h).some((w) => w.startsWith('laptop')))).toBe(false);
  });

  it('finds a CI by its serial number or asset tag first', () => {
    expect(first(serverCi.serial)).toMatchObject({ type: 'ci', id: serverCi.id });
    expect(first(serverCi.serial.toLowerCase())).toMatchObject({ type: 'ci', id: serverCi.id });
    const byTag = engine.search({ text: serverCi.assetTag });
    expect(byTag[0]).toMatchObject({ type: 'ci', id: serverCi.id });
    expect(byTag[0]?.highlights).toContainEqual({
      field: 'ident',
      text: serverCi.assetTag,
      ranges: [[0, serverCi.assetTag.length]],
    });
    // The ticket that mentions the tag in its text comes right after.
    expect(byTag[1]?.id).toBe(written.mentionsTag.id);
  });

  it('finds a ticket by its number, whole or as it is typed', () => {
    const target = generated[41]!;
    expect(first(target.number)?.id).toBe(target.id);
    expect(first(target.number.toLowerCase())?.id).toBe(target.id);
    const partial = engine.search({ text: target.number.slice(0, -1), limit: 100 }).map((h) => h.id);
    expect(partial).toContain(target.id);
  });

  it('ranks a title match above the same words in a body', () => {
    const ids = engine.search({ text: 'scanner jams', types: ['ticket'] }).map((h) => h.id);
    expect(ids.indexOf(written.scannerTitle.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(written.scannerTitle.id)).toBeLessThan(ids.indexOf(written.scannerBody.id));
  });

  it('ignores case and diacritics, and meets plurals and -ing forms', () => {
    expect(first('cafe')?.id).toBe(written.cafe.id);
    expect(first('CAFÉ descaling')?.id).toBe(written.cafe.id);
    expect(marked(first('printers'))).toContain('printer');
    expect(titleRanges(first('descale')).length).toBe(1);
  });

  it('filters by type, status and date', () => {
    const cis = engine.search({ text: 'server', types: ['ci'], limit: 500 });
    expect(cis.length).toBeGreaterThan(0);
    expect(cis.every((h) => h.type === 'ci')).toBe(true);
    const closed = engine.search({ text: 'vpn', statuses: ['closed'], limit: 500 });
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((h) => h.status === 'closed')).toBe(true);
    const all = engine.search({ text: 'vpn', types: ['ticket'], limit: 1000 });
    const from = NOW - 30 * 86_400_000;
    const recent = engine.search({ text: 'vpn', types: ['ticket'], from, to: NOW, limit: 1000 });
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(all.length);
    expect(recent.every((h) => h.updatedAt! >= from && h.updatedAt! <= NOW)).toBe(true);
    const people = engine.search({ text: team.people[0]!.name, types: ['person'] });
    expect(people[0]?.id).toBe(team.people[0]!.id);
  });

  it('falls back to the best partial matches when no document holds every word', () => {
    const hits = engine.search({ text: 'printer zyzzyva' });
    expect(hits.length).toBeGreaterThan(0);
    expect(marked(hits[0])).toContain('printer');
  });

  it('lists documents similar to a text being typed', () => {
    const hits = engine.search({
      text: 'The pritner on the second floor keeps jamming on tray 2 every morning',
      match: 'any',
      limit: 5,
    });
    expect(hits.length).toBe(5);
    expect(hits.some((h) => /printer/i.test(h.title))).toBe(true);
    const excluded = engine.search({
      text: 'scanner jams',
      match: 'any',
      excludeIds: [written.scannerTitle.id],
    });
    expect(excluded.map((h) => h.id)).not.toContain(written.scannerTitle.id);
  });

  it('returns a snippet of the body around the match', () => {
    const hit = engine
      .search({ text: 'morning', types: ['ticket'] })
      .find((h) => h.id === written.scannerBody.id);
    const body = hit?.highlights.find((h) => h.field === 'body');
    expect(body?.ranges).toHaveLength(1);
    const [a, b] = body!.ranges[0]!;
    expect(body!.text.slice(a, b)).toBe('morning');
  });
});
