/**
 * A CI's neighbourhood for the graph view: the items within a few hops either way, and a
 * radial layout (the CI in the middle, one ring per hop, each item near the one that led to it
 * so edges stay short and rarely cross).
 */
import type { CmdbGraph, GraphEdge } from './impact';

export interface NeighbourNode {
  id: string;
  distance: number;
  /** The item one ring in that led here ('' for the centre). */
  parentId: string;
}

export interface Neighbourhood {
  nodes: NeighbourNode[];
  edges: GraphEdge[];
  /** Items within the depth left out to keep the drawing readable. */
  hidden: number;
}

export const MAX_GRAPH_DEPTH = 3;
export const DEFAULT_MAX_GRAPH_NODES = 60;

/** Breadth-first over CI-to-CI edges of any type, both ways; nearest items are kept first. */
export function neighbourhood(
  graph: CmdbGraph,
  rootId: string,
  depth: number,
  maxNodes = DEFAULT_MAX_GRAPH_NODES,
): Neighbourhood {
  if (!graph.nodes.has(rootId)) return { nodes: [], edges: [], hidden: 0 };
  const limit = Math.max(1, Math.min(MAX_GRAPH_DEPTH, Math.floor(depth)));
  const nodes: NeighbourNode[] = [{ id: rootId, distance: 0, parentId: '' }];
  const seen = new Set([rootId]);
  let hidden = 0;
  let frontier = [rootId];
  for (let distance = 1; distance <= limit && frontier.length > 0; distance++) {
    const next: string[] = [];
    for (const id of frontier) {
      const adjacent = [
        ...(graph.out.get(id) ?? []).map((e) => e.toId),
        ...(graph.in.get(id) ?? []).map((e) => e.fromId),
      ];
      for (const other of adjacent) {
        if (seen.has(other) || !graph.nodes.has(other)) continue;
        seen.add(other);
        if (nodes.length >= maxNodes) {
          hidden++;
          continue;
        }
        nodes.push({ id: other, distance, parentId: id });
        next.push(other);
      }
    }
    frontier = next;
  }
  const shown = new Set(nodes.map((n) => n.id));
  const edges: GraphEdge[] = [];
  for (const node of nodes) {
    for (const edge of graph.out.get(node.id) ?? []) if (shown.has(edge.toId)) edges.push(edge);
  }
  return { nodes, edges, hidden };
}

export interface PlacedNode extends NeighbourNode {
  x: number;
  y: number;
}

export interface Layout {
  nodes: PlacedNode[];
  /** Bounding box for an SVG viewBox, with room for labels. */
  minX: number;
  minY: number;
  width: number;
  height: number;
}

/** Places rings `ringGap` apart; items on a ring follow their parents' angles. */
export function radialLayout(hood: Neighbourhood, nameOf: (id: string) => string, ringGap = 170): Layout {
  const angle = new Map<string, number>();
  const placed: PlacedNode[] = [];
  const rings = new Map<number, NeighbourNode[]>();
  for (const node of hood.nodes) {
    const ring = rings.get(node.distance);
    if (ring) ring.push(node);
    else rings.set(node.distance, [node]);
  }
  const distances = [...rings.keys()].sort((a, b) => a - b);
  for (const distance of distances) {
    const ring = rings.get(distance)!;
    if (distance === 0) {
      for (const node of ring) {
        angle.set(node.id, 0);
        placed.push({ ...node, x: 0, y: 0 });
      }
      continue;
    }
    ring.sort(
      (a, b) =>
        (angle.get(a.parentId) ?? 0) - (angle.get(b.parentId) ?? 0) ||
        nameOf(a.id).localeCompare(nameOf(b.id)),
    );
    const radius = distance * ringGap;
    // Start at the top; one item alone on a ring sits straight above its parent's side.
    const offset = -Math.PI / 2;
    ring.forEach((node, i) => {
      const a = offset + (2 * Math.PI * i) / ring.length + (distance % 2 === 0 ? Math.PI / ring.length : 0);
      angle.set(node.id, a);
      placed.push({ ...node, x: round(radius * Math.cos(a)), y: round(radius * Math.sin(a)) });
    });
  }
  const maxRing = distances.length > 0 ? Math.max(...distances) : 0;
  const extent = maxRing * ringGap + 110;
  return { nodes: placed, minX: -extent, minY: -extent + 40, width: 2 * extent, height: 2 * extent - 40 };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Long names are cut for the drawing; the full name stays in the node's tooltip. */
export function shortLabel(name: string, max = 22): string {
  return name.length <= max ? name : `${name.slice(0, max - 1)}…`;
}
