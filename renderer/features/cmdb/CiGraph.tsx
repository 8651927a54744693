import { useId, useMemo, useState } from 'react';
import { Group, Paper, SegmentedControl, Text } from '@mantine/core';
import { neighbourhood, radialLayout, shortLabel } from '../../../shared/domain/cmdbGraph';
import type { CmdbGraph } from '../../../shared/domain/impact';
import { CI_CLASS_LABELS, labelOf } from '../../../shared/domain/labels';
import { relationPhrase } from '../../../shared/domain/relations';
import { navigate } from '../../app/router';
import { classColor } from './classColors';
import './cmdb.css';

const NODE_RADIUS = 14;

/**
 * The CI's neighbourhood as an SVG we lay out ourselves (radial, one ring per hop). Every label
 * is an SVG text node; nodes are links (click or Enter) to their CI's page.
 */
export function CiGraph({ graph, rootId }: { graph: CmdbGraph; rootId: string }) {
  const [depth, setDepth] = useState('1');
  const markerId = `arrow-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const { hood, layout } = useMemo(() => {
    const h = neighbourhood(graph, rootId, Number(depth));
    return { hood: h, layout: radialLayout(h, (id) => graph.nodes.get(id)?.name ?? id) };
  }, [graph, rootId, depth]);
  const at = new Map(layout.nodes.map((n) => [n.id, n]));

  return (
    <Paper withBorder p="md" data-testid="ci-graph-panel">
      <Group justify="space-between" mb="xs">
        <Text size="xs" fw={700} c="dimmed">
          RELATIONSHIP GRAPH
        </Text>
        <Group gap="xs">
          <Text size="xs" c="dimmed">
            Depth
          </Text>
          <SegmentedControl
            size="xs"
            aria-label="Graph depth"
            data={['1', '2', '3']}
            value={depth}
            onChange={setDepth}
          />
        </Group>
      </Group>
      {hood.nodes.length <= 1 ? (
        <Text size="sm" c="dimmed">
          No relationships yet.
        </Text>
      ) : (
        <svg
          className="ci-graph"
          role="group"
          aria-label="Relationship graph"
          viewBox={`${layout.minX} ${layout.minY} ${layout.width} ${layout.height}`}
          preserveAspectRatio="xMidYMid meet"
          data-testid="ci-graph"
        >
          <defs>
            <marker
              id={markerId}
              viewBox="0 0 10 10"
              refX="10"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" className="ci-graph-arrow" />
            </marker>
          </defs>
          {hood.edges.map((edge) => {
            const from = at.get(edge.fromId);
            const to = at.get(edge.toId);
            if (!from || !to) return null;
            // Stop the line at the circle's edge so the arrow head shows.
            const dx = to.x - from.x;
            const dy = to.y - from.y;
            const length = Math.hypot(dx, dy) || 1;
            const ux = dx / length;
            const uy = dy / length;
            return (
              <g key={edge.id} data-testid="ci-graph-edge">
                <line
                  className="ci-graph-edge"
                  x1={from.x + ux * NODE_RADIUS}
                  y1={from.y + uy * NODE_RADIUS}
                  x2={to.x - ux * (NODE_RADIUS + 2)}
                  y2={to.y - uy * (NODE_RADIUS + 2)}
                  markerEnd={`url(#${markerId})`}
                />
                <text
                  className="ci-graph-edge-label"
                  x={(from.x + to.x) / 2}
                  y={(from.y + to.y) / 2 - 4}
                  textAnchor="middle"
                >
                  {relationPhrase(edge.relType, true)}
                </text>
              </g>
            );
          })}
          {layout.nodes.map((node) => {
            const info = graph.nodes.get(node.id);
            const name = info?.name ?? node.id;
            const open = () => node.id !== rootId && navigate(`/cmdb/${node.id}`);
            return (
              <g
                key={node.id}
                className="ci-graph-node"
                data-root={node.id === rootId}
                data-testid="ci-graph-node"
                role="link"
                tabIndex={0}
                aria-label={name}
                transform={`translate(${node.x} ${node.y})`}
                onClick={open}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    open();
                  }
                }}
              >
                <title>{`${name} (${labelOf(CI_CLASS_LABELS, info?.ciClass ?? '')})`}</title>
                <circle
                  r={NODE_RADIUS}
                  fill={`var(--mantine-color-${classColor(info?.ciClass ?? '')}-filled)`}
                />
                <text className="ci-graph-node-label" y={NODE_RADIUS + 14} textAnchor="middle">
                  {shortLabel(name)}
                </text>
              </g>
            );
          })}
        </svg>
      )}
      {hood.hidden > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          {hood.hidden} more items within this depth are not drawn; see the relationships list and the impact
          analysis.
        </Text>
      )}
    </Paper>
  );
}
