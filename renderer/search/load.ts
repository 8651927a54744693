/**
 * Reading the replica for the index: everything, for a first build, or what changed since the
 * saved checkpoints, for a start from the saved index.
 */
import { SearchEngine, SegmentBuilder } from '../../shared/search';
import type { OutpostDatabase } from '../data';
import { SEARCH_COLLECTIONS, laterOf, readChangesSince, type FeedItem, type SearchCollection } from './feed';
import type { Checkpoint, StateRecord } from './store';

/** Documents per segment of a full build. */
const BUILD_SEGMENT = 16_384;
const READ_BATCH = 2000;

/**
 * Every document of the searchable collections, indexed in segments straight from storage
 * reads. Between batches the main thread is given back, so the app stays responsive.
 */
export async function buildIndex(
  db: OutpostDatabase,
  onIndexed: (ms: number) => void,
): Promise<{ engine: SearchEngine; checkpoints: Record<SearchCollection, Checkpoint | null> }> {
  const engine = new SearchEngine();
  const checkpoints: Record<SearchCollection, Checkpoint | null> = {
    tickets: null,
    cis: null,
    articles: null,
    people: null,
  };
  let builder = new SegmentBuilder();
  const flush = () => {
    if (builder.size === 0) return;
    engine.appendSegment(builder.build(engine.allocateSegmentId()));
    builder = new SegmentBuilder();
  };
  for (const name of SEARCH_COLLECTIONS) {
    await readChangesSince(db, name, null, READ_BATCH, async (items) => {
      const t0 = performance.now();
      for (const item of items) {
        if (item.kind === 'upsert') builder.add(item.source);
        checkpoints[name] = laterOf(checkpoints[name], item.checkpoint);
      }
      if (builder.size >= BUILD_SEGMENT) flush();
      onIndexed(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
  const t0 = performance.now();
  flush();
  onIndexed(performance.now() - t0);
  engine.markAllUnsaved();
  return { engine, checkpoints };
}

/**
 * Every document state changed since the saved checkpoints, per collection. A checkpoint saved
 * less than `margin` after its last write is not settled: the replay starts `margin` earlier.
 */
export async function readSince(
  db: OutpostDatabase,
  state: StateRecord,
  margin: number,
): Promise<Record<SearchCollection, FeedItem[]>> {
  const lists = await Promise.all(
    SEARCH_COLLECTIONS.map(async (name) => {
      const saved = state.checkpoints?.[name] ?? null;
      const settled = !saved || state.savedAt - saved.lwt > margin;
      const since = settled ? saved : { id: '', lwt: Math.max(0, saved.lwt - margin) };
      const items: FeedItem[] = [];
      await readChangesSince(db, name, since, READ_BATCH, (batch) => {
        items.push(...batch);
      });
      return items;
    }),
  );
  return Object.fromEntries(SEARCH_COLLECTIONS.map((name, i) => [name, lists[i]!])) as Record<
    SearchCollection,
    FeedItem[]
  >;
}
