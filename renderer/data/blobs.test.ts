import { afterEach, describe, expect, it, vi } from 'vitest';
import { firstValueFrom, take, toArray } from 'rxjs';
import { IDBObjectStore, indexedDB } from 'fake-indexeddb';
import { createBlobStore, isQuotaError, type BlobStore } from './blobs';
import { uniqueDbName } from './testDb';

const stores: BlobStore[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const store of stores.splice(0)) store.close();
});

function openStore(name = uniqueDbName('blobs')): BlobStore {
  const store = createBlobStore({ name, indexedDB });
  stores.push(store);
  return store;
}

function quotaError(): DOMException {
  return new DOMException('The disk is full.', 'QuotaExceededError');
}

describe('blob store', () => {
  it('puts, reads, lists and deletes blobs by file id', async () => {
    const store = openStore();
    expect(await store.get('fil_a')).toBeNull();
    expect(await store.has('fil_a')).toBe(false);

    await store.put('fil_a', new Blob(['hello'], { type: 'text/plain' }));
    await store.put('fil_b', new Blob([new Uint8Array([0, 255, 7])], { type: 'image/png' }));

    const a = await store.get('fil_a');
    expect(a?.type).toBe('text/plain');
    expect(await a?.text()).toBe('hello');
    const b = await store.get('fil_b');
    expect([...new Uint8Array((await b?.arrayBuffer()) ?? new ArrayBuffer(0))]).toEqual([0, 255, 7]);
    expect(await store.has('fil_a')).toBe(true);
    expect(await store.ids()).toEqual(new Set(['fil_a', 'fil_b']));

    await store.delete('fil_a');
    expect(await store.has('fil_a')).toBe(false);
    expect(await store.ids()).toEqual(new Set(['fil_b']));
  });

  it('keeps blobs across a close and reopen', async () => {
    const name = uniqueDbName('blobs');
    const first = openStore(name);
    await first.put('fil_keep', new Blob(['kept']));
    first.close();
    const second = openStore(name);
    expect(await (await second.get('fil_keep'))?.text()).toBe('kept');
  });

  it('announces every stored or deleted id', async () => {
    const store = openStore();
    const seen = firstValueFrom(store.changes$.pipe(take(2), toArray()));
    await store.put('fil_x', new Blob(['x']));
    await store.delete('fil_x');
    expect(await seen).toEqual(['fil_x', 'fil_x']);
  });

  it('tells another store on the same database (another window) about writes', async () => {
    const name = uniqueDbName('blobs');
    const here = openStore(name);
    const otherWindow = openStore(name);
    const heard = firstValueFrom(otherWindow.changes$);
    await here.put('fil_shared', new Blob(['shared']));
    expect(await heard).toBe('fil_shared');
    expect(await otherWindow.has('fil_shared')).toBe(true);
  });

  it('reports a full disk and keeps nothing of the failed write', async () => {
    const store = openStore();
    await store.put('fil_before', new Blob(['before']));
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quotaError();
    });
    const failure = await store.put('fil_big', new Blob(['x'.repeat(1000)])).catch((e: unknown) => e);
    expect(isQuotaError(failure)).toBe(true);
    vi.restoreAllMocks();
    expect(await store.has('fil_big')).toBe(false);
    expect(await store.ids()).toEqual(new Set(['fil_before']));
  });

  it('rejects a write whose transaction aborts, and nothing is stored', async () => {
    const store = openStore();
    const original = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      const request = original.apply(this, args);
      // What the browser does when the quota is hit while committing.
      this.transaction.abort();
      return request;
    });
    await expect(store.put('fil_aborted', new Blob(['data']))).rejects.toBeDefined();
    vi.restoreAllMocks();
    expect(await store.has('fil_aborted')).toBe(false);
  });

  it('says clearly when there is no IndexedDB at all', async () => {
    const store = createBlobStore({ name: uniqueDbName('blobs'), indexedDB: undefined });
    stores.push(store);
    // Node has no global indexedDB, so the default factory is missing here.
    await expect(store.get('fil_a')).rejects.toThrow(/no IndexedDB/);
  });

  it('refuses use after close', async () => {
    const store = openStore();
    store.close();
    await expect(store.has('fil_a')).rejects.toThrow(/closed/);
  });
});

describe('isQuotaError', () => {
  it('recognises the quota error by name only', () => {
    expect(isQuotaError(quotaError())).toBe(true);
    expect(isQuotaError(new DOMException('x', 'AbortError'))).toBe(false);
    expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});
