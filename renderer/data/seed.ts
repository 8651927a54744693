/**
 * Demo and benchmark data. Everything derives from a seed (shared/demo), so every fresh replica
 * seeded with the same seed holds the same team, and benchmarks compare like with like.
 * Writes go through bulkInsert in chunks (STACK-NOTES: RxDB writes 3.5-4.9k docs/s in chunks
 * of 1-5k); every per-document error is reported, never dropped.
 */
import type { RxCollection, RxStorageWriteError } from 'rxdb';
import { generateTeam, generateTickets, type DemoTeam } from '../../shared/demo/generator';
import type { OutpostDatabase } from './database';
import { highestUsedCounter } from './device';

/**
 * Device code of generated tickets (DEM0-0042). Fixed rather than this device's own code so
 * that two replicas seeded alike hold identical documents, and real numbering never collides.
 */
export const DEMO_DEVICE_ID = 'DEM0';

export class BulkInsertError extends Error {
  constructor(
    readonly collection: string,
    readonly errors: RxStorageWriteError<unknown>[],
    readonly inserted: number,
  ) {
    const first = errors[0];
    super(
      `${errors.length} ${collection} document(s) could not be written ` +
        `(first: ${first?.documentId ?? '?'} status ${first?.status ?? '?'}); ${inserted} written before.`,
    );
    this.name = 'BulkInsertError';
  }
}

/**
 * bulkInsert that surfaces every failure. `existingIsFine` accepts 409 conflicts, for seed
 * documents that are deterministic: an identical copy already present is not an error.
 */
async function insertAll<T>(
  collection: RxCollection<T>,
  docs: T[],
  options: { chunkSize?: number; existingIsFine?: boolean; onChunk?: (written: number) => void } = {},
): Promise<number> {
  const chunkSize = options.chunkSize ?? 2000;
  let written = 0;
  for (let i = 0; i < docs.length; i += chunkSize) {
    const result = await collection.bulkInsert(docs.slice(i, i + chunkSize));
    const errors = result.error.filter((e) => !(options.existingIsFine && e.status === 409));
    if (errors.length > 0) {
      throw new BulkInsertError(
        collection.name,
        errors as RxStorageWriteError<unknown>[],
        written + result.success.length,
      );
    }
    written += result.success.length;
    options.onChunk?.(written);
  }
  return written;
}

async function writeTeam(db: OutpostDatabase, team: DemoTeam): Promise<void> {
  const opts = { existingIsFine: true };
  await insertAll(db.people, team.people, opts);
  await insertAll(db.cis, team.cis, opts);
  await insertAll(db.articles, team.articles, opts);
  await insertAll(db.relations, team.relations, opts);
  await insertAll(db.settings, team.settings, opts);
}

export interface SeedOptions {
  seed: number;
  /** Generated tickets (with 0-3 activities each). */
  tickets?: number;
  /** Reference time: tickets are spread over the year before it. */
  now: number;
}

export interface SeedResult {
  seeded: boolean;
  tickets: number;
  activities: number;
}

/**
 * Fills an empty replica with the demo team and `tickets` tickets; does nothing when any
 * ticket exists. The team uses the generator's fixed reference time, not `now`, so its ids are
 * the same on every device whatever its clock.
 */
/** Six weeks of history: a demo desk should open on a live backlog, not a closed archive. */
export const DEMO_SPAN_DAYS = 45;

export async function seedDemoIfEmpty(db: OutpostDatabase, options: SeedOptions): Promise<SeedResult> {
  const count = options.tickets ?? 300;
  const any = await db.tickets.findOne().exec();
  if (any) return { seeded: false, tickets: 0, activities: 0 };
  const team = generateTeam(options.seed);
  await writeTeam(db, team);
  const { tickets, activities } = generateTickets(options.seed, team, {
    start: 0,
    count,
    now: options.now,
    deviceId: DEMO_DEVICE_ID,
    withActivities: true,
    spanDays: DEMO_SPAN_DAYS,
  });
  const opts = { existingIsFine: true };
  const writtenTickets = await insertAll(db.tickets, tickets, opts);
  const writtenActivities = await insertAll(db.activities, activities, opts);
  return { seeded: true, tickets: writtenTickets, activities: writtenActivities };
}

/** The team as stored in this replica, so generated tickets point at people and CIs it has. */
async function readTeam(db: OutpostDatabase): Promise<DemoTeam> {
  const [people, cis, articles, relations, settings] = await Promise.all([
    db.people.find().exec(),
    db.cis.find().exec(),
    db.articles.find().exec(),
    db.relations.find().exec(),
    db.settings.find().exec(),
  ]);
  return {
    people: people.map((d) => d.toMutableJSON()),
    cis: cis.map((d) => d.toMutableJSON()),
    articles: articles.map((d) => d.toMutableJSON()),
    relations: relations.map((d) => d.toMutableJSON()),
    settings: settings.map((d) => d.toMutableJSON()),
  };
}

export interface BulkLoadOptions {
  seed: number;
  count: number;
  chunkSize?: number;
  now: number;
  withActivities?: boolean;
  onProgress?: (inserted: number, total: number) => void;
}

export interface BulkLoadResult {
  inserted: number;
  ms: number;
}

/**
 * Benchmark load: generates and inserts `count` tickets chunk by chunk (memory stays flat).
 * Numbers continue after the highest demo number already present, so loading twice adds
 * tickets instead of colliding. Throws BulkInsertError on the first refused document.
 */
export async function bulkLoadTickets(
  db: OutpostDatabase,
  options: BulkLoadOptions,
): Promise<BulkLoadResult> {
  const started = performance.now();
  const chunkSize = options.chunkSize ?? 2000;
  if (!Number.isInteger(chunkSize) || chunkSize < 1)
    throw new RangeError('chunkSize must be a positive integer');
  let team = await readTeam(db);
  if (!team.people.some((p) => p.personKind === 'user')) {
    await writeTeam(db, generateTeam(options.seed));
    team = await readTeam(db);
  }
  const first = await highestUsedCounter(db, DEMO_DEVICE_ID);
  let inserted = 0;
  for (let offset = 0; offset < options.count; offset += chunkSize) {
    const { tickets, activities } = generateTickets(options.seed, team, {
      start: first + offset,
      count: Math.min(chunkSize, options.count - offset),
      now: options.now,
      deviceId: DEMO_DEVICE_ID,
      withActivities: options.withActivities ?? false,
    });
    inserted += await insertAll(db.tickets, tickets, { chunkSize });
    await insertAll(db.activities, activities, { chunkSize });
    options.onProgress?.(inserted, options.count);
  }
  return { inserted, ms: Math.round(performance.now() - started) };
}
