import { describe, expect, it } from 'vitest';
import { CouchClient, CouchError, OfflineError } from './couch';
import { ChangesFeed, type ChangeRow } from './feed';

interface Call {
  url: string;
  release: (body: unknown, status?: number) => void;
}

/** A fetch whose answers the test releases one by one, recording what was asked and when. */
function manualFetch() {
  const calls: Call[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetch = (url: string) =>
    new Promise<Response>((resolve) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      calls.push({
        url,
        release: (body, status = 200) => {
          inFlight--;
          resolve(new Response(JSON.stringify(body), { status }));
        },
      });
    });
  return { fetch, calls, maxInFlight: () => maxInFlight };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await Promise.resolve();
  if (!check()) throw new Error('condition never became true');
}

describe('CouchClient', () => {
  it('runs work-lane requests one at a time, and the live lane beside them', async () => {
    const fake = manualFetch();
    const client = new CouchClient({ serverUrl: 'http://couch.test/', database: 'team', fetch: fake.fetch });
    const a = client.json('a');
    const b = client.json('b');
    const live = client.json('_changes?feed=longpoll', { lane: 'live' });
    await until(() => fake.calls.length === 2);
    const byUrl = (suffix: string) => fake.calls.find((c) => c.url === `http://couch.test/team/${suffix}`);
    expect(fake.calls.map((c) => c.url).sort()).toEqual([
      'http://couch.test/team/_changes?feed=longpoll',
      'http://couch.test/team/a',
    ]);
    byUrl('a')?.release({ a: 1 });
    expect(await a).toEqual({ a: 1 });
    await until(() => fake.calls.length === 3);
    byUrl('b')?.release({ b: 2 });
    byUrl('_changes?feed=longpoll')?.release({ live: true });
    expect(await b).toEqual({ b: 2 });
    expect(await live).toEqual({ live: true });
    expect(fake.maxInFlight()).toBe(2);
  });

  it('turns error answers into CouchError and unreachable servers into OfflineError', async () => {
    const reach: boolean[] = [];
    const client = new CouchClient({
      serverUrl: 'http://couch.test',
      database: 'team',
      fetch: async (url) => {
        if (url.endsWith('/down')) throw new TypeError('fetch failed');
        return new Response(JSON.stringify({ error: 'forbidden', reason: 'Agents only' }), { status: 403 });
      },
      onReachability: (ok) => reach.push(ok),
    });
    await expect(client.json('doc')).rejects.toEqual(new CouchError(403, 'forbidden', 'Agents only'));
    await expect(client.json('down')).rejects.toBeInstanceOf(OfflineError);
    expect(reach).toEqual([true, false]);
    // A failed request does not block the lane for the next one.
    await expect(client.json('doc')).rejects.toBeInstanceOf(CouchError);
  });
});

describe('ChangesFeed', () => {
  function routeByType(r: ChangeRow) {
    return { collection: String(r.doc?.type), doc: { id: r.id, _deleted: false }, rev: '1-a' };
  }

  it('reads each page once for every collection, and only the bodies it does not hold', async () => {
    const fake = manualFetch();
    const client = new CouchClient({ serverUrl: 'http://couch.test', database: 'team', fetch: fake.fetch });
    let routed = 0;
    const pages: number[] = [];
    const feed = new ChangesFeed(client, {
      route: (r) => {
        routed++;
        return routeByType(r);
      },
      sentBody: (id, rev) =>
        id === 'tkt_mine' && rev === '2-b' ? { _id: id, _rev: rev, type: 'ticket' } : null,
      onPage: (page) => pages.push(page.rows.length),
    });
    const first = feed.page(0);
    const second = feed.page(0);
    await until(() => fake.calls.length === 1);
    expect(fake.calls[0]?.url).toContain('since=0');
    fake.calls[0]?.release({
      results: [
        { id: 'tkt_1', seq: 1, changes: [{ rev: '1-a' }] },
        { id: 'tkt_mine', seq: 2, changes: [{ rev: '2-b' }] },
        { id: '_design/outpost', seq: 3, changes: [{ rev: '1-c' }] },
        { id: 'act_1', seq: 4, changes: [{ rev: '1-d' }] },
      ],
      last_seq: 4,
      pending: 3,
    });
    await until(() => fake.calls.length === 2);
    expect(fake.calls[1]?.url).toBe('http://couch.test/team/_bulk_get');
    fake.calls[1]?.release({
      results: [
        { id: 'tkt_1', docs: [{ ok: { _id: 'tkt_1', _rev: '1-a', type: 'ticket' } }] },
        { id: 'act_1', docs: [{ ok: { _id: 'act_1', _rev: '1-d', type: 'activity' } }] },
      ],
    });
    const [p1, p2] = await Promise.all([first, second]);
    expect(p1).toBe(p2);
    expect(p1.routed.map((c) => c.collection)).toEqual(['ticket', 'ticket', 'activity']);
    expect(routed).toBe(3);
    expect(pages).toEqual([4]);
    expect(p1.pending).toBe(3);
  });

  it('shares a "nothing new" answer until told that something changed', async () => {
    const fake = manualFetch();
    const client = new CouchClient({ serverUrl: 'http://couch.test', database: 'team', fetch: fake.fetch });
    const feed = new ChangesFeed(client, { route: routeByType });
    const empty = feed.page(5);
    await until(() => fake.calls.length === 1);
    fake.calls[0]?.release({ results: [], last_seq: 5, pending: 0 });
    expect((await empty).rows).toEqual([]);
    expect(await feed.page(5)).toBe(await empty);
    feed.invalidateTail();
    await Promise.resolve();
    const later = feed.page(5);
    await until(() => fake.calls.length === 2);
    fake.calls[1]?.release({ results: [{ id: 'tkt_2', seq: 6, changes: [{ rev: '1-x' }] }], last_seq: 6 });
    await until(() => fake.calls.length === 3);
    fake.calls[2]?.release({ results: [{ id: 'tkt_2', docs: [{ ok: { _id: 'tkt_2', type: 'ticket' } }] }] });
    expect((await later).routed).toHaveLength(1);
  });

  it('refuses a malformed answer and forgets it so the next read retries', async () => {
    const fake = manualFetch();
    const client = new CouchClient({ serverUrl: 'http://couch.test', database: 'team', fetch: fake.fetch });
    const feed = new ChangesFeed(client, { route: () => null });
    const broken = feed.page(0);
    await until(() => fake.calls.length === 1);
    fake.calls[0]?.release({ nonsense: true });
    await expect(broken).rejects.toThrow('malformed');
    const retry = feed.page(0);
    await until(() => fake.calls.length === 2);
    fake.calls[1]?.release({ results: [], last_seq: 0 });
    await expect(retry).resolves.toMatchObject({ rows: [] });
  });
});
