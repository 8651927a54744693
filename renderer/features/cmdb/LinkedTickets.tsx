import { useMemo, useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { KIND_LABELS, STATUS_LABELS, labelOf } from '../../../shared/domain/labels';
import type { TicketLink } from '../../data/cmdb';

const FIRST = 10;

function TicketLine({ link }: { link: TicketLink }) {
  return (
    <Group gap="xs" wrap="nowrap" data-testid="linked-ticket" data-phase={link.phase}>
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
        {labelOf(STATUS_LABELS, link.status)} · {new Date(link.updatedAt).toLocaleDateString()}
      </Text>
    </Group>
  );
}

/** Tickets that name this CI: open ones first, then the past, newest first. */
export function LinkedTickets({
  ciId,
  links,
  ready,
}: {
  ciId: string;
  links: ReadonlyMap<string, TicketLink>;
  /** False while the ticket links are still being read. */
  ready: boolean;
}) {
  const [showPast, setShowPast] = useState(FIRST);
  const { open, past } = useMemo(() => {
    const mine = [...links.values()]
      .filter((l) => l.ciIds.includes(ciId))
      .sort((a, b) => b.updatedAt - a.updatedAt);
    return { open: mine.filter((l) => l.phase === 'open'), past: mine.filter((l) => l.phase !== 'open') };
  }, [links, ciId]);
  return (
    <Paper withBorder p="md" data-testid="linked-tickets">
      <Text size="xs" fw={700} c="dimmed" mb="xs">
        {ready ? `TICKETS (${open.length} OPEN, ${past.length} PAST)` : 'TICKETS'}
      </Text>
      <Stack gap={4}>
        {!ready && (
          <Text size="sm" c="dimmed">
            Looking for tickets…
          </Text>
        )}
        {ready && open.length === 0 && past.length === 0 && (
          <Text size="sm" c="dimmed">
            No ticket names this item.
          </Text>
        )}
        {open.map((l) => (
          <TicketLine key={l.id} link={l} />
        ))}
        {past.length > 0 && (
          <Text size="xs" fw={700} c="dimmed" mt={open.length > 0 ? 'xs' : 0}>
            PAST
          </Text>
        )}
        {past.slice(0, showPast).map((l) => (
          <TicketLine key={l.id} link={l} />
        ))}
        {past.length > showPast && (
          <Button
            size="compact-sm"
            variant="default"
            style={{ alignSelf: 'flex-start' }}
            onClick={() => setShowPast(showPast + FIRST * 2)}
          >
            Show more ({past.length - showPast})
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
