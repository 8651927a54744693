/**
 * Impact analysis over the CMDB graph, offline and pure.
 *
 * Upstream of a CI is what breaks when it fails: whatever depends on it, runs or is hosted on
 * it, uses it or holds its licence, and so on up to the business services and the people who
 * use them. Downstream is what it relies on. Each result carries the path that explains it.
 *
 * Ranking (what matters first, so one firewall does not bury the answer under 600 switches):
 * business services first, then items many people use, then the rest; within each tier a
 * score of class weight × relation weights along the path ÷ distance, plus a little for each
 * user. Every node is visited once (cycles end there) and never beyond `depth` hops.
 */
import {
  FOLLOWED_TYPES,
  FOLLOWED_WEIGHTS,
  type Adjacency,
  type CmdbGraph,
  type GraphNode,
} from './graphIndex';
import type { CiClass, RelationType } from './model';

export {
  DEPENDENCY,
  buildCmdbGraph,
  type CiLike,
  type CmdbGraph,
  type GraphEdge,
  type GraphNode,
} from './graphIndex';

export const CLASS_WEIGHT: Readonly<Record<CiClass | 'person', number>> = {
  business_service: 10,
  application: 6,
  database: 5,
  server: 4,
  network: 4,
  licence: 3,
  desktop: 2,
  laptop: 2,
  mobile: 2,
  printer: 2,
  generic: 1,
  person: 3,
};

/** Items used by at least this many people rank right after business services. */
export const MANY_USERS = 5;
export const DEFAULT_IMPACT_DEPTH = 4;
export const MAX_IMPACT_DEPTH = 8;

export interface PersonInfo {
  name: string;
  kind: 'user' | 'group';
  /** Groups: how many people they hold. */
  members?: number;
}

export interface ImpactStep {
  /** The item this step leaves from (the analysed CI for the first step). */
  fromId: string;
  toId: string;
  /** The stored edge's type, or how a person hangs off an item. */
  via: RelationType | 'assignee' | 'owner';
  /** Whether the stored edge points from `fromId` to `toId` (phrases read accordingly). */
  forward: boolean;
}

export interface ImpactItem {
  id: string;
  kind: 'ci' | 'person';
  name: string;
  ciClass?: CiClass;
  distance: number;
  /** Product of the relation weights along the path (1 = every hop a hard dependency). */
  weight: number;
  /** People directly using this item (groups count their members). */
  users: number;
  tier: 0 | 1 | 2;
  score: number;
  path: ImpactStep[];
}

export interface ImpactResult {
  upstream: ImpactItem[];
  downstream: ImpactItem[];
}

export interface ImpactOptions {
  depth?: number;
  /** People and groups by id: edges to them, assignees and owners become affected users. */
  people?: ReadonlyMap<string, PersonInfo>;
}

/**
 * People directly using CI number `k`: used-by and licence links to people (a group counts its
 * members), its assignee and its owner when that is a person. Links are unique per pair, so
 * counting links counts people.
 */
function userCount(
  graph: CmdbGraph,
  k: number,
  node: GraphNode,
  people: ReadonlyMap<string, PersonInfo>,
): number {
  let count = 0;
  let linkedAssignee = false;
  let linkedOwner = false;
  const { start, to } = graph.people;
  for (let e = start[k]!, end = start[k + 1]!; e < end; e++) {
    const id = graph.ids[to[e]!]!;
    const person = people.get(id);
    if (!person) continue;
    count += person.kind === 'group' ? Math.max(1, person.members ?? 1) : 1;
    if (id === node.assigneeId) linkedAssignee = true;
    if (id === node.ownerId) linkedOwner = true;
  }
  if (node.assigneeId && !linkedAssignee && people.has(node.assigneeId)) count++;
  if (
    node.ownerId &&
    !linkedOwner &&
    node.ownerId !== node.assigneeId &&
    people.get(node.ownerId)?.kind === 'user'
  ) {
    count++;
  }
  return count;
}

/** A person reached at the end of a chain, and how (prev is a node index). */
interface PersonHit {
  distance: number;
  weight: number;
  prev: number;
  via: ImpactStep['via'];
  forward: boolean;
}

function walk(
  graph: CmdbGraph,
  root: number,
  adjacency: Adjacency,
  depth: number,
  people: ReadonlyMap<string, PersonInfo>,
  upstream: boolean,
): ImpactItem[] {
  const n = graph.ids.length;
  const { start, to, via, forward } = adjacency;
  const distance = new Int16Array(n).fill(-1);
  const weight = new Float64Array(n);
  const prev = new Int32Array(n).fill(-1);
  const viaOf = new Uint8Array(n);
  const forwardOf = new Uint8Array(n);
  const order: number[] = [];
  const personHits = new Map<string, PersonHit>();
  const meetPerson = (id: string, hit: PersonHit) => {
    const seen = personHits.get(id);
    if (
      !seen ||
      hit.distance < seen.distance ||
      (hit.distance === seen.distance && hit.weight > seen.weight)
    ) {
      personHits.set(id, hit);
    }
  };

  distance[root] = 0;
  weight[root] = 1;
  let frontier = [root];
  for (let d = 1; d <= depth && frontier.length > 0; d++) {
    const next: number[] = [];
    for (let f = 0; f < frontier.length; f++) {
      const from = frontier[f]!;
      const base = weight[from]!;
      for (let e = start[from]!, end = start[from + 1]!; e < end; e++) {
        const other = to[e]!;
        const w = base * FOLLOWED_WEIGHTS[via[e]!]!;
        const seen = distance[other]!;
        if (seen === -1) {
          if (other >= graph.ciCount) {
            // Not a CI: a person at the end of a chain (upstream), or a ticket, not followed.
            const id = graph.ids[other]!;
            if (upstream && people.has(id)) {
              meetPerson(id, {
                distance: d,
                weight: w,
                prev: from,
                via: FOLLOWED_TYPES[via[e]!]!,
                forward: forward[e] === 1,
              });
            }
            continue;
          }
          distance[other] = d;
          next.push(other);
          order.push(other);
        } else if (seen !== d || w <= weight[other]!) {
          continue;
        }
        // First reached, or reached as far by a stronger path: explain it by that one.
        weight[other] = w;
        prev[other] = from;
        viaOf[other] = via[e]!;
        forwardOf[other] = forward[e]!;
      }
    }
    frontier = next;
  }

  const pathFrom = (at: number, steps: ImpactStep[]): ImpactStep[] => {
    while (at !== root && prev[at]! >= 0 && steps.length <= MAX_IMPACT_DEPTH) {
      const p = prev[at]!;
      steps.push({
        fromId: graph.ids[p]!,
        toId: graph.ids[at]!,
        via: FOLLOWED_TYPES[viaOf[at]!]!,
        forward: forwardOf[at] === 1,
      });
      at = p;
    }
    return steps.reverse();
  };
  const hang = (k: number, node: GraphNode) => {
    // The people at the end of the chain: assignees and owners of every affected item.
    if (node.assigneeId && people.get(node.assigneeId)?.kind === 'user') {
      meetPerson(node.assigneeId, {
        distance: distance[k]! + 1,
        weight: weight[k]!,
        prev: k,
        via: 'assignee',
        forward: true,
      });
    }
    if (node.ownerId && people.get(node.ownerId)?.kind === 'user') {
      meetPerson(node.ownerId, {
        distance: distance[k]! + 1,
        weight: weight[k]!,
        prev: k,
        via: 'owner',
        forward: true,
      });
    }
  };

  const items: ImpactItem[] = [];
  if (upstream) hang(root, graph.nodeAt[root]!);
  for (const k of order) {
    const node = graph.nodeAt[k]!;
    if (upstream) hang(k, node);
    const users = upstream ? userCount(graph, k, node, people) : 0;
    const tier = node.ciClass === 'business_service' && upstream ? 0 : users >= MANY_USERS ? 1 : 2;
    const d = distance[k]!;
    const w = weight[k]!;
    items.push({
      id: node.id,
      kind: 'ci',
      name: node.name,
      ciClass: node.ciClass,
      distance: d,
      weight: w,
      users,
      tier,
      score: (CLASS_WEIGHT[node.ciClass] * w) / d + Math.log2(1 + users),
      path: pathFrom(k, []),
    });
  }
  const rootId = graph.ids[root]!;
  for (const [id, hit] of personHits) {
    if (id === rootId) continue;
    const person = people.get(id)!;
    const users = person.kind === 'group' ? (person.members ?? 1) : 1;
    const last: ImpactStep = { fromId: graph.ids[hit.prev]!, toId: id, via: hit.via, forward: hit.forward };
    items.push({
      id,
      kind: 'person',
      name: person.name,
      distance: hit.distance,
      weight: hit.weight,
      users,
      tier: users >= MANY_USERS ? 1 : 2,
      score: (CLASS_WEIGHT.person * hit.weight) / hit.distance + Math.log2(1 + users),
      path: pathFrom(hit.prev, [last]),
    });
  }
  items.sort(compareImpact);
  return items;
}

export function compareImpact(a: ImpactItem, b: ImpactItem): number {
  // Plain code-unit order for names: localeCompare over thousands of ties costs tens of ms.
  return (
    a.tier - b.tier ||
    b.score - a.score ||
    a.distance - b.distance ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function analyzeImpact(graph: CmdbGraph, rootId: string, options: ImpactOptions = {}): ImpactResult {
  const depth = Math.max(1, Math.min(MAX_IMPACT_DEPTH, Math.floor(options.depth ?? DEFAULT_IMPACT_DEPTH)));
  const people = options.people ?? new Map<string, PersonInfo>();
  const root = graph.index.get(rootId);
  if (root === undefined || root >= graph.ciCount) return { upstream: [], downstream: [] };
  return {
    upstream: walk(graph, root, graph.up, depth, people, true),
    downstream: walk(graph, root, graph.down, depth, people, false),
  };
}
