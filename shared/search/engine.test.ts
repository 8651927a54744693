import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SearchEngine, type EngineChanges } from './engine';
import type { SegmentData } from './segment';
import type { SearchSource } from './types';

function source(id: string, title: string, lwt: number, extra: Partial<SearchSource> = {}): SearchSource {
  return {
    type: 'ticket',
    id,
    lwt,
    title,
    subtitle: '',
    idents: [],
    keywords: '',
    body: '',
    status: 'new',
    updatedAt: lwt,
    ...extra,
  };
}

/** What a persisted copy holds: the parts each save wrote. */
class MemoryStore {
  segments = new Map<number, SegmentData>();
  tombstones = new Map<number, Uint8Array>();
  delta: SearchSource[] = [];
  segmentIds: number[] = [];
  nextId = 1;

  save(engine: SearchEngine): EngineChanges {
    const changes = engine.changes();
    for (const data of changes.added) this.segments.set(data.id, data);
    for (const id of changes.dropped) {
      this.segments.delete(id);
      this.tombstones.delete(id);
    }
    for (const t of changes.tombstones) this.tombstones.set(t.id, t.dead);
    if (changes.delta) this.delta = changes.delta;
    this.segmentIds = changes.segmentIds;
    this.nextId = changes.nextId;
    engine.markSaved(changes);
    return changes;
  }

  restore(): SearchEngine | null {
    return SearchEngine.restore({
      nextId: this.nextId,
      segments: this.segmentIds.map((id) => this.segments.get(id)!),
      tombstones: this.tombstones,
      delta: this.delta,
    });
  }
}

const ids = (engine: SearchEngine, text: string) =>
  engine
    .search({ text, limit: 10_000 })
    .map((h) => h.id)
    .sort();

describe('SearchEngine changes', () => {
  it('an edit replaces the old words; a deletion removes the document', () => {
    const engine = new SearchEngine();
    engine.upsert(source('a', 'Monitor flickers', 1));
    engine.upsert(source('b', 'Monitor arm broken', 2));
    expect(ids(engine, 'monitor')).toEqual(['a', 'b']);
    expect(engine.upsert(source('a', 'Keyboard missing keys', 3))).toBe(true);
    expect(ids(engine, 'flickers')).toEqual([]);
    expect(ids(engine, 'keyboard')).toEqual(['a']);
    expect(engine.remove('b', 4)).toBe(true);
    expect(ids(engine, 'monitor')).toEqual([]);
    expect(engine.size).toBe(1);
  });

  it('ignores a version older than the one indexed, and a copy of a deleted document', () => {
    const engine = new SearchEngine();
    engine.upsert(source('a', 'Toner low', 5));
    expect(engine.upsert(source('a', 'Toner empty', 4))).toBe(false);
    expect(ids(engine, 'low')).toEqual(['a']);
    engine.remove('a', 6);
    expect(engine.upsert(source('a', 'Toner low', 5))).toBe(false);
    expect(ids(engine, 'toner')).toEqual([]);
    expect(engine.upsert(source('a', 'Toner refilled', 7))).toBe(true);
    expect(ids(engine, 'refilled')).toEqual(['a']);
  });

  it('saves only what changed after the first save', () => {
    const engine = new SearchEngine();
    const store = new MemoryStore();
    for (let i = 0; i < 50; i++) engine.upsert(source(`d${i}`, `Laptop ${i} battery`, i + 1));
    engine.freeze();
    const first = store.save(engine);
    expect(first.added).toHaveLength(1);
    engine.upsert(source('d3', 'Laptop 3 screen', 100));
    const second = store.save(engine);
    expect(second.added).toEqual([]);
    expect(second.tombstones.map((t) => t.id)).toEqual([first.added[0]!.id]);
    expect(second.delta?.map((s) => s.id)).toEqual(['d3']);
    expect(engine.hasUnsavedChanges()).toBe(false);
    const restored = store.restore()!;
    expect(ids(restored, 'screen')).toEqual(['d3']);
    expect(ids(restored, 'battery')).toHaveLength(49);
  });

  it('refuses a torn segment record', () => {
    const engine = new SearchEngine();
    engine.upsert(source('a', 'Router reboots', 1));
    engine.freeze();
    const store = new MemoryStore();
    store.save(engine);
    const [id] = store.segmentIds;
    const data = store.segments.get(id!)!;
    store.segments.set(id!, { ...data, postTfMask: data.postTfMask.slice(1) });
    expect(store.restore()).toBeNull();
  });
});

const WORDS = ['cat', 'dog', 'fox', 'owl', 'bee', 'elk'] as const;

type Op =
  | { kind: 'upsert'; doc: number; words: number[] }
  | { kind: 'stale'; doc: number; words: number[] }
  | { kind: 'remove'; doc: number }
  | { kind: 'maintain'; freezeAt: number }
  | { kind: 'save' }
  | { kind: 'restart' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('upsert' as const),
      doc: fc.nat(30),
      words: fc.array(fc.nat(5), { maxLength: 4 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('stale' as const),
      doc: fc.nat(30),
      words: fc.array(fc.nat(5), { maxLength: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), doc: fc.nat(30) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('maintain' as const),
      freezeAt: fc.integer({ min: 1, max: 8 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'save' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

describe('SearchEngine against a model', () => {
  it('finds exactly the live documents holding a word, through freezes, merges, saves and restarts', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        let engine = new SearchEngine();
        const store = new MemoryStore();
        let saved = false;
        const model = new Map<string, { words: Set<string>; lwt: number }>();
        let clock = 10;
        for (const op of ops) {
          if (op.kind === 'upsert') {
            const words = op.words.map((w) => WORDS[w]!);
            engine.upsert(source(`d${op.doc}`, `Item ${words.join(' ')}`, ++clock));
            model.set(`d${op.doc}`, { words: new Set(words), lwt: clock });
          } else if (op.kind === 'stale') {
            // An old copy arriving late (an overlap of a replay and the change stream).
            if (!model.has(`d${op.doc}`)) continue;
            const words = op.words.map((w) => WORDS[w]!);
            expect(engine.upsert(source(`d${op.doc}`, `Item ${words.join(' ')}`, 1))).toBe(false);
          } else if (op.kind === 'remove') {
            engine.remove(`d${op.doc}`, ++clock);
            model.delete(`d${op.doc}`);
          } else if (op.kind === 'maintain') {
            engine.maintain(op.freezeAt);
          } else if (op.kind === 'save') {
            store.save(engine);
            saved = true;
          } else if (saved) {
            store.save(engine);
            engine = store.restore()!;
            expect(engine).not.toBeNull();
          }
        }
        expect(engine.size).toBe(model.size);
        for (const word of WORDS) {
          const expected = [...model]
            .filter(([, v]) => v.words.has(word))
            .map(([id]) => id)
            .sort();
          expect(ids(engine, `${word} `)).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });
});
