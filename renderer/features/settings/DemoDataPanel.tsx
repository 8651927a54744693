import { useState } from 'react';
import { Button, Group, NumberInput, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { bulkLoadTickets } from '../../data';
import { DEMO_SEED, useDb } from '../../app/database';

type LoadState =
  | { phase: 'idle' }
  | { phase: 'loading'; done: number; total: number }
  | { phase: 'done'; text: string }
  | { phase: 'error'; text: string };

/**
 * Generates more deterministic tickets into this replica, for trying Outpost at scale and for
 * the benchmark (`npm run seed` drives this panel).
 */
export function DemoDataPanel() {
  const db = useDb();
  const [count, setCount] = useState<number | string>(10_000);
  const [state, setState] = useState<LoadState>({ phase: 'idle' });

  const run = async () => {
    const total = Math.floor(Number(count));
    if (!Number.isFinite(total) || total < 1 || total > 500_000) {
      setState({ phase: 'error', text: 'Choose between 1 and 500,000 tickets.' });
      return;
    }
    setState({ phase: 'loading', done: 0, total });
    try {
      const result = await bulkLoadTickets(db, {
        seed: DEMO_SEED + 1,
        count: total,
        now: Date.now(),
        onProgress: (done: number) => setState({ phase: 'loading', done, total }),
      });
      const rate = Math.round(result.inserted / (result.ms / 1000));
      setState({
        phase: 'done',
        text: `Added ${result.inserted.toLocaleString()} tickets in ${(result.ms / 1000).toFixed(1)} s (${rate.toLocaleString()} docs/s).`,
      });
    } catch (error) {
      setState({ phase: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={4}>Demo data</Title>
        <Text size="sm" c="dimmed">
          Add generated tickets to this device’s replica to see how Outpost behaves at scale. They are
          ordinary tickets.
        </Text>
        <Group align="flex-end">
          <NumberInput
            label="Tickets to add"
            min={1}
            max={500000}
            step={1000}
            thousandSeparator=","
            value={count}
            onChange={setCount}
            w={200}
          />
          <Button onClick={run} loading={state.phase === 'loading'} data-testid="generate-tickets">
            Generate
          </Button>
        </Group>
        {state.phase === 'loading' && (
          <Progress value={(100 * state.done) / state.total} aria-label="Generating tickets" />
        )}
        {state.phase === 'done' && (
          <Text size="sm" c="teal" role="status" data-testid="generate-result">
            {state.text}
          </Text>
        )}
        {state.phase === 'error' && (
          <Text size="sm" c="red" role="alert">
            {state.text}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
