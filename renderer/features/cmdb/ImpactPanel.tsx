import { useMemo, useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Select, Stack, Tabs, Text } from '@mantine/core';
import {
  DEFAULT_IMPACT_DEPTH,
  analyzeImpact,
  type CmdbGraph,
  type ImpactItem,
  type ImpactStep,
  type PersonInfo,
} from '../../../shared/domain/impact';
import { CI_CLASS_LABELS, KIND_LABELS, STATUS_LABELS, labelOf } from '../../../shared/domain/labels';
import { relationPhrase } from '../../../shared/domain/relations';
import type { TicketLink } from '../../data/cmdb';

const FIRST = 10;
const MORE = 20;
const DEPTHS = ['1', '2', '3', '4', '5', '6'];

function stepPhrase(step: ImpactStep): string {
  if (step.via === 'assignee') return 'is assigned to';
  if (step.via === 'owner') return 'is owned by';
  return relationPhrase(step.via, step.forward);
}

function ImpactList({
  items,
  nameOf,
  rootName,
  testId,
}: {
  items: ImpactItem[];
  nameOf: (id: string) => string;
  rootName: string;
  testId: string;
}) {
  const [shown, setShown] = useState(FIRST);
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed" py="xs">
        Nothing within this depth.
      </Text>
    );
  }
  return (
    <Stack gap={6} pt="xs" data-testid={testId}>
      {items.slice(0, shown).map((item) => (
        <Stack key={item.id} gap={0} data-testid="impact-item" data-id={item.id} data-tier={item.tier}>
          <Group gap="xs" wrap="nowrap">
            {item.kind === 'ci' ? (
              <Anchor
                href={`#/cmdb/${item.id}`}
                size="sm"
                fw={600}
                className="plain-text"
                data-testid="impact-name"
              >
                {item.name}
              </Anchor>
            ) : (
              <Text size="sm" fw={600} data-testid="impact-name">
                {item.name}
              </Text>
            )}
            <Badge size="xs" variant={item.tier === 0 ? 'filled' : 'light'}>
              {item.kind === 'ci' ? labelOf(CI_CLASS_LABELS, item.ciClass ?? '') : 'People'}
            </Badge>
            <Text size="xs" c="dimmed">
              {item.distance === 1 ? '1 hop' : `${item.distance} hops`}
              {item.users > 0 ? ` · ${item.users === 1 ? '1 user' : `${item.users} users`}` : ''}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" className="plain-text" data-testid="impact-path">
            {rootName}
            {item.path
              .map(
                (step, i) =>
                  ` → ${stepPhrase(step)} ${i === item.path.length - 1 ? item.name : nameOf(step.toId)}`,
              )
              .join('')}
          </Text>
        </Stack>
      ))}
      {items.length > shown && (
        <Button
          size="compact-sm"
          variant="default"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => setShown(shown + MORE)}
        >
          Show {Math.min(MORE, items.length - shown)} more of {items.length - shown}
        </Button>
      )}
    </Stack>
  );
}

/**
 * What an outage of this CI affects (upstream) and what it relies on (downstream), most
 * important first, with the open incidents and changes on those items.
 */
export function ImpactPanel({
  rootId,
  rootName,
  graph,
  people,
  links,
  linksReady,
}: {
  rootId: string;
  rootName: string;
  graph: CmdbGraph;
  people: ReadonlyMap<string, PersonInfo>;
  links: ReadonlyMap<string, TicketLink>;
  /** False while the ticket links are still being read. */
  linksReady: boolean;
}) {
  const [depth, setDepth] = useState(String(DEFAULT_IMPACT_DEPTH));
  const result = useMemo(
    () => analyzeImpact(graph, rootId, { depth: Number(depth), people }),
    [graph, rootId, depth, people],
  );
  const nameOf = (id: string) => graph.nodes.get(id)?.name ?? people.get(id)?.name ?? id;

  const openWork = useMemo(() => {
    const involved = new Set([
      rootId,
      ...result.upstream.map((i) => i.id),
      ...result.downstream.map((i) => i.id),
    ]);
    const found: { link: TicketLink; ciIds: string[] }[] = [];
    for (const link of links.values()) {
      if (link.phase !== 'open' || (link.kind !== 'incident' && link.kind !== 'change')) continue;
      const on = link.ciIds.filter((id) => involved.has(id));
      if (on.length > 0) found.push({ link, ciIds: on });
    }
    return found.sort((a, b) => b.link.updatedAt - a.link.updatedAt);
  }, [links, result, rootId]);

  return (
    <Paper withBorder p="md" data-testid="impact-panel">
      <Group justify="space-between" mb="xs">
        <Text size="xs" fw={700} c="dimmed">
          IMPACT ANALYSIS
        </Text>
        <Select
          size="xs"
          w={130}
          aria-label="Impact depth"
          data={DEPTHS.map((d) => ({ value: d, label: `Depth ${d}` }))}
          value={depth}
          onChange={(v) => v && setDepth(v)}
          allowDeselect={false}
        />
      </Group>
      <Tabs defaultValue="up" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="up" data-testid="impact-upstream-tab">
            Affected if it fails ({result.upstream.length})
          </Tabs.Tab>
          <Tabs.Tab value="down" data-testid="impact-downstream-tab">
            Relies on ({result.downstream.length})
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="up">
          <ImpactList
            key={`up-${depth}`}
            items={result.upstream}
            nameOf={nameOf}
            rootName={rootName}
            testId="impact-upstream"
          />
        </Tabs.Panel>
        <Tabs.Panel value="down">
          <ImpactList
            key={`down-${depth}`}
            items={result.downstream}
            nameOf={nameOf}
            rootName={rootName}
            testId="impact-downstream"
          />
        </Tabs.Panel>
      </Tabs>
      <Text size="xs" fw={700} c="dimmed" mt="md" mb={4}>
        OPEN INCIDENTS AND CHANGES ON THESE ITEMS ({openWork.length})
      </Text>
      {!linksReady ? (
        <Text size="sm" c="dimmed">
          Looking for open incidents and changes…
        </Text>
      ) : openWork.length === 0 ? (
        <Text size="sm" c="dimmed">
          None open.
        </Text>
      ) : (
        <Stack gap={4} data-testid="impact-tickets">
          {openWork.slice(0, 20).map(({ link, ciIds }) => (
            <Group key={link.id} gap="xs" wrap="nowrap" data-testid="impact-ticket">
              <Anchor href={`#/tickets/${link.id}`} size="sm" fw={600}>
                {link.number}
              </Anchor>
              <Badge size="xs" variant="outline">
                {labelOf(KIND_LABELS, link.kind)}
              </Badge>
              <Text size="sm" className="plain-text" lineClamp={1}>
                {link.title}
              </Text>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {labelOf(STATUS_LABELS, link.status)} · on {ciIds.map(nameOf).join(', ')}
              </Text>
            </Group>
          ))}
          {openWork.length > 20 && (
            <Text size="xs" c="dimmed">
              and {openWork.length - 20} more.
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}
