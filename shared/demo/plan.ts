/**
 * Where the process records sit among the generated tickets. The index range is cut into
 * blocks of BLOCK tickets; each block holds a few families (a problem and its incidents, a
 * release and its changes, standalone changes, a project and its tasks) at positions drawn from
 * the block's own stream. Everything else is a plain incident, request or question.
 *
 * A family lives inside one block, and its first slot (the lowest index) is the parent, so any
 * prefix of the range holds the parent of every child it holds.
 */
import { chance, createRandom, randomInt, sample } from './random';

export const BLOCK = 150;
/** Streams far above any ticket index and the team's stream (2^40), so none is shared. */
const PLAN_STREAM = 2 ** 41;
const FAMILY_STREAM = 2 ** 42;
const FAMILIES_PER_BLOCK = 16;

export type FamilyKind = 'problem' | 'release' | 'change' | 'project';

export interface FamilyPlan {
  kind: FamilyKind;
  /** Absolute ticket indexes, ascending; the first is the parent. */
  slots: number[];
  /** Stream id of the family's shared decisions. */
  stream: number;
  /** For standalone changes: the k-th of n, to spread their ages over the span. */
  stratum?: readonly [k: number, n: number];
}

export interface BlockPlan {
  families: FamilyPlan[];
  /** Ticket index -> position in `families`, for the indexes that belong to a family. */
  familyOf: Map<number, number>;
}

const POSITIONS = Array.from({ length: BLOCK }, (_, i) => i);

export function planBlock(seed: number, block: number, spanDays: number): BlockPlan {
  const random = createRandom(seed, PLAN_STREAM + block);
  const sizes: [FamilyKind, number, (readonly [number, number])?][] = [];
  for (let i = 0; i < 3; i++) sizes.push(['problem', 1 + randomInt(random, 1, 3)]);
  sizes.push(['release', 1 + randomInt(random, 2, 4)]);
  const singles = randomInt(random, 2, 3);
  for (let k = 0; k < singles; k++) sizes.push(['change', 1, [k, singles]]);
  // Two changes whose windows overlap on one item: recent, so a short (demo) span always has
  // one per block and a year of history a handful.
  if (chance(random, Math.min(1, 60 / Math.max(1, spanDays)))) sizes.push(['change', 2]);
  sizes.push(['project', 1 + randomInt(random, 3, 8)]);

  const total = sizes.reduce((sum, [, n]) => sum + n, 0);
  const positions = sample(random, POSITIONS, total);
  const families: FamilyPlan[] = [];
  const familyOf = new Map<number, number>();
  let next = 0;
  sizes.forEach(([kind, n, stratum], f) => {
    const slots = positions
      .slice(next, next + n)
      .sort((a, b) => a - b)
      .map((p) => block * BLOCK + p);
    next += n;
    for (const slot of slots) familyOf.set(slot, families.length);
    const stream = FAMILY_STREAM + block * FAMILIES_PER_BLOCK + f;
    families.push(stratum ? { kind, slots, stream, stratum } : { kind, slots, stream });
  });
  return { families, familyOf };
}
