/**
 * The CMDB as a graph, built once per change of the CMDB and read by impact analysis and the
 * graph view. Besides edge lists by id (for pages), it keeps a compact form for the walks:
 * every endpoint numbered, and for each direction of an outage the neighbours of each node in
 * flat typed arrays (compressed sparse rows), so a walk over 60,000 edges allocates almost
 * nothing and never hashes a string per edge.
 */
import type { CiClass, RelationType } from './model';

export interface GraphNode {
  id: string;
  name: string;
  ciClass: CiClass;
  ownerId: string;
  assigneeId: string;
}

export interface GraphEdge {
  id: string;
  fromId: string;
  toId: string;
  relType: RelationType;
}

/** Neighbours of node k are `to[start[k] .. start[k + 1])`, with the edge kind and direction. */
export interface Adjacency {
  start: Int32Array;
  to: Int32Array;
  /** Index into FOLLOWED_TYPES. */
  via: Uint8Array;
  /** 1 when the stored edge points the way the walk goes. */
  forward: Uint8Array;
}

export interface CmdbGraph {
  nodes: Map<string, GraphNode>;
  /** Edges by their `fromId`, and by their `toId`; ends may be people or tickets, not only CIs. */
  out: Map<string, GraphEdge[]>;
  in: Map<string, GraphEdge[]>;
  /** Every endpoint (CIs first, then people and other ids edges point at), numbered. */
  ids: string[];
  index: Map<string, number>;
  /** Number of CIs: indexes below it are CIs, and `nodeAt[k]` is CI number k. */
  ciCount: number;
  nodeAt: GraphNode[];
  /** Per CI, the people and groups it is used by or licensed to (`people.to` holds node numbers). */
  people: Adjacency;
  /** Towards what depends on a node (what breaks when it fails), and towards what it relies on. */
  up: Adjacency;
  down: Adjacency;
}

export interface CiLike {
  id: string;
  name: string;
  ciClass: CiClass;
  ownerId: string;
  assigneeId?: string;
}

/**
 * Which end of an edge depends on the other, and how strongly an outage travels along it.
 * `from`: the from-end relies on the to-end (A depends on / runs on / is hosted on B).
 * `to`: the to-end relies on the from-end (A is used by B, A is licensed to B).
 */
export const DEPENDENCY: Readonly<
  Partial<Record<RelationType, { dependent: 'from' | 'to' | 'both'; weight: number }>>
> = {
  depends_on: { dependent: 'from', weight: 1 },
  runs_on: { dependent: 'from', weight: 1 },
  hosted_on: { dependent: 'from', weight: 1 },
  used_by: { dependent: 'to', weight: 0.9 },
  licensed_to: { dependent: 'to', weight: 0.8 },
  // A link, not a dependency: an outage may travel either way, less surely.
  connected_to: { dependent: 'both', weight: 0.5 },
};

export const FOLLOWED_TYPES = Object.keys(DEPENDENCY) as RelationType[];
export const FOLLOWED_WEIGHTS = Float64Array.from(FOLLOWED_TYPES.map((t) => DEPENDENCY[t]!.weight));

/** Hops as parallel arrays of small integers (no object per hop while building). */
interface Hops {
  from: number[];
  to: number[];
  via: number[];
  forward: number[];
}

const emptyHops = (): Hops => ({ from: [], to: [], via: [], forward: [] });

function addHop(hops: Hops, from: number, to: number, via: number, forward: number): void {
  hops.from.push(from);
  hops.to.push(to);
  hops.via.push(via);
  hops.forward.push(forward);
}

function compact(count: number, hops: Hops): Adjacency {
  const length = hops.from.length;
  const start = new Int32Array(count + 1);
  for (let h = 0; h < length; h++) start[hops.from[h]! + 1]!++;
  for (let k = 0; k < count; k++) start[k + 1] = start[k + 1]! + start[k]!;
  const fill = start.slice(0, count);
  const to = new Int32Array(length);
  const via = new Uint8Array(length);
  const forward = new Uint8Array(length);
  for (let h = 0; h < length; h++) {
    const at = fill[hops.from[h]!]!++;
    to[at] = hops.to[h]!;
    via[at] = hops.via[h]!;
    forward[at] = hops.forward[h]!;
  }
  return { start, to, via, forward };
}

export function buildCmdbGraph(cis: Iterable<CiLike>, relations: Iterable<GraphEdge>): CmdbGraph {
  const nodes = new Map<string, GraphNode>();
  const ids: string[] = [];
  const index = new Map<string, number>();
  for (const ci of cis) {
    if (!index.has(ci.id)) {
      index.set(ci.id, ids.length);
      ids.push(ci.id);
    }
    nodes.set(ci.id, {
      id: ci.id,
      name: ci.name,
      ciClass: ci.ciClass,
      ownerId: ci.ownerId,
      assigneeId: ci.assigneeId ?? '',
    });
  }
  const ciCount = ids.length;
  const nodeAt = ids.map((id) => nodes.get(id)!);
  const personLinks = emptyHops();
  const numberOf = (id: string): number => {
    let k = index.get(id);
    if (k === undefined) {
      k = ids.length;
      index.set(id, k);
      ids.push(id);
    }
    return k;
  };
  const out = new Map<string, GraphEdge[]>();
  const inn = new Map<string, GraphEdge[]>();
  const upHops = emptyHops();
  const downHops = emptyHops();
  // Edges are kept by reference: the caller's relation documents are not copied.
  for (const e of relations) {
    const o = out.get(e.fromId);
    if (o) o.push(e);
    else out.set(e.fromId, [e]);
    const i = inn.get(e.toId);
    if (i) i.push(e);
    else inn.set(e.toId, [e]);
    const rule = DEPENDENCY[e.relType];
    if (!rule) continue;
    const via = FOLLOWED_TYPES.indexOf(e.relType);
    const a = numberOf(e.fromId);
    const b = numberOf(e.toId);
    if ((e.relType === 'used_by' || e.relType === 'licensed_to') && a < ciCount && b >= ciCount) {
      addHop(personLinks, a, b, 0, 0);
    }
    // An outage of the relied-upon end reaches the dependent end (up); reliance goes the other way.
    if (rule.dependent === 'from' || rule.dependent === 'both') {
      addHop(upHops, b, a, via, 0);
      addHop(downHops, a, b, via, 1);
    }
    if (rule.dependent === 'to' || rule.dependent === 'both') {
      addHop(upHops, a, b, via, 1);
      addHop(downHops, b, a, via, 0);
    }
  }
  return {
    nodes,
    out,
    in: inn,
    ids,
    index,
    ciCount,
    nodeAt,
    people: compact(ciCount, personLinks),
    up: compact(ids.length, upHops),
    down: compact(ids.length, downHops),
  };
}
