import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  analyzeImpact,
  buildCmdbGraph,
  MANY_USERS,
  type CiLike,
  type GraphEdge,
  type PersonInfo,
} from './impact';
import { neighbourhood, radialLayout } from './cmdbGraph';
import type { CiClass, RelationType } from './model';

function ci(id: string, ciClass: CiClass, extra: Partial<CiLike> = {}): CiLike {
  return { id, name: id, ciClass, ownerId: '', ...extra };
}

let edgeCount = 0;
function edge(fromId: string, relType: RelationType, toId: string): GraphEdge {
  edgeCount++;
  return { id: `rel_${edgeCount}`, fromId, toId, relType };
}

/** service -> app -> db -> server, app -> server, laptop user, a printer on the switch. */
function estate() {
  const cis = [
    ci('svc', 'business_service'),
    ci('app', 'application'),
    ci('db', 'database'),
    ci('srv', 'server'),
    ci('esx', 'server'),
    ci('sw', 'network'),
    ci('prn', 'printer'),
    ci('lt', 'laptop', { assigneeId: 'per_amy' }),
  ];
  const relations = [
    edge('svc', 'depends_on', 'app'),
    edge('app', 'depends_on', 'db'),
    edge('db', 'runs_on', 'srv'),
    edge('app', 'runs_on', 'srv'),
    edge('srv', 'hosted_on', 'esx'),
    edge('esx', 'connected_to', 'sw'),
    edge('prn', 'connected_to', 'sw'),
    edge('app', 'used_by', 'grp_finance'),
    edge('app', 'used_by', 'lt'),
    // A ticket link is not a dependency and must not be followed.
    edge('tkt_1', 'affects', 'srv'),
  ];
  const people = new Map<string, PersonInfo>([
    ['per_amy', { name: 'Amy', kind: 'user' }],
    ['grp_finance', { name: 'Finance', kind: 'group', members: 12 }],
  ]);
  return { graph: buildCmdbGraph(cis, relations), people };
}

describe('impact analysis', () => {
  it('finds what is affected upstream and what the item relies on downstream, with the paths', () => {
    const { graph, people } = estate();
    const result = analyzeImpact(graph, 'srv', { depth: 4, people });
    const up = result.upstream.map((i) => [i.id, i.distance]);
    expect(up).toContainEqual(['svc', 2]);
    expect(up).toContainEqual(['app', 1]);
    expect(up).toContainEqual(['db', 1]);
    expect(up).toContainEqual(['grp_finance', 2]);
    expect(up).toContainEqual(['lt', 2]);
    expect(up).toContainEqual(['per_amy', 3]);
    expect(result.upstream.map((i) => i.id)).not.toContain('tkt_1');
    const svc = result.upstream.find((i) => i.id === 'svc')!;
    expect(svc.path.map((s) => [s.fromId, s.via, s.toId, s.forward])).toEqual([
      ['srv', 'runs_on', 'app', false],
      ['app', 'depends_on', 'svc', false],
    ]);
    expect(result.downstream.map((i) => [i.id, i.distance])).toEqual([
      ['esx', 1],
      ['sw', 2],
      ['prn', 3],
    ]);
  });

  it('ranks business services first, then items many people use, then by weight and distance', () => {
    const { graph, people } = estate();
    const up = analyzeImpact(graph, 'srv', { depth: 4, people }).upstream;
    expect(up[0]?.id).toBe('svc');
    expect(up[0]?.tier).toBe(0);
    const app = up.find((i) => i.id === 'app')!;
    expect(app.users).toBeGreaterThanOrEqual(MANY_USERS);
    expect(up[1]?.id).toBe('app');
    for (let i = 1; i < up.length; i++) {
      const a = up[i - 1]!;
      const b = up[i]!;
      expect(a.tier < b.tier || (a.tier === b.tier && a.score >= b.score)).toBe(true);
    }
  });

  it('a weak link ranks below a hard dependency at the same distance', () => {
    const graph = buildCmdbGraph(
      [ci('x', 'server'), ci('hard', 'server'), ci('soft', 'server')],
      [edge('hard', 'runs_on', 'x'), edge('soft', 'connected_to', 'x')],
    );
    const up = analyzeImpact(graph, 'x').upstream;
    expect(up.map((i) => i.id)).toEqual(['hard', 'soft']);
    expect(up[1]!.weight).toBeLessThan(up[0]!.weight);
  });

  it('stops at the depth limit', () => {
    const cis = Array.from({ length: 10 }, (_, i) => ci(`n${i}`, 'server'));
    const relations = cis.slice(1).map((c, i) => edge(c.id, 'depends_on', `n${i}`));
    const graph = buildCmdbGraph(cis, relations);
    expect(analyzeImpact(graph, 'n0', { depth: 3 }).upstream.map((i) => i.id)).toEqual(['n1', 'n2', 'n3']);
    expect(analyzeImpact(graph, 'n0', { depth: 1 }).upstream.map((i) => i.id)).toEqual(['n1']);
    expect(analyzeImpact(graph, 'n9', { depth: 2 }).downstream.map((i) => i.distance)).toEqual([1, 2]);
  });

  it('terminates on cycles and lists each item once, at its shortest distance', () => {
    const graph = buildCmdbGraph(
      [ci('a', 'application'), ci('b', 'application'), ci('c', 'application')],
      [
        edge('a', 'depends_on', 'b'),
        edge('b', 'depends_on', 'c'),
        edge('c', 'depends_on', 'a'),
        edge('a', 'depends_on', 'a'),
      ],
    );
    const result = analyzeImpact(graph, 'a', { depth: 8 });
    expect(result.upstream.map((i) => [i.id, i.distance])).toEqual([
      ['c', 1],
      ['b', 2],
    ]);
    expect(result.downstream.map((i) => [i.id, i.distance])).toEqual([
      ['b', 1],
      ['c', 2],
    ]);
  });

  it('on any random graph: no duplicates, no root, distances within the limit, paths lead back to the root', () => {
    const types: RelationType[] = [
      'depends_on',
      'runs_on',
      'hosted_on',
      'used_by',
      'licensed_to',
      'connected_to',
      'affects',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }),
        fc.array(fc.tuple(fc.nat(24), fc.constantFrom(...types), fc.nat(24)), { maxLength: 80 }),
        fc.integer({ min: 1, max: 6 }),
        (n, raw, depth) => {
          const cis = Array.from({ length: n }, (_, i) =>
            ci(`c${i}`, i % 3 === 0 ? 'business_service' : 'server'),
          );
          const relations = raw.map(([f, t, to]) => edge(`c${f % n}`, t, `c${to % n}`));
          const graph = buildCmdbGraph(cis, relations);
          const result = analyzeImpact(graph, 'c0', { depth });
          for (const list of [result.upstream, result.downstream]) {
            const ids = list.map((i) => i.id);
            expect(new Set(ids).size).toBe(ids.length);
            expect(ids).not.toContain('c0');
            for (const item of list) {
              expect(item.distance).toBeGreaterThanOrEqual(1);
              expect(item.distance).toBeLessThanOrEqual(depth);
              expect(item.path).toHaveLength(item.distance);
              expect(item.path[0]?.fromId).toBe('c0');
              expect(item.path.at(-1)?.toId).toBe(item.id);
              for (let s = 1; s < item.path.length; s++)
                expect(item.path[s]!.fromId).toBe(item.path[s - 1]!.toId);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('an unknown CI has no impact', () => {
    const { graph } = estate();
    expect(analyzeImpact(graph, 'missing')).toEqual({ upstream: [], downstream: [] });
  });
});

describe('neighbourhood and layout', () => {
  it('collects items within the depth both ways, caps the drawing and places rings around the centre', () => {
    const { graph } = estate();
    const one = neighbourhood(graph, 'srv', 1);
    expect(one.nodes.map((n) => n.id).sort()).toEqual(['app', 'db', 'esx', 'srv']);
    expect(one.edges).toHaveLength(4);
    const capped = neighbourhood(graph, 'srv', 3, 3);
    expect(capped.nodes).toHaveLength(3);
    expect(capped.hidden).toBeGreaterThan(0);
    const layout = radialLayout(neighbourhood(graph, 'srv', 2), (id) => id, 100);
    const centre = layout.nodes.find((n) => n.id === 'srv')!;
    expect([centre.x, centre.y]).toEqual([0, 0]);
    for (const node of layout.nodes) {
      expect(Math.round(Math.hypot(node.x, node.y))).toBe(node.distance * 100);
      expect(node.x).toBeGreaterThan(layout.minX);
      expect(node.y).toBeGreaterThan(layout.minY);
    }
  });
});
